/**
 * Read-only look-ups for the live checks: which subnet, security group, network interface and
 * instance IDs exist in the region, and what they are (Name tag, CIDR, VPC…). Only
 * DescribeSubnets, DescribeSecurityGroups, DescribeNetworkInterfaces and DescribeInstances, with
 * `Filters` on the IDs: a filter answers with what exists, where the `*Ids` parameters fail on the
 * first ID that does not. Without IDs, a kind is listed (one page), for completion.
 *
 * One session (credentials and region resolved once) per call; the kinds are asked in parallel.
 * The types are SDK-free: the language service imports them with `import type`.
 */
import {
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  type DescribeInstancesCommandOutput,
  type DescribeNetworkInterfacesCommandOutput,
  type DescribeSecurityGroupsCommandOutput,
  type DescribeSubnetsCommandOutput,
  type Filter,
  type Tag,
} from '@aws-sdk/client-ec2';
import { classifyError } from './classify';
import { ExecutionContext } from './context';
import type { AnyCommand } from './operations';
import type { ExecutionOptions, ExecutionResult } from './outcome';
import { inSession, Session } from './session';

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

export interface ResourceQuery {
  /** IDs to look up, per kind. */
  readonly ids?: Partial<Record<ResourceKind, readonly string[]>>;
  /** Kinds to list (one page each, at most `listLimit`; instances that are not terminated). */
  readonly list?: readonly ResourceKind[];
  /** 5 to 1000; default 200. */
  readonly listLimit?: number;
}

export interface DescribeResourcesResult extends ExecutionResult {
  /** Succeeded: everything the calls returned (looked up or listed), once per kind and ID. */
  readonly found?: DescribedResource[];
  /** Succeeded: per kind, the IDs looked up that do not exist in the region (or are not visible). */
  readonly missing?: Partial<Record<ResourceKind, string[]>>;
  /** Succeeded: the kinds listed, and those whose listing was cut at `listLimit`. */
  readonly listed?: ResourceKind[];
  readonly truncated?: ResourceKind[];
}

/** Filter values per call: EC2 takes up to 200 in one request. */
export const IDS_PER_CALL = 100;
const DEFAULT_LIST_LIMIT = 200;
/** Pages followed for an ID look-up (one page normally holds them all). */
const MAX_PAGES = 5;
const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

interface Page {
  readonly resources: DescribedResource[];
  readonly nextToken?: string;
  readonly requestId?: string;
}

interface KindApi {
  readonly action: string;
  /** The filter that selects IDs of this kind. */
  readonly idFilter: string;
  /** Filters for a listing, besides none. */
  readonly listFilters?: Filter[];
  describe(session: Session, input: { Filters?: Filter[]; MaxResults?: number; NextToken?: string }): Promise<Page>;
}

const send = <Output>(session: Session, command: AnyCommand) => session.send<Output>(command);

const API: Record<ResourceKind, KindApi> = {
  subnet: {
    action: 'DescribeSubnets',
    idFilter: 'subnet-id',
    async describe(session, input) {
      const out = await send<DescribeSubnetsCommandOutput>(session, new DescribeSubnetsCommand(input));
      return {
        nextToken: out.NextToken,
        requestId: out.$metadata.requestId,
        resources: (out.Subnets ?? []).map((s) => ({
          kind: 'subnet',
          id: s.SubnetId ?? '',
          name: nameTag(s.Tags),
          vpcId: s.VpcId,
          cidrBlock: s.CidrBlock,
          ipv6CidrBlocks: (s.Ipv6CidrBlockAssociationSet ?? []).flatMap((a) => (a.Ipv6CidrBlock ? [a.Ipv6CidrBlock] : [])),
          availabilityZone: s.AvailabilityZone,
          state: s.State,
        })),
      };
    },
  },
  sg: {
    action: 'DescribeSecurityGroups',
    idFilter: 'group-id',
    async describe(session, input) {
      const out = await send<DescribeSecurityGroupsCommandOutput>(session, new DescribeSecurityGroupsCommand(input));
      return {
        nextToken: out.NextToken,
        requestId: out.$metadata.requestId,
        resources: (out.SecurityGroups ?? []).map((g) => ({
          kind: 'sg',
          id: g.GroupId ?? '',
          name: nameTag(g.Tags),
          vpcId: g.VpcId,
          groupName: g.GroupName,
          description: g.Description,
        })),
      };
    },
  },
  eni: {
    action: 'DescribeNetworkInterfaces',
    idFilter: 'network-interface-id',
    async describe(session, input) {
      const out = await send<DescribeNetworkInterfacesCommandOutput>(session, new DescribeNetworkInterfacesCommand(input));
      return {
        nextToken: out.NextToken,
        requestId: out.$metadata.requestId,
        resources: (out.NetworkInterfaces ?? []).map((n) => ({
          kind: 'eni',
          id: n.NetworkInterfaceId ?? '',
          name: nameTag(n.TagSet),
          vpcId: n.VpcId,
          subnetId: n.SubnetId,
          availabilityZone: n.AvailabilityZone,
          state: n.Status,
          description: n.Description || undefined,
          privateIpAddress: n.PrivateIpAddress,
        })),
      };
    },
  },
  i: {
    action: 'DescribeInstances',
    idFilter: 'instance-id',
    listFilters: [{ Name: 'instance-state-name', Values: LIVE_STATES }],
    async describe(session, input) {
      const out = await send<DescribeInstancesCommandOutput>(session, new DescribeInstancesCommand(input));
      return {
        nextToken: out.NextToken,
        requestId: out.$metadata.requestId,
        resources: (out.Reservations ?? []).flatMap((r) =>
          (r.Instances ?? []).map((i) => ({
            kind: 'i' as const,
            id: i.InstanceId ?? '',
            name: nameTag(i.Tags),
            vpcId: i.VpcId,
            subnetId: i.SubnetId,
            availabilityZone: i.Placement?.AvailabilityZone,
            state: i.State?.Name,
            instanceType: i.InstanceType,
            privateIpAddress: i.PrivateIpAddress,
          })),
        ),
      };
    },
  },
};

