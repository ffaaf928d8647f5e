/**
 * More interfaces, addresses, network cards or EFA than the instance type allows
 * (`live:instance-type-limit`). What each launch specification (validation/rules/launch-specs.ts:
 * RunInstances, a launch template's LaunchTemplateData, a Spot request's LaunchSpecification, each
 * of a Spot Fleet's LaunchSpecifications) asks of its own `InstanceType`: network interfaces in
 * all and per network card, network card indexes, EFA interfaces (`efa` and `efa-only`), IPv4 and
 * IPv6 addresses per interface (per NetworkInterfaces entry, and at the top level of RunInstances);
 * and what an AttachNetworkInterface request asks of the type of its instance (a network card
 * index). All against the limits DescribeInstanceTypes gives. Each count is a lower bound of what
 * EC2 would have to provide, so a warning means the limit is certainly exceeded; a limit the answer
 * leaves out, and an instance type the region does not know, are not checked.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { InstanceTypeLimits } from '../../execution/lookups';
import { getProperty } from '../document/navigate';
import type { ArrayNode, NumberNode, ObjectNode, ValueNode } from '../document/tree';
import type { RequestAnalysis } from '../service-types';
import { launchSpecs, type LaunchSpec } from '../validation/rules/launch-specs';
import { propertySchema } from '../validation/schema-walk';
import type { Known } from './cache';
import { LiveCode, liveWarning } from './diagnostic';
import { idReference, type IdReference } from './references';

/** What an instance type name looks like (`c6i.large`, `u-6tb1.metal`); anything else is not looked up. */
export const INSTANCE_TYPE_NAME = /^[a-z0-9-]+\.[a-z0-9-]+$/;

type LimitName = 'interfaces' | 'card-interfaces' | 'card' | 'efa' | 'ipv4' | 'ipv6';

/**
 * What every instance type allows (one interface, one on each card it has, its primary IPv4
 * address, network card 0): not worth a look-up. Not every type has EFA or IPv6.
 */
const ALWAYS_ALLOWED: Record<LimitName, number> = { interfaces: 1, 'card-interfaces': 1, card: 0, efa: 0, ipv4: 1, ipv6: 0 };

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
  /** 'card-interfaces': the network card. */
  readonly card?: number;
}

/** What one launch specification asks of its `InstanceType`, or an AttachNetworkInterface request of its instance's type. */
export interface InstanceTypeAsks {
  /** A launch specification's `InstanceType`. */
  readonly instanceType?: string;
  /** AttachNetworkInterface: the instance, whose type comes with its look-up. */
  readonly instance?: IdReference;
  readonly asks: readonly LimitAsk[];
}

/** What the request asks of instance types: one entry per launch specification that names one (and asks anything). */
export function collectInstanceTypeAsks(analysis: RequestAnalysis): InstanceTypeAsks[] {
  const { parsed, operation } = analysis;
  const root = parsed?.root;
  if (root?.kind !== 'object' || !operation || analysis.tooLarge) return [];
  if (operation['x-operation'].name === 'AttachNetworkInterface') {
    const instance = idReference(getProperty(root, 'InstanceId')?.value, propertySchema(operation, 'InstanceId'), 'i');
    const asks = worthAsking(cardAsk(root) ?? []);
    return instance && asks.length ? [{ instance, asks }] : [];
  }
  return launchSpecs(operation, root).flatMap((spec) => launchAsks(spec) ?? []);
}

/** The instance types to look up: those the cache does not know yet (or only stale), each once. */
export function instanceTypesToLookUp(asks: readonly InstanceTypeAsks[], known: Known): string[] {
  const types = new Set(asks.flatMap((ask) => typeOf(ask, known) ?? []));
  return [...types].filter((type) => {
    const cached = known.instanceType(type);
    return !cached || cached.stale;
  });
}

export function instanceTypeLimitDiagnostics(document: TextDocument, asks: readonly InstanceTypeAsks[], known: Known): Diagnostic[] {
  return asks.flatMap((ask) => diagnosticsOf(document, ask, known));
}

