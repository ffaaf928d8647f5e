/**
 * A picture of a request's network layout: per launch specification (validation/rules/launch-specs.ts),
 * its NetworkInterfaces entries as a grid of network cards × device indexes, each cell with what
 * the entry asks for and the codes of the diagnostics on it; with live data (the live checks' cache,
 * handed in by the caller), the network facts of each specification's InstanceType. Protocol-free:
 * the caller hands in the analysis and the service's diagnostics; layout-render.ts turns the result
 * into text, layout-markdown.ts into Markdown.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { InstanceTypeLimits } from '../execution/lookups';
import { getProperty } from './document/navigate';
import type { ObjectNode, ValueNode } from './document/tree';
import { INSTANCE_TYPE_NAME } from './live/instance-type-limits';
import type { RequestAnalysis } from './service-types';
import { displayPath } from './validation/problem';
import { LAUNCH_OPERATIONS, launchSpecs, type LaunchKind } from './validation/rules/launch-specs';

/** One NetworkInterfaces entry. */
export interface LayoutEntry {
  /** Its index in NetworkInterfaces. */
  readonly index: number;
  /** NetworkCardIndex (0 when absent); undefined when it is not a number. */
  readonly card: number | undefined;
  /** DeviceIndex; undefined when absent or not a number. */
  readonly deviceIndex: number | undefined;
  /** InterfaceType as written; `interface` when absent. */
  readonly interfaceType: string;
  readonly subnetId?: string;
  readonly groups: string[];
  /** The addresses it asks for, summarized ("10.0.1.40, 2 secondary, 1 IPv6"); empty when none. */
  readonly addresses: string;
  /** NetworkInterfaceId: the entry attaches an existing interface. */
  readonly networkInterfaceId?: string;
  /** Network card 0, device index 0. */
  readonly primary: boolean;
  /** The codes of the diagnostics that start inside the entry, in order, without repeats. */
  readonly codes: string[];
}

/** An entry that has no place in the grid, and why. */
export interface UnplacedEntry extends LayoutEntry {
  readonly reason: string;
}

export interface LaunchLayout {
  readonly kind: LaunchKind;
  /** Where its NetworkInterfaces is, as a member path ("LaunchTemplateData.NetworkInterfaces"). */
  readonly path: string;
  /** The network cards and device indexes in use, ascending: the grid's rows and columns. */
  readonly cards: number[];
  readonly deviceIndexes: number[];
  /** The entries placed in the grid, by card then device index (then entry index). */
  readonly cells: LayoutEntry[];
  /** Entries without a place: no DeviceIndex, an index that is not a number, not an object. */
  readonly unplaced: UnplacedEntry[];
  readonly primary: LayoutEntry | undefined;
  /** Codes of diagnostics on NetworkInterfaces itself, outside every entry (nic-primary…). */
  readonly codes: string[];
  /** The specification's InstanceType as EC2 describes it: only with live data, and only when EC2 knows the type. */
  readonly instanceType?: LayoutInstanceType;
}

/** What DescribeInstanceTypes says about an instance type's network; a member EC2 leaves out stays absent. */
export interface LayoutInstanceType {
  readonly name: string;
  readonly maximumNetworkCards?: number;
  /** In all, over every card. */
  readonly maximumNetworkInterfaces?: number;
  /** Per network card, how many interfaces it takes. */
  readonly networkCards?: { readonly index: number; readonly maximumNetworkInterfaces?: number }[];
  readonly efaSupported?: boolean;
  /** EFA interfaces (efa and efa-only) at most. */
  readonly maximumEfaInterfaces?: number;
}

export interface LayoutOptions {
  /** What is known about an instance type (the live checks' cache): undefined when nothing. Nothing is looked up. */
  readonly instanceType?: (name: string) => InstanceTypeLimits | undefined;
}

export interface RequestLayout {
  readonly operation: string;
  readonly launches: LaunchLayout[];
  /** How serious each diagnostic code of the request is: the worst severity it has in the request. */
  readonly severities: Readonly<Record<string, LayoutSeverity>>;
}

export type LayoutSeverity = 'error' | 'warning' | 'information' | 'hint';

export type LayoutAnswer =
  { readonly kind: 'layout'; readonly layout: RequestLayout } | { readonly kind: 'not-a-request' | 'no-entries'; readonly message: string };

/** The operations whose requests hold interface entries. */
export const LAYOUT_OPERATIONS = LAUNCH_OPERATIONS;