/** One Describe call (and its pages) the query needs. */
interface Call {
  readonly kind: ResourceKind;
  readonly ids?: string[];
  readonly listLimit?: number;
}

/**
 * Looks up and lists resources with read-only Describe calls. A failure of any call (denied,
 * unreachable, no credentials…) is the result, named after the action that failed.
 */
export async function describeResources(query: ResourceQuery, options: ExecutionOptions = {}): Promise<DescribeResourcesResult> {
  const calls = plan(query);
  const actions = [...new Set(calls.map((c) => API[c.kind].action))];
  const context = new ExecutionContext(actions.join('+') || 'Describe', 'live check', options);
  if (!calls.length) return context.finish({ kind: 'succeeded', title: 'Nothing to look up', message: 'No IDs to look up and no kinds to list.', found: [], missing: {}, listed: [], truncated: [] });
  return inSession(Session.ec2(context), context, { input: query, realRun: false }, async (session) => {
    const settled = await Promise.allSettled(calls.map((call) => perform(session, call)));
    const failedAt = settled.findIndex((s) => s.status === 'rejected');
    if (failedAt >= 0) {
      const error = (settled[failedAt] as PromiseRejectedResult).reason;
      // Named after the action that failed ("Not permitted: DescribeInstances with …").
      const named = new ExecutionContext(API[calls[failedAt].kind].action, 'live check', options);
      named.region = context.region;
      named.endpointHost = context.endpointHost;
      return context.finish(classifyError(error, named, query, false));
    }
    const found = new Map<string, DescribedResource>();
    const missing: Partial<Record<ResourceKind, string[]>> = {};
    const listed: ResourceKind[] = [];
    const truncated: ResourceKind[] = [];
    let requestId: string | undefined;
    settled.forEach((s, index) => {
      const call = calls[index];
      const page = (s as PromiseFulfilledResult<Page>).value;
      requestId ??= page.requestId;
      for (const resource of page.resources) if (resource.id) found.set(`${resource.kind} ${resource.id}`, resource);
      if (call.listLimit !== undefined) {
        listed.push(call.kind);
        if (page.nextToken) truncated.push(call.kind);
      }
    });
    calls.forEach((call, index) => {
      // Pages left unread: an ID not seen may be on one of them, so none is called missing.
      if ((settled[index] as PromiseFulfilledResult<Page>).value.nextToken) return;
      for (const id of call.ids ?? []) {
        if (!found.has(`${call.kind} ${id}`)) (missing[call.kind] ??= []).push(id);
      }
    });
    const looked = calls.reduce((n, c) => n + (c.ids?.length ?? 0), 0);
    const absent = Object.values(missing).reduce((n, ids) => n + ids.length, 0);
    return context.finish({
      kind: 'succeeded',
      requestId,
      title: `Looked up ${looked} ID${looked === 1 ? '' : 's'}${listed.length ? `, listed ${listed.join(', ')}` : ''}`,
      message: `${actions.join(', ')} in ${context.region}: ${found.size} found${looked ? `, ${absent} of the IDs looked up do not exist` : ''}.`,
      found: [...found.values()],
      missing,
      listed,
      truncated,
    });
  });
}

/** The calls a query needs: the IDs of each kind, unique and in batches; one listing per kind. */
function plan(query: ResourceQuery): Call[] {
  const calls: Call[] = [];
  for (const kind of RESOURCE_KINDS) {
    const ids = [...new Set((query.ids?.[kind] ?? []).filter((id) => typeof id === 'string' && id))];
    for (let i = 0; i < ids.length; i += IDS_PER_CALL) calls.push({ kind, ids: ids.slice(i, i + IDS_PER_CALL) });
  }
  const limit = Math.min(1000, Math.max(5, Math.floor(query.listLimit ?? DEFAULT_LIST_LIMIT)));
  for (const kind of new Set(query.list ?? [])) if (Object.hasOwn(API, kind)) calls.push({ kind, listLimit: limit });
  return calls;
}

/** An ID look-up follows up to MAX_PAGES pages; a listing takes one page of `listLimit`. nextToken: there is more. */
async function perform(session: Session, call: Call): Promise<Page> {
  const api = API[call.kind];
  if (call.listLimit !== undefined) {
    return api.describe(session, { ...(api.listFilters ? { Filters: api.listFilters } : {}), MaxResults: call.listLimit });
  }
  const Filters = [{ Name: api.idFilter, Values: call.ids }];
  const resources: DescribedResource[] = [];
  let requestId: string | undefined;
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.describe(session, { Filters, ...(nextToken ? { NextToken: nextToken } : {}) });
    requestId ??= answer.requestId;
    resources.push(...answer.resources);
    nextToken = answer.nextToken;
    if (!nextToken) break;
  }
  return { resources, requestId, nextToken };
}

function nameTag(tags: Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value || undefined;
}
