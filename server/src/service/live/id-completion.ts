/**
 * Completion of real IDs: where the cursor is a value that holds a subnet, security group,
 * network interface or instance ID (a member with that `x-idKind`, or a value of a filter such as
 * `subnet-id`), and the items for the resources a listing returned, each with its Name tag.
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type Position, type TextEdit } from 'vscode-languageserver-types';
import type { DescribedResource, ResourceKind } from '../../execution/lookups';
import { cursorContext, type ValueSlot } from '../completion/context';
import { nodeAtPath } from '../document/navigate';
import type { RequestAnalysis } from '../service-types';
import { schemaAtPath } from '../../model/registry';
import { filterSlot } from '../schema-slots';
import { isLiveKind } from './references';

export interface IdSlot {
  readonly kind: ResourceKind;
  readonly slot: ValueSlot;
}

/** Filters whose values are IDs of a kind, by the end of their name (`network-interface.subnet-id`…). */
const FILTER_SUFFIXES: readonly [string, ResourceKind][] = [
  ['network-interface-id', 'eni'],
  ['subnet-id', 'subnet'],
  ['group-id', 'sg'],
  ['instance-id', 'i'],
];

/** The ID slot at `position`, when the cursor is on a value that holds an ID of a live kind. */
export function idSlotAt(analysis: RequestAnalysis, position: Position): IdSlot | undefined {
  const { document, parsed, operation } = analysis;
  if (!parsed || !operation || analysis.tooLarge) return undefined;
  const slot = cursorContext(document.getText(), parsed.root, parsed.syntax, document.offsetAt(position), (path) => schemaAtPath(operation, path));
  if (slot?.kind !== 'value') return undefined;
  const kind = schemaAtPath(operation, slot.path)?.['x-idKind'];
  if (isLiveKind(kind)) return { kind, slot };
  const filter = filterSlot(operation, parsed.root, slot.path);
  if (filter?.kind !== 'value' || !filter.name || filter.name.startsWith('tag:')) return undefined;
  const byName = FILTER_SUFFIXES.find(([suffix]) => filter.name === suffix || filter.name!.endsWith(`.${suffix}`));
  return byName ? { kind: byName[1], slot } : undefined;
}

/** One item per resource, the Name tag beside the ID; IDs already in the same list are left out. */
export function idItems(analysis: RequestAnalysis, { slot }: IdSlot, resources: readonly DescribedResource[]): CompletionItem[] {
  const { document, parsed } = analysis;
  const taken = siblingValues(analysis, slot);
  const range = { start: document.positionAt(slot.token.start), end: document.positionAt(slot.token.end) };
  const additionalTextEdits: TextEdit[] | undefined =
    slot.commaAt !== undefined ? [{ range: { start: document.positionAt(slot.commaAt), end: document.positionAt(slot.commaAt) }, newText: ',' }] : undefined;
  const quote = parsed?.syntax === 'json' ? '"' : (slot.token.quote ?? ''); // IDs never need quotes in YAML
  const typedQuote = slot.token.quote ?? '';
  const sorted = [...resources].sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.id.localeCompare(b.id));
  return sorted
    .filter((r) => !taken.has(r.id))
    .map((resource, i): CompletionItem => ({
      label: resource.id,
      ...(resource.name ? { labelDetails: { description: resource.name } } : {}),
      kind: CompletionItemKind.Reference,
      detail: describe(resource),
      // After the member names and enum values of the static completion.
      sortText: `~live_${String(i).padStart(5, '0')}`,
      filterText: `${typedQuote}${resource.id}${typedQuote}`,
      textEdit: { range, newText: `${quote}${resource.id}${quote}${slot.separatorAfter}` },
      insertTextFormat: InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
      ...(additionalTextEdits ? { additionalTextEdits } : {}),
    }));
}

/** "web-a · 10.0.1.0/24 · eu-west-1a · vpc-…": the Name tag first, for clients without label details. */
function describe(r: DescribedResource): string {
  const parts: (string | undefined)[] =
    r.kind === 'subnet'
      ? [r.cidrBlock, r.availabilityZone, r.vpcId]
      : r.kind === 'sg'
        ? [r.groupName, r.vpcId]
        : r.kind === 'eni'
          ? [r.description, r.privateIpAddress, r.subnetId, r.state]
          : [r.instanceType, r.state, r.privateIpAddress, r.subnetId];
  return [r.name, ...parts].filter((p): p is string => !!p).join(' · ');
}

/** For a list item: the other items' values (`Groups: [sg-1, |]` does not offer sg-1 again). */
function siblingValues(analysis: RequestAnalysis, slot: ValueSlot): Set<string> {
  const taken = new Set<string>();
  const index = slot.path[slot.path.length - 1];
  const root = analysis.parsed?.root;
  if (typeof index !== 'number' || !root) return taken;
  const list = nodeAtPath(root, slot.path.slice(0, -1));
  if (list?.kind !== 'array') return taken;
  list.items.forEach((item, i) => {
    if (i !== index && item.kind === 'string' && item.offset !== slot.token.start) taken.add(item.value);
  });
  return taken;
}
