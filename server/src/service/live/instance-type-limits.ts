/**
 * More addresses or interfaces than the instance type allows (`live:instance-type-limit`). What a
 * RunInstances request asks of its `InstanceType` (network interfaces; IPv4 and IPv6 addresses per
 * interface, at the top level and per NetworkInterfaces entry; network card indexes), and what an
 * AttachNetworkInterface request asks of the type of its instance (a network card index), against
 * the limits DescribeInstanceTypes gives. Each count is a lower bound of what EC2 would have to
 * provide, so a warning means the limit is certainly exceeded; a limit the answer leaves out, and
 * an instance type the region does not know, are not checked.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { InstanceTypeLimits } from '../../execution/lookups';
import { getProperty } from '../document/navigate';
import type { ArrayNode, NumberNode, ObjectNode, ValueNode } from '../document/tree';
import type { RequestAnalysis } from '../service-types';
import { propertySchema } from '../validation/schema-walk';
import type { Known } from './cache';
import { LiveCode, liveWarning } from './diagnostic';
import { idReference, type IdReference } from './references';

/** What an instance type name looks like (`c6i.large`, `u-6tb1.metal`); anything else is not looked up. */
const INSTANCE_TYPE = /^[a-z0-9-]+\.[a-z0-9-]+$/;

type LimitName = 'interfaces' | 'ipv4' | 'ipv6' | 'card';

/** What every instance type allows (one interface, its primary IPv4 address, network card 0): not worth a look-up. */
const ALWAYS_ALLOWED: Record<LimitName, number> = { interfaces: 1, ipv4: 1, ipv6: 0, card: 0 };

interface LimitAsk {
  readonly limit: LimitName;
  /** How many the request asks for at least; for 'card', the index. */
  readonly count: number;
  /** A count's value: flagged itself. */
  readonly node?: NumberNode;
  /** A list's entries: those past the limit are flagged. */
  readonly entries?: readonly ValueNode[];
  /** How the count is made up ("1 primary + 12 secondary"). */
  readonly detail?: string;
}

export interface InstanceTypeAsks {
  /** RunInstances: the `InstanceType`. */
  readonly instanceType?: string;
  /** AttachNetworkInterface: the instance, whose type comes with its look-up. */
  readonly instance?: IdReference;
  readonly asks: readonly LimitAsk[];
}

/** What the request asks of an instance type; undefined when it names none or asks nothing. */
export function collectInstanceTypeAsks(analysis: RequestAnalysis): InstanceTypeAsks | undefined {
  const { parsed, operation } = analysis;
  const root = parsed?.root;
  if (root?.kind !== 'object' || !operation || analysis.tooLarge) return undefined;
  const name = operation['x-operation'].name;
  if (name === 'RunInstances') return runInstances(root);
  if (name !== 'AttachNetworkInterface') return undefined;
  const instance = idReference(getProperty(root, 'InstanceId')?.value, propertySchema(operation, 'InstanceId'), 'i');
  const asks = worthAsking(cardAsk(root) ?? []);
  return instance && asks.length ? { instance, asks } : undefined;
}

/** The instance type to look up: the one the cache does not know yet (or only stale). */
export function instanceTypesToLookUp(asks: InstanceTypeAsks | undefined, known: Known): string[] {
  const type = asks && typeOf(asks, known);
  const cached = type ? known.instanceType(type) : undefined;
  return type && (!cached || cached.stale) ? [type] : [];
}

export function instanceTypeLimitDiagnostics(document: TextDocument, asks: InstanceTypeAsks | undefined, known: Known): Diagnostic[] {
  const type = asks && typeOf(asks, known);
  const lookup = type ? known.instanceType(type) : undefined;
  if (!asks || !type || !lookup?.known) return [];
  const who = asks.instance ? `${asks.instance.id} (${type})` : type;
  return asks.asks.flatMap((ask) => {
    const limit = limitOf(ask.limit, lookup.limits);
    if (limit === undefined || (ask.limit === 'card' ? ask.count < limit : ask.count <= limit)) return [];
    const message = describe(ask, limit, who, lookup.limits);
    const nodes = ask.node ? [ask.node] : (ask.entries ?? []).slice(limit);
    return nodes.map((node) => liveWarning(document, node, LiveCode.instanceTypeLimit, message));
  });
}

