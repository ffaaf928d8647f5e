/**
 * The network layout (layout.ts) as a plain-text table for the terminal, with a summary line, the
 * instance type's facts when live data gave them (instanceTypeSummary), and a legend; the summary,
 * the instance type's line and the type labels are shared with the Markdown (layout-markdown.ts).
 * Text only, no I/O.
 *
 * One row per entry, sorted by network card then device index, the card written once per group:
 * a p5 has 32 cards and at most 2 device indexes in use, so a cards × devices grid would be 32 rows
 * anyway, and its cells would have to squeeze type, subnet, groups and addresses into one column
 * each. A row per entry keeps every detail in its own fixed-width column and reads top to bottom
 * as the cards do; the blank card column shows where a card has more than one interface. (Markdown
 * cells can hold several lines: there the grid is literal.)
 */
import type { LaunchLayout, LayoutEntry, LayoutInstanceType, RequestLayout, UnplacedEntry } from './layout';

/** "33 interfaces on 32 network cards: 1 ENA, 32 EFA-only (1 per card); primary: card 0 device 0 (interface)". */
export function layoutSummary(launch: LaunchLayout): string {
  const entries: LayoutEntry[] = [...launch.cells, ...launch.unplaced];
  const byLabel = new Map<string, LayoutEntry[]>();
  for (const entry of entries) {
    const label = typeLabel(entry);
    byLabel.set(label, [...(byLabel.get(label) ?? []), entry]);
  }
  const order = ['ENA', 'EFA', 'EFA-only', 'trunk', 'existing'];
  const labels = [...byLabel.keys()].sort((a, b) => rank(order, a) - rank(order, b) || (a < b ? -1 : 1));
  const counts = labels.map((label) => {
    const group = byLabel.get(label)!;
    const placed = group.filter((e) => e.card !== undefined);
    const cards = new Set(placed.map((e) => e.card)).size;
    const perCard = label.startsWith('EFA') && group.length > 1 ? (cards === placed.length ? ' (1 per card)' : ` (on ${plural(cards, 'card')})`) : '';
    return `${group.length} ${label}${perCard}`;
  });
  const cards = launch.cards.length;
  const primary = launch.primary ? `card 0 device 0 (${launch.primary.interfaceType})` : 'none (no entry at card 0 device 0)';
  const unplaced = launch.unplaced.length ? `; ${plural(launch.unplaced.length, 'entry', 'entries')} without a place` : '';
  return `${plural(entries.length, 'interface')} on ${plural(cards, 'network card')}: ${counts.join(', ')}; primary: ${primary}${unplaced}`;
}

/**
 * "instance type p5.48xlarge (DescribeInstanceTypes): 32 network cards, 2 interfaces per card, 64 in
 * all; EFA: at most 32 interfaces", from what EC2 stated (a limit it left out is left out here).
 */
export function instanceTypeSummary(type: LayoutInstanceType): string {
  const parts: string[] = [];
  const cards = type.maximumNetworkCards;
  if (cards !== undefined) parts.push(plural(cards, 'network card'));
  const perCard = perCardText(type.networkCards ?? []);
  const multiCard = (cards ?? type.networkCards?.length ?? 0) > 1;
  if (perCard && multiCard) parts.push(perCard);
  const total = type.maximumNetworkInterfaces;
  if (total !== undefined) parts.push(multiCard ? `${total} interfaces in all` : plural(total, 'interface'));
  const efa =
    type.efaSupported === false
      ? 'no EFA'
      : type.maximumEfaInterfaces !== undefined
        ? `EFA: at most ${plural(type.maximumEfaInterfaces, 'interface')}`
        : type.efaSupported
          ? 'EFA supported'
          : undefined;
  const network = parts.length ? parts.join(', ') : 'no network limits stated';
  return `instance type ${type.name} (DescribeInstanceTypes): ${network}${efa ? `; ${efa}` : ''}`;
}

/** "2 interfaces per card", or per group of cards when they differ: "4 interfaces on card 0, 2 on cards 1-3". */
function perCardText(cards: NonNullable<LayoutInstanceType['networkCards']>): string | undefined {
  const known = cards.filter((c) => c.maximumNetworkInterfaces !== undefined).sort((a, b) => a.index - b.index);
  if (!known.length) return undefined;
  const first = known[0].maximumNetworkInterfaces!;
  if (known.length === cards.length && known.every((c) => c.maximumNetworkInterfaces === first)) return `${plural(first, 'interface')} per card`;
  const groups: { from: number; to: number; value: number }[] = [];
  for (const card of known) {
    const last = groups.at(-1);
    if (last && last.value === card.maximumNetworkInterfaces && last.to === card.index - 1) last.to = card.index;
    else groups.push({ from: card.index, to: card.index, value: card.maximumNetworkInterfaces! });
  }
  return groups
    .map(({ from, to, value }, i) => `${i === 0 ? plural(value, 'interface') : value} on ${from === to ? `card ${from}` : `cards ${from}-${to}`}`)
    .join(', ');
}