function diagnosticsOf(document: TextDocument, asks: InstanceTypeAsks, known: Known): Diagnostic[] {
  const type = typeOf(asks, known);
  const lookup = type ? known.instanceType(type) : undefined;
  if (!type || !lookup?.known) return [];
  const who = asks.instance ? `${asks.instance.id} (${type})` : type;
  return asks.asks.flatMap((ask) => {
    const limit = limitOf(ask, lookup.limits);
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

function limitOf(ask: LimitAsk, limits: InstanceTypeLimits): number | undefined {
  switch (ask.limit) {
    case 'interfaces':
      return limits.maximumNetworkInterfaces;
    case 'card-interfaces': {
      const perCard = limits.networkCards?.find((card) => card.networkCardIndex === ask.card)?.maximumNetworkInterfaces;
      // A card that takes as many as the instance in all tells nothing the total does not (a single-card type).
      const total = limits.maximumNetworkInterfaces;
      return perCard !== undefined && (total === undefined || perCard < total) ? perCard : undefined;
    }
    case 'card':
      return limits.maximumNetworkCards || undefined;
    case 'efa':
      return limits.efaSupported === false ? 0 : limits.maximumEfaInterfaces;
    case 'ipv4':
      return limits.ipv4AddressesPerInterface;
    case 'ipv6':
      return limits.ipv6Supported === false ? 0 : limits.ipv6AddressesPerInterface;
  }
}

function describe({ limit: name, count, detail, card }: LimitAsk, limit: number, who: string, limits: InstanceTypeLimits): string {
  switch (name) {
    case 'interfaces':
      return `${count} network interfaces; ${who} allows at most ${limit}.`;
    case 'card-interfaces':
      return `${count} network interfaces on network card ${card}; ${who} allows at most ${limit} on that card.`;
    case 'card':
      return `Network card index ${count}; ${who} has ${plural(limit, 'network card', 'network cards')}, so the highest index is ${limit - 1}.`;
    case 'efa':
      return limits.efaSupported === false
        ? `${plural(count, 'EFA interface', 'EFA interfaces')} (InterfaceType efa or efa-only); ${who} does not support EFA.`
        : `${count} EFA interfaces (InterfaceType efa or efa-only); ${who} allows at most ${limit}.`;
    case 'ipv4':
      return `${count} private IPv4 addresses on one interface${detail ? ` (${detail})` : ''}; ${who} allows at most ${limit} per interface.`;
    case 'ipv6':
      return limits.ipv6Supported === false
        ? `${plural(count, 'IPv6 address', 'IPv6 addresses')} on one interface; ${who} does not support IPv6.`
        : `${count} IPv6 addresses on one interface; ${who} allows at most ${limit} per interface.`;
  }
}

/** One launch specification against its own InstanceType. */
function launchAsks(spec: LaunchSpec): InstanceTypeAsks | undefined {
  const type = getProperty(spec.node, 'InstanceType')?.value;
  if (type?.kind !== 'string' || !INSTANCE_TYPE_NAME.test(type.value)) return undefined;
  const entries = arrayAt(spec.node, 'NetworkInterfaces')?.items.filter((item): item is ObjectNode => item.kind === 'object') ?? [];
  const asks = worthAsking([
    // Only RunInstances takes IPv6 addresses for the primary interface beside NetworkInterfaces.
    ...(spec.kind === 'run-instances' ? ipv6Asks(spec.node) : []),
    { limit: 'interfaces', count: entries.length, entries },
    ...perCardAsks(entries),
    efaAsk(entries),
    ...entries.flatMap(interfaceAsks),
  ]);
  return asks.length ? { instanceType: type.value, asks } : undefined;
}

function worthAsking(asks: LimitAsk | LimitAsk[]): LimitAsk[] {
  return [asks].flat().filter((ask) => ask.count > ALWAYS_ALLOWED[ask.limit]);
}

/**
 * The entries on each network card: those without NetworkCardIndex are on card 0 (EC2's default);
 * one whose index is not a whole number is on no card we know. Past the card's limit, an entry's
 * NetworkCardIndex is flagged (the entry itself when it has none).
 */
function perCardAsks(entries: readonly ObjectNode[]): LimitAsk[] {
  const onCard = new Map<number, ValueNode[]>();
  for (const entry of entries) {
    const value = getProperty(entry, 'NetworkCardIndex')?.value;
    const card = value === undefined || value.kind === 'null' ? 0 : countOf(value);
    if (card === undefined) continue;
    onCard.set(card, [...(onCard.get(card) ?? []), value?.kind === 'number' ? value : entry]);
  }
  return [...onCard].map(([card, nodes]) => ({ limit: 'card-interfaces', card, count: nodes.length, entries: nodes }));
}

/** The entries with InterfaceType efa or efa-only: their InterfaceType values. */
function efaAsk(entries: readonly ObjectNode[]): LimitAsk {
  const types = entries.flatMap((entry) => {
    const type = getProperty(entry, 'InterfaceType')?.value;
    return type?.kind === 'string' && (type.value === 'efa' || type.value === 'efa-only') ? [type] : [];
  });
  return { limit: 'efa', count: types.length, entries: types };
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
  return value?.kind === 'number' && countOf(value) !== undefined ? value : undefined;
}

function countOf(value: ValueNode): number | undefined {
  return value.kind === 'number' && Number.isSafeInteger(value.value) && value.value >= 0 ? value.value : undefined;
}

function arrayAt(object: ObjectNode, member: string): ArrayNode | undefined {
  const value = getProperty(object, member)?.value;
  return value?.kind === 'array' ? value : undefined;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
