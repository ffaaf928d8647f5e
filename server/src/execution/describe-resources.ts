/**
 * Read-only look-ups for the live checks, one session (credentials and region resolved once) per
 * query and its calls in parallel: which subnet, security group, network interface and instance IDs
 * exist and what they are, listings for completion (describe-ids.ts); which interface holds an
 * address in a subnet (describe-addresses.ts); the network limits of instance types
 * (describe-instance-types.ts). Only Describe calls, with `Filters` (describe-calls.ts).
 *
 * The types are SDK-free: the language service imports them with `import type`.
 */
import { classifyError } from './classify';
import { ExecutionContext } from './context';
import { addressCalls } from './describe-addresses';
import type { DescribeCall, Findings, Subject } from './describe-calls';
import { idCalls } from './describe-ids';
import { instanceTypeCalls } from './describe-instance-types';
import type { ExecutionOptions, ExecutionResult } from './outcome';
import { inSession, Session } from './session';

export { VALUES_PER_CALL } from './describe-calls';

/** The ID kinds the live checks look up (the schemas' `x-idKind`). */
export type ResourceKind = 'subnet' | 'sg' | 'eni' | 'i';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['subnet', 'sg', 'eni', 'i'];

/** What a Describe call says about one resource; members a kind does not have stay undefined. */
export interface DescribedResource {
  readonly kind: ResourceKind;
  readonly id: string;
  /** The `Name` tag. */
  readonly name?: string;
  readonly vpcId?: string;
  /** Subnets: the IPv4 CIDR block. */
  readonly cidrBlock?: string;
  /** Subnets: the associated IPv6 CIDR blocks. */
  readonly ipv6CidrBlocks?: string[];
  readonly availabilityZone?: string;
  /** Interfaces and instances: the subnet they are in. */
  readonly subnetId?: string;
  /** Subnets and interfaces: state/status; instances: the state name. */
  readonly state?: string;
  /** Security groups: the group name (not the Name tag). */
  readonly groupName?: string;
  /** Security groups and interfaces. */
  readonly description?: string;
  readonly instanceType?: string;
  /** Interfaces and instances: the primary private IPv4 address. */
  readonly privateIpAddress?: string;
}

/** Addresses (IPv4 and IPv6, any spelling) to look for in a subnet. */
export interface AddressQuery {
  readonly subnetId: string;
  readonly addresses: readonly string[];
}

/** An address of a subnet, canonical (address-text.ts). */
export interface SubnetAddress {
  readonly subnetId: string;
  readonly address: string;
}

/** An address some interface of the subnet holds. */
export interface AddressHolder extends SubnetAddress {
  readonly networkInterfaceId: string;
  readonly description?: string;
  /** The instance the interface is attached to. */
  readonly instanceId?: string;
}

/** The network limits of an instance type (DescribeInstanceTypes' NetworkInfo); undefined: not given. */
export interface InstanceTypeLimits {
  readonly instanceType: string;
  readonly maximumNetworkInterfaces?: number;
  readonly maximumNetworkCards?: number;
  readonly ipv4AddressesPerInterface?: number;
  readonly ipv6AddressesPerInterface?: number;
  readonly ipv6Supported?: boolean;
}

export interface ResourceQuery {
  /** IDs to look up, per kind. */
  readonly ids?: Partial<Record<ResourceKind, readonly string[]>>;
  /** Kinds to list (one page each, at most `listLimit`; instances that are not terminated). */
  readonly list?: readonly ResourceKind[];
  /** 5 to 1000; default 200. */
  readonly listLimit?: number;
  /** Addresses to find the holders of, per subnet. */
  readonly addresses?: readonly AddressQuery[];
  /** Instance types whose network limits are wanted. */
  readonly instanceTypes?: readonly string[];
}

export interface DescribeResourcesResult extends ExecutionResult {
  /** Succeeded: everything the calls returned (looked up or listed), once per kind and ID. */
  readonly found?: DescribedResource[];
  /** Succeeded: per kind, the IDs looked up that do not exist in the region (or are not visible). */
  readonly missing?: Partial<Record<ResourceKind, string[]>>;
  /** Succeeded: the kinds listed, and those whose listing was cut at `listLimit`. */
  readonly listed?: ResourceKind[];
  readonly truncated?: ResourceKind[];
  /** Succeeded: the addresses looked up that an interface of their subnet holds, and those none holds. */
  readonly addressesInUse?: AddressHolder[];
  readonly addressesFree?: SubnetAddress[];
  /** Succeeded: the limits of the instance types looked up, and the types the region does not know. */
  readonly instanceTypes?: InstanceTypeLimits[];
  readonly unknownInstanceTypes?: string[];
}

