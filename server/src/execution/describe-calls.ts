/**
 * What the look-ups of the live checks have in common. Each Describe call a query needs (with its
 * pages) is a DescribeCall; what its answer teaches are Findings, which describeResources merges
 * into one result. Values go in as filter values, VALUES_PER_CALL at a time, and pages are followed
 * up to MAX_PAGES: a call that leaves pages unread says so, and concludes nothing from what it did
 * not see (an ID not on the pages read is not called missing).
 */
import type { AddressHolder, DescribedResource, InstanceTypeLimits, ResourceKind, SubnetAddress } from './lookups';
import type { AnyCommand } from './operations';
import type { Session } from './session';

/** Filter values per call: EC2 takes up to 200 in one request. */
export const VALUES_PER_CALL = 100;
/** Pages followed for a look-up (one page normally holds them all). */
const MAX_PAGES = 5;

/** What one call learned; describeResources merges them. */
export interface Findings {
  readonly found?: readonly DescribedResource[];
  readonly missing?: readonly { readonly kind: ResourceKind; readonly id: string }[];
  readonly listed?: readonly ResourceKind[];
  readonly truncated?: readonly ResourceKind[];
  readonly addressesInUse?: readonly AddressHolder[];
  readonly addressesFree?: readonly SubnetAddress[];
  readonly instanceTypes?: readonly InstanceTypeLimits[];
  readonly unknownInstanceTypes?: readonly string[];
}

/** What a call looks up, for the summary: IDs, addresses or instance types, and how many. */
export type Subject = 'IDs' | 'addresses' | 'instance types';

export interface DescribeCall {
  readonly action: string;
  /** Undefined for a listing. */
  readonly looksUp?: { readonly subject: Subject; readonly count: number };
  perform(session: Session): Promise<{ readonly requestId?: string; readonly findings: Findings }>;
}

export interface Page<T> {
  readonly items: T[];
  /** There is more: pages were left unread. */
  readonly nextToken?: string;
  readonly requestId?: string;
}

/** One Describe command's answer as a page: the items `read` takes from it, its NextToken and request ID. */
export async function describePage<Output extends { NextToken?: string }, T>(
  session: Session,
  command: AnyCommand,
  read: (output: Output) => T[],
): Promise<Page<T>> {
  const output = await session.send<Output>(command);
  return { items: read(output), nextToken: output.NextToken, requestId: output.$metadata.requestId };
}

/** Up to MAX_PAGES pages of a Describe call, as one; `describe` asks for the page at a NextToken. */
export async function allPages<T>(describe: (nextToken: string | undefined) => Promise<Page<T>>): Promise<Page<T>> {
  const items: T[] = [];
  let requestId: string | undefined;
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await describe(nextToken);
    requestId ??= answer.requestId;
    items.push(...answer.items);
    nextToken = answer.nextToken;
    if (!nextToken) break;
  }
  return { items, requestId, nextToken };
}

/** allPages of one command: `command` builds it for a NextToken (undefined: the first page). */
export function describeAll<Output extends { NextToken?: string }, T>(
  session: Session,
  command: (nextToken: string | undefined) => AnyCommand,
  read: (output: Output) => T[],
): Promise<Page<T>> {
  return allPages((nextToken) => describePage(session, command(nextToken), read));
}

/** A call that looks up `values` (for the summary: IDs, addresses or instance types) in `pages`, and what `conclude` learns from them. */
export function lookUp<T>(
  action: string,
  subject: Subject,
  values: readonly string[],
  pages: (session: Session) => Promise<Page<T>>,
  conclude: (page: Page<T>) => Findings,
): DescribeCall {
  return {
    action,
    looksUp: { subject, count: values.length },
    async perform(session) {
      const page = await pages(session);
      return { requestId: page.requestId, findings: conclude(page) };
    },
  };
}

/** The distinct non-empty strings of `values`, VALUES_PER_CALL at a time. */
export function batches(values: readonly unknown[]): string[][] {
  const distinct = [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
  const result: string[][] = [];
  for (let i = 0; i < distinct.length; i += VALUES_PER_CALL) result.push(distinct.slice(i, i + VALUES_PER_CALL));
  return result;
}
