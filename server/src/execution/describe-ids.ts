/**
 * The ID look-ups and listings: which subnet, security group, network interface and instance IDs
 * exist in the region, and what they are (Name tag, CIDR, VPC, instance type…). DescribeSubnets,
 * DescribeSecurityGroups, DescribeNetworkInterfaces and DescribeInstances with `Filters` on the IDs:
 * a filter answers with what exists, where the `*Ids` parameters fail on the first ID that does
 * not. Without IDs, a kind is listed (one page), for completion.
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
import { allPages, batches, describePage, lookUp, type DescribeCall, type Page } from './describe-calls';
import type { DescribedResource, ResourceKind, ResourceQuery } from './lookups';
import type { Session } from './session';

const DEFAULT_LIST_LIMIT = 200;
const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];
/**
 * The states of a subnet's IPv6 CIDR association that say the block is going or gone: those blocks
 * are left out. Any other state counts, one not understood too (moto, and so LocalStack, answer
 * `{'State': 'associated'}`): nothing is concluded from an answer that is not understood.
 */
const GONE_STATES = new Set(['disassociating', 'disassociated', 'failing', 'failed']);

interface KindApi {
  readonly action: string;
  /** The filter that selects IDs of this kind. */
  readonly idFilter: string;
  /** Filters for a listing, besides none. */
  readonly listFilters?: Filter[];
  describe(session: Session, input: Input): Promise<Page<DescribedResource>>;
}

type Input = { Filters?: Filter[]; MaxResults?: number; NextToken?: string };

/** Per kind, in the order the calls go out. */
const API: Record<ResourceKind, KindApi> = {
  subnet: {
    action: 'DescribeSubnets',
    idFilter: 'subnet-id',
    describe: (session, input) =>
      describePage(session, new DescribeSubnetsCommand(input), (out: DescribeSubnetsCommandOutput) =>
        (out.Subnets ?? []).map((s) => ({
          kind: 'subnet',
          id: s.SubnetId ?? '',
          name: nameTag(s.Tags),
          vpcId: s.VpcId,
          cidrBlock: s.CidrBlock,
          ipv6CidrBlocks: (s.Ipv6CidrBlockAssociationSet ?? []).flatMap((a) =>
            a.Ipv6CidrBlock && !GONE_STATES.has(a.Ipv6CidrBlockState?.State ?? '') ? [a.Ipv6CidrBlock] : [],
          ),
          availabilityZone: s.AvailabilityZone,
          state: s.State,
        })),
      ),
  },
  sg: {
    action: 'DescribeSecurityGroups',
    idFilter: 'group-id',
    describe: (session, input) =>
      describePage(session, new DescribeSecurityGroupsCommand(input), (out: DescribeSecurityGroupsCommandOutput) =>
        (out.SecurityGroups ?? []).map((g) => ({
          kind: 'sg',
          id: g.GroupId ?? '',
          name: nameTag(g.Tags),
          vpcId: g.VpcId,
          groupName: g.GroupName,
          description: g.Description,
        })),
      ),
  },
  eni: {
    action: 'DescribeNetworkInterfaces',
    idFilter: 'network-interface-id',
    describe: (session, input) =>
      describePage(session, new DescribeNetworkInterfacesCommand(input), (out: DescribeNetworkInterfacesCommandOutput) =>
        (out.NetworkInterfaces ?? []).map((n) => ({
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
      ),
  },
  i: {
    action: 'DescribeInstances',
    idFilter: 'instance-id',
    listFilters: [{ Name: 'instance-state-name', Values: LIVE_STATES }],
    describe: (session, input) =>
      describePage(session, new DescribeInstancesCommand(input), (out: DescribeInstancesCommandOutput) =>
        (out.Reservations ?? []).flatMap((r) =>
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
      ),
  },
};

/** The calls for a query's IDs (per kind, unique, in batches) and listings (one per kind). */
export function idCalls(query: ResourceQuery): DescribeCall[] {
  const calls: DescribeCall[] = [];
  for (const kind of Object.keys(API) as ResourceKind[]) {
    for (const ids of batches(query.ids?.[kind] ?? [])) calls.push(lookUpIds(kind, ids));
  }
  const limit = Math.min(1000, Math.max(5, Math.floor(query.listLimit ?? DEFAULT_LIST_LIMIT)));
  for (const kind of new Set(query.list ?? [])) if (Object.hasOwn(API, kind)) calls.push(listing(kind, limit));
  return calls;
}

/** IDs of one kind, up to MAX_PAGES pages: what exists, and which do not. */
function lookUpIds(kind: ResourceKind, ids: string[]): DescribeCall {
  const api = API[kind];
  const Filters = [{ Name: api.idFilter, Values: ids }];
  const pages = (session: Session) => allPages((NextToken) => api.describe(session, { Filters, NextToken }));
  return lookUp(api.action, 'IDs', ids, pages, (page) => {
    const seen = new Set(page.items.map((r) => r.id));
    // Pages left unread: an ID not seen may be on one of them, so none is called missing.
    return { found: page.items, missing: page.nextToken ? [] : ids.filter((id) => !seen.has(id)).map((id) => ({ kind, id })) };
  });
}

/** One page of `limit` of a kind, for completion; truncated when there is more. */
function listing(kind: ResourceKind, limit: number): DescribeCall {
  const api = API[kind];
  return {
    action: api.action,
    async perform(session) {
      const page = await api.describe(session, { ...(api.listFilters ? { Filters: api.listFilters } : {}), MaxResults: limit });
      return { requestId: page.requestId, findings: { found: page.items, listed: [kind], truncated: page.nextToken ? [kind] : [] } };
    },
  };
}

function nameTag(tags: Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value || undefined;
}