type Merged = Required<
  Pick<DescribeResourcesResult, 'found' | 'missing' | 'listed' | 'truncated' | 'addressesInUse' | 'addressesFree' | 'instanceTypes' | 'unknownInstanceTypes'>
>;

/**
 * Looks up and lists with read-only Describe calls. A failure of any call (denied, unreachable, no
 * credentials…) is the result, named after the action that failed.
 */
export async function describeResources(query: ResourceQuery, options: ExecutionOptions = {}): Promise<DescribeResourcesResult> {
  const calls = [...idCalls(query), ...addressCalls(query.addresses ?? []), ...instanceTypeCalls(query.instanceTypes ?? [])];
  const actions = [...new Set(calls.map((c) => c.action))];
  const context = new ExecutionContext(actions.join('+') || 'Describe', 'live check', options);
  if (!calls.length)
    return context.finish({ kind: 'succeeded', title: 'Nothing to look up', message: 'Nothing to look up and no kinds to list.', ...merge([]) });
  return inSession(Session.ec2(context), context, { input: query, realRun: false }, async (session) => {
    const settled = await Promise.allSettled(calls.map((call) => call.perform(session)));
    const failedAt = settled.findIndex((s) => s.status === 'rejected');
    if (failedAt >= 0) {
      const error = (settled[failedAt] as PromiseRejectedResult).reason;
      // Named after the action that failed ("Not permitted: DescribeInstances with …").
      const named = new ExecutionContext(calls[failedAt].action, 'live check', options);
      named.region = context.region;
      named.endpointHost = context.endpointHost;
      return context.finish(classifyError(error, named, query, false));
    }
    const answers = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<DescribeCall['perform']>>>).value);
    const merged = merge(answers.map((a) => a.findings));
    return context.finish({
      kind: 'succeeded',
      requestId: answers.find((a) => a.requestId)?.requestId,
      ...summary(calls, merged, actions, context.region),
      ...merged,
    });
  });
}

/** The findings of all calls as one result: resources once per kind and ID. */
function merge(findings: readonly Findings[]): Merged {
  const found = new Map<string, DescribedResource>();
  const merged: Merged = {
    found: [],
    missing: {},
    listed: [],
    truncated: [],
    addressesInUse: [],
    addressesFree: [],
    instanceTypes: [],
    unknownInstanceTypes: [],
  };
  for (const part of findings) {
    for (const resource of part.found ?? []) if (resource.id) found.set(`${resource.kind} ${resource.id}`, resource);
    for (const { kind, id } of part.missing ?? []) (merged.missing[kind] ??= []).push(id);
    merged.listed.push(...(part.listed ?? []));
    merged.truncated.push(...(part.truncated ?? []));
    merged.addressesInUse.push(...(part.addressesInUse ?? []));
    merged.addressesFree.push(...(part.addressesFree ?? []));
    merged.instanceTypes.push(...(part.instanceTypes ?? []));
    merged.unknownInstanceTypes.push(...(part.unknownInstanceTypes ?? []));
  }
  merged.found.push(...found.values());
  return merged;
}

/** "DescribeSubnets, DescribeNetworkInterfaces in eu-west-1: 1 found, 0 of the IDs looked up do not exist, 1 of 2 addresses in use." */
function summary(calls: readonly DescribeCall[], merged: Merged, actions: readonly string[], region: string | undefined): { title: string; message: string } {
  const count = (subject: Subject) => calls.reduce((n, c) => n + (c.looksUp?.subject === subject ? c.looksUp.count : 0), 0);
  const ids = count('IDs');
  const addresses = count('addresses');
  const types = count('instance types');
  const absent = Object.values(merged.missing).reduce((n, list) => n + list.length, 0);
  const findings = [
    ...(ids || merged.listed.length ? [`${merged.found.length} found${ids ? `, ${absent} of the IDs looked up do not exist` : ''}`] : []),
    ...(addresses ? [`${merged.addressesInUse.length} of ${plural(addresses, 'address', 'addresses')} in use`] : []),
    ...(types ? [`${merged.instanceTypes.length} of ${plural(types, 'instance type', 'instance types')} known`] : []),
  ];
  const looked = [
    ...(ids || !(addresses || types) ? [plural(ids, 'ID', 'IDs')] : []),
    ...(addresses ? [plural(addresses, 'address', 'addresses')] : []),
    ...(types ? [plural(types, 'instance type', 'instance types')] : []),
  ];
  return {
    title: `Looked up ${looked.join(', ')}${merged.listed.length ? `, listed ${merged.listed.join(', ')}` : ''}`,
    message: `${actions.join(', ')} in ${region}: ${findings.join(', ')}.`,
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
