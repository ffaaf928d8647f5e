import type { RuleGroup } from '../problem';

// Placeholder: the rules of this group are being written.
export const createNetworkInterfaceRules: RuleGroup = { name: 'create-network-interface', check() {} };