/** The layout of a request, or why there is none. `diagnostics`: the service's validate() of the same document (and the live checks'). */
export function requestLayout(analysis: RequestAnalysis, diagnostics: readonly Diagnostic[], options: LayoutOptions = {}): LayoutAnswer {
  const { operation, parsed, document } = analysis;
  if (!operation || !parsed?.root)
    return { kind: 'not-a-request', message: 'not a request file: name it <name>.<cli-command>.<ext> or add a modeline such as "# ec2: <cli-command>"' };
  const name = operation['x-operation'].name;
  const noEntries = (): LayoutAnswer => ({
    kind: 'no-entries',
    message: `${name} request without NetworkInterfaces entries: interface entries are taken by ${LAYOUT_OPERATIONS.join(', ')}`,
  });
  if (parsed.root.kind !== 'object') return noEntries();
  const starts = diagnostics.map((d) => ({ offset: document.offsetAt(d.range.start), code: d.code === undefined ? undefined : String(d.code) }));
  const codesIn = (node: { offset: number; length: number }) =>
    unique(starts.filter((s) => s.code !== undefined && s.offset >= node.offset && s.offset < node.offset + node.length).map((s) => s.code!));

  const launches: LaunchLayout[] = [];
  for (const launch of launchSpecs(operation, parsed.root)) {
    const nics = getProperty(launch.node, 'NetworkInterfaces');
    const list = nics?.value;
    if (!nics || list?.kind !== 'array' || list.items.length === 0) continue;
    const cells: LayoutEntry[] = [];
    const unplaced: UnplacedEntry[] = [];
    list.items.forEach((item, index) => {
      const codes = codesIn(item);
      if (item.kind !== 'object') {
        unplaced.push({ ...emptyEntry(index, codes), reason: 'not an object' });
        return;
      }
      const entry = layoutEntry(item, index, codes);
      const reason = unplacedReason(item, entry);
      if (reason) unplaced.push({ ...entry, reason });
      else cells.push(entry);
    });
    cells.sort((a, b) => a.card! - b.card! || a.deviceIndex! - b.deviceIndex! || a.index - b.index);
    const inEntries = list.items;
    const outside = starts.filter(
      (s) =>
        s.code !== undefined &&
        s.offset >= nics.offset &&
        s.offset < nics.offset + nics.length &&
        !inEntries.some((i) => s.offset >= i.offset && s.offset < i.offset + i.length),
    );
    const typeName = stringOf(getProperty(launch.node, 'InstanceType')?.value);
    const facts = typeName === undefined ? undefined : options.instanceType?.(typeName);
    launches.push({
      kind: launch.kind,
      path: displayPath([...launch.path, 'NetworkInterfaces']),
      cards: unique(cells.map((c) => c.card!)).sort((a, b) => a - b),
      deviceIndexes: unique(cells.map((c) => c.deviceIndex!)).sort((a, b) => a - b),
      cells,
      unplaced,
      primary: cells.find((c) => c.primary),
      codes: unique(outside.map((s) => s.code!)),
      ...(facts && { instanceType: layoutInstanceType(facts) }),
    });
  }
  return launches.length ? { kind: 'layout', layout: { operation: name, launches, severities: severitiesOf(diagnostics) } } : noEntries();
}

const SEVERITY_NAMES: readonly LayoutSeverity[] = ['error', 'warning', 'information', 'hint'];

/** Code → the worst severity among its diagnostics (LSP's 1 error … 4 hint; without one, an error, as VS Code shows it). */
function severitiesOf(diagnostics: readonly Diagnostic[]): Record<string, LayoutSeverity> {
  const worst: Record<string, LayoutSeverity> = {};
  for (const { code, severity } of diagnostics) {
    if (code === undefined) continue;
    const name = SEVERITY_NAMES[(severity ?? 1) - 1] ?? 'error';
    const key = String(code);
    if (worst[key] === undefined || SEVERITY_NAMES.indexOf(name) < SEVERITY_NAMES.indexOf(worst[key])) worst[key] = name;
  }
  return worst;
}

/** The InstanceType of each launch specification (each once): what the layout can show facts about. */
export function layoutInstanceTypes(analysis: RequestAnalysis): string[] {
  const { operation, parsed } = analysis;
  if (!operation || parsed?.root?.kind !== 'object') return [];
  const names = launchSpecs(operation, parsed.root).flatMap((launch) => stringOf(getProperty(launch.node, 'InstanceType')?.value) ?? []);
  return unique(names.filter((name) => INSTANCE_TYPE_NAME.test(name)));
}

function layoutInstanceType(limits: InstanceTypeLimits): LayoutInstanceType {
  const { instanceType: name, maximumNetworkCards, maximumNetworkInterfaces, networkCards, efaSupported, maximumEfaInterfaces } = limits;
  return {
    name,
    ...(maximumNetworkCards !== undefined && { maximumNetworkCards }),
    ...(maximumNetworkInterfaces !== undefined && { maximumNetworkInterfaces }),
    ...(networkCards && {
      networkCards: networkCards.map((card) => ({
        index: card.networkCardIndex,
        ...(card.maximumNetworkInterfaces !== undefined && { maximumNetworkInterfaces: card.maximumNetworkInterfaces }),
      })),
    }),
    ...(efaSupported !== undefined && { efaSupported }),
    ...(maximumEfaInterfaces !== undefined && { maximumEfaInterfaces }),
  };
}

