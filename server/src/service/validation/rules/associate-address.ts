/**
 * AssociateAddress: the address goes to an instance or to a network interface, not both ("You can
 * specify either the instance ID or the network interface ID, but not both").
 */
import { type RuleGroup } from '../problem';
import { givenMember } from '../schema-walk';

export const associateAddressRules: RuleGroup = {
  name: 'associate-address',
  operations: ['AssociateAddress'],
  check({ root, report }) {
    const instance = givenMember(root, 'InstanceId', 'string');
    const eni = givenMember(root, 'NetworkInterfaceId', 'string');
    if (!instance || !eni) return;
    report({
      code: 'associate-target',
      severity: 'error',
      node: instance.property.key,
      message:
        'AssociateAddress takes InstanceId or NetworkInterfaceId, not both. Keep NetworkInterfaceId (with PrivateIpAddress for one of its addresses) to choose the interface, or InstanceId for the primary interface of the instance.',
      related: [{ node: eni.property.key, message: 'the network interface named too' }],
      fixes: [{ fix: 'remove-member', path: ['InstanceId'], title: 'Remove InstanceId (keep the network interface)' }],
    });
  },
};