function typeOf(asks: InstanceTypeAsks, known: Known): string | undefined {
  if (asks.instanceType) return asks.instanceType;
  const instance = asks.instance ? known.resource('i', asks.instance.id) : undefined;
  return instance?.exists ? instance.resource.instanceType : undefined;
}

function limitOf(name: LimitName, limits: InstanceTypeLimits): number | undefined {
  switch (name) {
    case 'interfaces':
      return limits.maximumNetworkInterfaces;
    case 'ipv4':
      return limits.ipv4AddressesPerInterface;
    case 'ipv6':
      return limits.ipv6Supported === false ? 0 : limits.ipv6AddressesPerInterface;
    case 'card':
      return limits.maximumNetworkCards || undefined;
  }
}

function describe({ limit: name, count, detail }: LimitAsk, limit: number, who: string, limits: InstanceTypeLimits): string {
  switch (name) {
    case 'interfaces':
      return `${count} network interfaces; ${who} allows at most ${limit}.`;
    case 'ipv4':
      return `${count} private IPv4 addresses on one interface${detail ? ` (${detail})` : ''}; ${who} allows at most ${limit} per interface.`;
    case 'ipv6':
      return limits.ipv6Supported === false
        ? `${plural(count, 'IPv6 address', 'IPv6 addresses')} on one interface; ${who} does not support IPv6.`
        : `${count} IPv6 addresses on one interface; ${who} allows at most ${limit} per interface.`;
    case 'card':
      return `Network card index ${count}; ${who} has ${plural(limit, 'network card', 'network cards')}, so the highest index is ${limit - 1}.`;
  }
}

function runInstances(root: ObjectNode): InstanceTypeAsks | undefined {
  const type = getProperty(root, 'InstanceType')?.value;
  if (type?.kind !== 'string' || !INSTANCE_TYPE.test(type.value)) return undefined;
  const entries = arrayAt(root, 'NetworkInterfaces')?.items.filter((item): item is ObjectNode => item.kind === 'object') ?? [];
  const asks = worthAsking([...ipv6Asks(root), { limit: 'interfaces', count: entries.length, entries }, ...entries.flatMap(interfaceAsks)]);
  return asks.length ? { instanceType: type.value, asks } : undefined;
}

function worthAsking(asks: LimitAsk | LimitAsk[]): LimitAsk[] {
  return [asks].flat().filter((ask) => ask.count > ALWAYS_ALLOWED[ask.limit]);
}

/** A NetworkInterfaces entry: its IPv4 and IPv6 addresses, its network card. */
function interfaceAsks(entry: ObjectNode): LimitAsk[] {
  const asks: LimitAsk[] = [];
  const secondary = countAt(entry, 'SecondaryPrivateIpAddressCount');
  if (secondary) asks.push({ limit: 'ipv4', count: 1 + secondary.value, node: secondary, detail: `1 primary + ${secondary.value} secondary` });
  const listed = arrayAt(entry, 'PrivateIpAddresses');
  if (listed?.items.length) asks.push({ limit: 'ipv4', count: listed.items.length, entries: listed.items });
  const card = cardAsk(entry);
  return [...asks, ...ipv6Asks(entry), ...(card ? [card] : [])];
}

function ipv6Asks(object: ObjectNode): LimitAsk[] {
  const asks: LimitAsk[] = [];
  const count = countAt(object, 'Ipv6AddressCount');
  if (count) asks.push({ limit: 'ipv6', count: count.value, node: count });
  const listed = arrayAt(object, 'Ipv6Addresses');
  if (listed?.items.length) asks.push({ limit: 'ipv6', count: listed.items.length, entries: listed.items });
  return asks;
}

function cardAsk(object: ObjectNode): LimitAsk | undefined {
  const index = countAt(object, 'NetworkCardIndex');
  return index ? { limit: 'card', count: index.value, node: index } : undefined;
}

/** A member holding a whole number ≥ 0. */
function countAt(object: ObjectNode, member: string): NumberNode | undefined {
  const value = getProperty(object, member)?.value;
  return value?.kind === 'number' && Number.isSafeInteger(value.value) && value.value >= 0 ? value : undefined;
}

function arrayAt(object: ObjectNode, member: string): ArrayNode | undefined {
  const value = getProperty(object, member)?.value;
  return value?.kind === 'array' ? value : undefined;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