/** The entries at one place of the grid (more than one is a conflict the rules report). */
export function entriesAt(launch: LaunchLayout, card: number, deviceIndex: number): LayoutEntry[] {
  return launch.cells.filter((c) => c.card === card && c.deviceIndex === deviceIndex);
}

function layoutEntry(node: ObjectNode, index: number, codes: string[]): LayoutEntry {
  const cardValue = getProperty(node, 'NetworkCardIndex')?.value;
  const card = cardValue === undefined || cardValue.kind === 'null' ? 0 : numberOf(cardValue);
  const deviceIndex = numberOf(getProperty(node, 'DeviceIndex')?.value);
  const type = stringOf(getProperty(node, 'InterfaceType')?.value);
  const subnetId = stringOf(getProperty(node, 'SubnetId')?.value);
  const networkInterfaceId = stringOf(getProperty(node, 'NetworkInterfaceId')?.value);
  const groupsValue = getProperty(node, 'Groups')?.value;
  const groups = groupsValue?.kind === 'array' ? groupsValue.items.map((g) => stringOf(g) ?? '?') : [];
  return {
    index,
    card,
    deviceIndex,
    interfaceType: type ?? 'interface',
    ...(subnetId !== undefined && { subnetId }),
    groups,
    addresses: addressSummary(node),
    ...(networkInterfaceId !== undefined && { networkInterfaceId }),
    primary: card === 0 && deviceIndex === 0,
    codes,
  };
}

/** An entry that is not an object: nothing asked for, no type either (`?`, not the default interface). */
function emptyEntry(index: number, codes: string[]): LayoutEntry {
  return { index, card: undefined, deviceIndex: undefined, interfaceType: '?', groups: [], addresses: '', primary: false, codes };
}

function unplacedReason(node: ObjectNode, entry: LayoutEntry): string | undefined {
  const device = getProperty(node, 'DeviceIndex')?.value;
  if (device === undefined || device.kind === 'null') return 'no DeviceIndex';
  if (entry.deviceIndex === undefined) return 'DeviceIndex is not a number';
  if (entry.card === undefined) return 'NetworkCardIndex is not a number';
  return undefined;
}

/** What the entry asks for in addresses, in a few words. */
function addressSummary(node: ObjectNode): string {
  const parts: string[] = [];
  const value = (key: string) => getProperty(node, key)?.value;
  const list = (key: string) => {
    const v = value(key);
    return v?.kind === 'array' ? v.items : [];
  };
  const count = (key: string, what: string) => {
    const n = numberOf(value(key));
    if (n !== undefined) parts.push(`${n} ${what}`);
  };
  const primary = stringOf(value('PrivateIpAddress'));
  if (primary !== undefined) parts.push(primary);
  const privates = list('PrivateIpAddresses').filter((item) => item.kind === 'object');
  const listedPrimary = privates.find((p) => p.kind === 'object' && booleanOf(getProperty(p, 'Primary')?.value) === true);
  if (primary === undefined && listedPrimary?.kind === 'object') {
    const address = stringOf(getProperty(listedPrimary, 'PrivateIpAddress')?.value);
    if (address !== undefined) parts.push(address);
  }
  const secondaries = privates.length - (listedPrimary ? 1 : 0);
  if (secondaries > 0) parts.push(`${secondaries} secondary listed`);
  count('SecondaryPrivateIpAddressCount', 'secondary');
  const v6 = list('Ipv6Addresses').length;
  if (v6) parts.push(`${v6} IPv6 listed`);
  count('Ipv6AddressCount', 'IPv6');
  const prefixes = (key: string, what: string) => {
    const items = list(key);
    if (items.length) parts.push(`${items.length} ${what} prefix${items.length === 1 ? '' : 'es'} listed`);
  };
  prefixes('Ipv4Prefixes', 'IPv4');
  count('Ipv4PrefixCount', 'IPv4 /28');
  prefixes('Ipv6Prefixes', 'IPv6');
  count('Ipv6PrefixCount', 'IPv6 /80');
  if (booleanOf(value('AssociatePublicIpAddress')) === true) parts.push('public IPv4');
  return parts.join(', ');
}

function numberOf(value: ValueNode | undefined): number | undefined {
  return value?.kind === 'number' ? value.value : undefined;
}

function booleanOf(value: ValueNode | undefined): boolean | undefined {
  return value?.kind === 'boolean' ? value.value : undefined;
}

function stringOf(value: ValueNode | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
