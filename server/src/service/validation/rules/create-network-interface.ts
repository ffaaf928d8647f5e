/**
 * CreateNetworkInterface: the request is one interface specification. InterfaceType, Groups,
 * connection tracking and count ranges are checked by the schema walk (overlays).
 */
import type { RuleGroup } from '../problem';
import { checkInterfaceSpec, InterfaceSpec } from './network-interface-spec';

export const createNetworkInterfaceRules: RuleGroup = {
  name: 'create-network-interface',
  operations: ['CreateNetworkInterface'],
  check({ operation, root, report }) {
    checkInterfaceSpec(new InterfaceSpec(root, operation, []), report);
  },
};
