/**
 * The network layout (layout.ts) as Markdown, for the editor's preview (the server command
 * eni-requests.layout, VS Code's "Show network layout") and `eni-requests layout --format markdown`.
 * Text only, no I/O.
 *
 * Per launch specification a literal grid: one row per network card, one column per device index in
 * use, each cell the entry at that place (its type, the primary marked, its subnet, groups,
 * addresses, the existing interface it attaches, the codes of its problems, lines joined by `<br>`).
 * The terminal table (layout-render.ts) is one row per entry because fixed-width columns cannot
 * wrap; Markdown cells can. What every entry has in common (a p5's one subnet and security group)
 * is said once above the grid, so that a 32-card template is 32 one-line rows.
 *
 * A launch specification is a list of sections (LAUNCH_SECTIONS), each a function of the launch
 * (the summary, the instance type's cards, interfaces per card and EFA limit when live data knows
 * them, what every entry shares, the problems, the grid). Every value from the file goes through `escapeMarkdown`.
 */
import type { LaunchLayout, LayoutEntry, LayoutSeverity, RequestLayout } from './layout';
import type { LaunchKind } from './validation/rules/launch-specs';
import { instanceTypeSummary, layoutSummary, typeLabel } from './layout-render';

export interface LayoutMarkdownOptions {
  /** The request file's name, for the title. */
  readonly source?: string;
}

/** What a section of a launch specification sees. */
export interface LaunchContext {
  readonly layout: RequestLayout;
  readonly launch: LaunchLayout;
  /** What every entry of the launch asks for alike: said once above the grid, left out of the cells. */
  readonly common: CommonValues;
}

export interface CommonValues {
  readonly subnetId?: string;
  readonly groups?: readonly string[];
}

/** One block of a launch specification's Markdown, or nothing. */
type Section = (context: LaunchContext) => string | undefined;

/** The sections of a launch specification, in order. */
const LAUNCH_SECTIONS: readonly Section[] = [summarySection, instanceTypeSection, commonSection, listProblemsSection, unplacedSection, gridSection];

const KIND_NAMES: Readonly<Record<LaunchKind, string>> = {
  'run-instances': 'Instances',
  'launch-template': 'Launch template',
  'spot-instances': 'Spot launch specification',
  'spot-fleet': 'Spot Fleet launch specification',
};

export const SEVERITY_MARKS: Readonly<Record<LayoutSeverity, string>> = { error: '✖', warning: '⚠', information: 'ℹ', hint: 'ℹ' };

/** Between two entries at the same place (a conflict the rules report) in one cell. */
const SAME_PLACE = '<br><br>';

export function layoutMarkdown(layout: RequestLayout, options: LayoutMarkdownOptions = {}): string {
  const title = options.source === undefined ? '## Network layout' : `## Network layout of ${escapeMarkdown(options.source)}`;
  const launches = layout.launches.map((launch) => {
    const context: LaunchContext = { layout, launch, common: commonValues(launch) };
    const sections = LAUNCH_SECTIONS.map((section) => section(context)).filter((block) => block !== undefined);
    return [`### ${KIND_NAMES[launch.kind]}: \`${launch.path}\` (${layout.operation})`, ...sections].join('\n\n');
  });
  return `${[title, ...launches, legend()].join('\n\n')}\n`;
}

/** The Markdown of a request without a layout: the reason, one paragraph. */
export function noLayoutMarkdown(reason: string): string {
  return `${escapeMarkdown(reason)}\n`;
}

function summarySection({ launch }: LaunchContext): string {
  return `**${escapeMarkdown(layoutSummary(launch))}**`;
}

/** What EC2 says of the specification's InstanceType: only with live data that knows it. */
function instanceTypeSection({ launch }: LaunchContext): string | undefined {
  return launch.instanceType ? `_${escapeMarkdown(instanceTypeSummary(launch.instanceType))}_` : undefined;
}

function commonSection({ common }: LaunchContext): string | undefined {
  const parts = [
    ...(common.subnetId !== undefined ? [`subnet ${escapeMarkdown(common.subnetId)}`] : []),
    ...(common.groups !== undefined ? [`groups ${common.groups.map(escapeMarkdown).join(', ')}`] : []),
  ];
  return parts.length ? `Every entry: ${parts.join(' · ')}` : undefined;
}

function listProblemsSection({ layout, launch }: LaunchContext): string | undefined {
  return launch.codes.length ? `On \`NetworkInterfaces\` itself: ${problemMarks(launch.codes, layout)}` : undefined;
}

