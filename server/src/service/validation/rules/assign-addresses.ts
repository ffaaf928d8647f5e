/**
 * Assign/UnassignPrivateIpAddresses and Assign/UnassignIpv6Addresses (seeds 000, 001): which
 * addresses, counts or prefixes a request asks for, and the missing DryRun of these operations.
 */
import { getProperty } from '../../document/navigate';
import { objectAnchor, type RuleContext, type RuleGroup } from '../problem';
import { givenMember } from '../schema-walk';
import { givenMembers, mentionsAny, orList, reportExtras } from './members';

interface AddressOperation {
  /** Assign: exactly one of these. Unassign: at least one of these. */
  modes: readonly string[];
  kind: 'assign' | 'unassign';
}

const OPERATIONS: Record<string, AddressOperation> = {
  AssignPrivateIpAddresses: { kind: 'assign', modes: ['PrivateIpAddresses', 'SecondaryPrivateIpAddressCount', 'Ipv4Prefixes', 'Ipv4PrefixCount'] },
  UnassignPrivateIpAddresses: { kind: 'unassign', modes: ['PrivateIpAddresses', 'Ipv4Prefixes'] },
  AssignIpv6Addresses: { kind: 'assign', modes: ['Ipv6Addresses', 'Ipv6AddressCount', 'Ipv6Prefixes', 'Ipv6PrefixCount'] },
  UnassignIpv6Addresses: { kind: 'unassign', modes: ['Ipv6Addresses', 'Ipv6Prefixes'] },
};

export const assignAddressRules: RuleGroup = {
  name: 'assign-addresses',
  operations: Object.keys(OPERATIONS),
  check(context) {
    const name = context.operation['x-operation'].name;
    const operation = OPERATIONS[name];
    if (!operation) return;
    if (operation.kind === 'assign') checkAssign(context, name, operation.modes);
    else checkUnassign(context, name, operation.modes);
    noDryRun(context, name);
  },
};

function checkAssign(context: RuleContext, name: string, modes: readonly string[]): void {
  const { root, operation } = context;
  const given = givenMembers(root, operation, modes);
  if (given.length === 0 && !mentionsAny(root, modes)) {
    context.report({
      code: 'assign-needs-one-mode',
      severity: 'error',
      ...objectAnchor(root),
      message: `${name} needs to know what to assign: give exactly one of ${orList(modes)} (specific addresses or prefixes, or how many EC2 should pick).`,
    });
  }
  reportExtras(
    context,
    given,
    'assign-needs-one-mode',
    (extra, first) => `${extra} cannot be combined with ${first}: ${name} takes exactly one of ${orList(modes)}. Remove one of them.`,
  );
  reassignmentWithoutAddresses(
    context,
    given.map((p) => p.key.value),
  );
}

/** `AllowReassignment: true` only moves specific addresses; with a count or prefixes it does nothing. */
function reassignmentWithoutAddresses(context: RuleContext, givenModes: string[]): void {
  const allow = givenMember(context.root, 'AllowReassignment', 'boolean');
  // Without any mode the request is already an error: one finding is enough.
  if (!allow?.value.value || givenModes.length === 0 || givenModes.includes('PrivateIpAddresses')) return;
  context.report({
    code: 'reassignment-without-addresses',
    severity: 'warning',
    node: allow.property.key,
    message: `AllowReassignment has no effect with ${orList(givenModes)}: it only lets specific PrivateIpAddresses move here from another interface. Remove it, or list the addresses to move in PrivateIpAddresses.`,
    fixes: [{ fix: 'remove-member', path: ['AllowReassignment'], title: 'Remove AllowReassignment' }],
  });
}

function checkUnassign(context: RuleContext, name: string, targets: readonly string[]): void {
  const { root, operation } = context;
  if (givenMembers(root, operation, targets).length > 0 || mentionsAny(root, targets)) return;
  context.report({
    code: 'unassign-needs-target',
    severity: 'error',
    ...objectAnchor(root),
    message: `${name} needs to know what to remove: give ${orList(targets)} with the addresses or prefixes to unassign from the interface.`,
  });
}

/** These operations cannot be tried with DryRun: say so once, where the request is identified. */
function noDryRun(context: RuleContext, name: string): void {
  const { root } = context;
  const anchor = getProperty(root, 'NetworkInterfaceId') ?? root.properties[0];
  context.report({
    code: 'no-dry-run',
    severity: 'information',
    ...(anchor ? { node: anchor.key } : objectAnchor(root)),
    message: `${name} has no DryRun parameter: running this request changes the account right away. To check it first, use the read-only preflight the editor offers (it describes the interface and its current addresses).`,
  });
}
