/** The operations a new request can be for, and the file a new request starts from. */
import { stringify } from 'yaml';
import type { NewRequestTemplate, OperationSummary } from '../../../../contract/protocol';
import type { OperationRegistry } from '../../model/registry';
import type { OperationInfo } from '../../model/schema-types';
import { placeholderFor } from '../../model/placeholders';

/**
 * Members a template adds to the required ones, so that a new request meets the cross-field rules
 * the schema cannot express (one attribute per Modify/Describe, one way to pick addresses, …) and
 * starts where users start (a secondary interface, not the primary's device index 0).
 */
const TEMPLATE_MEMBERS: Readonly<Record<string, Record<string, unknown>>> = {
  AttachNetworkInterface: { DeviceIndex: 1 },
  DescribeNetworkInterfaceAttribute: { Attribute: 'description' },
  ModifyNetworkInterfaceAttribute: { Description: { Value: '' } },
  AssignPrivateIpAddresses: { SecondaryPrivateIpAddressCount: 1 },
  UnassignPrivateIpAddresses: { PrivateIpAddresses: ['10.0.0.10'] },
  AssignIpv6Addresses: { Ipv6AddressCount: 1 },
  UnassignIpv6Addresses: { Ipv6Addresses: ['2001:db8::10'] },
  CreateTags: { Resources: ['eni-00000000'], Tags: [{ Key: 'Name', Value: '' }] },
  DeleteTags: { Resources: ['eni-00000000'] },
  AssociateAddress: { AllocationId: 'eipalloc-00000000', NetworkInterfaceId: 'eni-00000000' },
  DisassociateAddress: { AssociationId: 'eipassoc-00000000' },
  ModifyInstanceAttribute: { Groups: ['sg-00000000'] },
  CreateLaunchTemplate: { LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-00000000', Groups: ['sg-00000000'] }] } },
  RequestSpotInstances: {
    InstanceCount: 1,
    LaunchSpecification: { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-00000000', Groups: ['sg-00000000'] }] },
  },
};

/** Operations without DryRun that change the account: the read-only preflight stands in for the dry run. */
export function hasPreflight(info: OperationInfo): boolean {
  return !info.hasDryRun && /^(Assign|Unassign)/.test(info.name);
}

export function operationSummaries(registry: OperationRegistry): OperationSummary[] {
  return registry.all().map((schema) => {
    const info = schema['x-operation'];
    const required = schema.required?.length ? `Required: ${schema.required.join(', ')}.` : 'No required members.';
    const dryRun = info.hasDryRun ? '' : hasPreflight(info) ? ' No dry run: check it with the read-only preflight.' : ' No dry run (it only reads).';
    return { name: info.name, cliCommand: info.cliCommand, hasDryRun: info.hasDryRun, description: `aws ec2 ${info.cliCommand}. ${required}${dryRun}` };
  });
}

/**
 * A valid request with the required members (placeholders where the user must fill in an ID or
 * address: an information note points at each ID until it is filled in), named by the file-name
 * convention, so no modeline is needed.
 * Undefined for an operation the registry does not know.
 */
export function newRequestTemplate(registry: OperationRegistry, operation: string, syntax: 'json' | 'yaml'): NewRequestTemplate | undefined {
  const schema = registry.get(operation);
  if (!schema) return undefined;
  const info = schema['x-operation'];
  const request: Record<string, unknown> = {};
  for (const member of schema.required ?? []) request[member] = placeholderFor(schema.properties?.[member]);
  Object.assign(request, TEMPLATE_MEMBERS[info.name]);
  const content = syntax === 'json' ? `${JSON.stringify(request, null, 2)}\n` : stringify(request);
  return { fileName: `new.${info.cliCommand}.${syntax}`, content };
}
