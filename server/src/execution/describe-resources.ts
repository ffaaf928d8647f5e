/**
 * Read-only look-ups for the live checks, one session (credentials and region resolved once) per
 * query and its calls in parallel: which subnet, security group, network interface and instance IDs
 * exist and what they are, listings for completion (describe-ids.ts); which interface holds an
 * address in a subnet (describe-addresses.ts); the network limits of instance types
 * (describe-instance-types.ts). Only Describe calls, with `Filters` (describe-calls.ts). What it
 * takes and gives back, the look-up contract, is lookups.ts.
 */
import { classifyError } from './classify';
import { ExecutionContext } from './context';
import { addressCalls } from './describe-addresses';
import type { DescribeCall, Findings, Subject } from './describe-calls';
import { idCalls } from './describe-ids';
import { instanceTypeCalls } from './describe-instance-types';
import type { ExecutionOptions } from './request';
import type { DescribedResource, DescribeResourcesResult, ResourceQuery } from './lookups';
import { inSession, Session } from './session';

export { VALUES_PER_CALL } from './describe-calls';

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