const LEGEND = [
  '* primary interface (network card 0, device index 0); #: index in NetworkInterfaces; type: InterfaceType (interface when absent)',
  'existing: NetworkInterfaceId attached; problems: diagnostic codes (eni-requests check for the messages)',
];

interface Column {
  readonly title: string;
  readonly value: (row: Row) => string;
  /** Shown even when every row is empty. */
  readonly always?: boolean;
  readonly right?: boolean;
}

interface Row {
  readonly entry: LayoutEntry;
  /** The first row of its card. */
  readonly firstOfCard: boolean;
  readonly reason?: string;
}

const COLUMNS: readonly Column[] = [
  { title: 'card', value: (r) => (r.reason ? show(r.entry.card) : r.firstOfCard ? String(r.entry.card) : ''), always: true, right: true },
  { title: 'dev', value: (r) => show(r.entry.deviceIndex), always: true, right: true },
  { title: '#', value: (r) => String(r.entry.index), always: true, right: true },
  { title: 'type', value: (r) => `${r.entry.interfaceType}${r.entry.primary ? '*' : ''}`, always: true },
  { title: 'subnet', value: (r) => r.entry.subnetId ?? '' },
  { title: 'groups', value: (r) => r.entry.groups.join(',') },
  { title: 'addresses', value: (r) => r.entry.addresses },
  { title: 'existing', value: (r) => r.entry.networkInterfaceId ?? '' },
  { title: 'problems', value: (r) => [...(r.reason ? [r.reason] : []), ...r.entry.codes].join(' ') },
];

function rows(launch: LaunchLayout): Row[] {
  const placed = launch.cells.map((entry, i) => ({ entry, firstOfCard: i === 0 || launch.cells[i - 1].card !== entry.card }));
  const unplaced = launch.unplaced.map((entry: UnplacedEntry) => ({ entry, firstOfCard: true, reason: entry.reason }));
  return [...placed, ...unplaced];
}

function table(launch: LaunchLayout): { columns: Column[]; cells: string[][] } {
  const all = rows(launch);
  const columns = COLUMNS.filter((c) => c.always || all.some((r) => c.value(r) !== ''));
  return { columns, cells: all.map((r) => columns.map((c) => c.value(r))) };
}

function heading(layout: RequestLayout, launch: LaunchLayout): string {
  return `${launch.path} (${layout.operation})`;
}

/** The terminal table: fixed-width columns, `-` for nothing. */
export function layoutText(layout: RequestLayout): string {
  const blocks = layout.launches.map((launch) => {
    const { columns, cells } = table(launch);
    const text = cells.map((row) => row.map((cell, i) => (cell === '' && columns[i].title !== 'card' ? '-' : cell)));
    const widths = columns.map((c, i) => Math.max(c.title.length, ...text.map((row) => row[i].length)));
    const line = (values: string[]) =>
      values
        .map((v, i) => (columns[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i])))
        .join('  ')
        .trimEnd();
    const notes = launch.codes.length ? [`problems on NetworkInterfaces: ${launch.codes.join(' ')}`] : [];
    const type = launch.instanceType ? [instanceTypeSummary(launch.instanceType)] : [];
    return [heading(layout, launch), layoutSummary(launch), ...type, ...notes, '', line(columns.map((c) => c.title)), ...text.map(line)].join('\n');
  });
  return `${blocks.join('\n\n')}\n\n${LEGEND.join('\n')}\n`;
}

/** ENA, EFA, EFA-only, trunk, existing (NetworkInterfaceId), else the InterfaceType as written. */
export function typeLabel(entry: LayoutEntry): string {
  if (entry.networkInterfaceId !== undefined) return 'existing';
  return entry.interfaceType === 'interface'
    ? 'ENA'
    : entry.interfaceType === 'efa'
      ? 'EFA'
      : entry.interfaceType === 'efa-only'
        ? 'EFA-only'
        : entry.interfaceType;
}

function show(value: number | undefined): string {
  return value === undefined ? '?' : String(value);
}

function rank(order: string[], label: string): number {
  const i = order.indexOf(label);
  return i < 0 ? order.length : i;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