function unplacedSection(context: LaunchContext): string | undefined {
  const { launch } = context;
  if (!launch.unplaced.length) return undefined;
  const items = launch.unplaced.map((entry) => `- ${headLine(entry)}: ${[escapeMarkdown(entry.reason), ...detailLines(entry, context)].join(' · ')}`);
  return ['Not in the grid:', '', ...items].join('\n');
}

/** Cards (rows) × device indexes (columns). */
function gridSection(context: LaunchContext): string | undefined {
  const { launch } = context;
  if (!launch.cells.length) return undefined;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [row(['card', ...launch.deviceIndexes.map((d) => `device ${d}`)]), row(['---:', ...launch.deviceIndexes.map(() => '---')])];
  const byPlace = new Map<string, LayoutEntry[]>();
  for (const entry of launch.cells) {
    const key = `${entry.card}/${entry.deviceIndex}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), entry]);
  }
  for (const card of launch.cards) {
    const cells = launch.deviceIndexes.map((device) =>
      (byPlace.get(`${card}/${device}`) ?? []).map((entry) => [headLine(entry), ...detailLines(entry, context)].join('<br>')).join(SAME_PLACE),
    );
    lines.push(row([`**${card}**`, ...cells]));
  }
  return lines.join('\n');
}

/** `★ **ENA** #0`: the type (★ for the primary) and the entry's index. */
function headLine(entry: LayoutEntry): string {
  return `${entry.primary ? '★ ' : ''}**${escapeMarkdown(typeLabel(entry))}** #${entry.index}`;
}

/** What an entry asks for beyond the common values, then its problems. */
function detailLines(entry: LayoutEntry, { layout, common }: LaunchContext): string[] {
  const lines: string[] = [];
  if (entry.subnetId !== undefined && common.subnetId === undefined) lines.push(escapeMarkdown(entry.subnetId));
  if (entry.groups.length && common.groups === undefined) lines.push(entry.groups.map(escapeMarkdown).join(', '));
  if (entry.addresses) lines.push(escapeMarkdown(entry.addresses));
  if (entry.networkInterfaceId !== undefined) lines.push(escapeMarkdown(entry.networkInterfaceId));
  if (entry.codes.length) lines.push(problemMarks(entry.codes, layout));
  return lines;
}

/** The subnet and the groups when every entry (two or more) asks for the same. */
function commonValues(launch: LaunchLayout): CommonValues {
  const entries: LayoutEntry[] = [...launch.cells, ...launch.unplaced];
  if (entries.length < 2) return {};
  const [first] = entries;
  const subnetId = first.subnetId !== undefined && entries.every((e) => e.subnetId === first.subnetId) ? first.subnetId : undefined;
  const groupsKey = (e: LayoutEntry) => JSON.stringify(e.groups);
  const groups = first.groups.length && entries.every((e) => groupsKey(e) === groupsKey(first)) ? first.groups : undefined;
  return { ...(subnetId !== undefined && { subnetId }), ...(groups !== undefined && { groups }) };
}

/** `✖ efa-per-card ⚠ nic-…`: each code with the mark of its severity. */
function problemMarks(codes: readonly string[], layout: RequestLayout): string {
  return codes
    .map((code) => {
      const severity = layout.severities[code];
      const mark = severity === undefined ? '' : `${SEVERITY_MARKS[severity]} `;
      return `${mark}${/^[\w.:-]+$/.test(code) ? `\`${code}\`` : escapeMarkdown(code)}`;
    })
    .join(' ');
}

function legend(): string {
  const marks = (['error', 'warning', 'information'] as const).map((severity) => `${SEVERITY_MARKS[severity]} ${severity}`).join(', ');
  return [
    '---',
    '',
    `★ the primary interface (network card 0, device index 0) · #n: the entry's index in \`NetworkInterfaces\` · ` +
      `existing: the entry attaches that interface (\`NetworkInterfaceId\`) · ${marks}: the codes of the problems on it ` +
      '(their messages are in the Problems panel and in `eni-requests check`)',
  ].join('\n');
}

/**
 * Text from the file, safe in a Markdown paragraph, list item or table cell: the characters that
 * start emphasis, code, links, HTML or entities, strike-through, or end a cell are backslash-escaped
 * (CommonMark escapes any ASCII punctuation), line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]|<>&~]/g, (c) => `\\${c}`);
}
