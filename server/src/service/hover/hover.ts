/**
 * Hover over a request: member docs on keys and plain values, the value set on enum values and
 * fixed-value filters, the filter's description on filter names.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { CLI_DEFAULTS } from '../../model/aws-cli';
import { filterSlot, findFilter, isRequiredMember, isTagFilter } from '../schema-slots';
import { nodeAtOffset, pathOf } from '../document/navigate';
import type { TreeNode } from '../document/tree';
import type { RequestAnalysis } from '../service-types';
import { schemaAtPath } from '../../model/registry';
import type { OperationSchema } from '../../model/schema-types';
import { displayPath } from '../validation/problem';
import { apiReferenceLink, enumValueHover, filterDocumentation, memberHover, tagFilterDocumentation } from './member-docs';

/** `onError` hears of a failure that was answered with no hover (so it can be logged). */
export function hover(analysis: RequestAnalysis, position: Position, onError: (error: unknown) => void = () => {}): Hover | null {
  const { document, parsed, operation } = analysis;
  if (!parsed?.root || !operation) return null;
  try {
    const node = nodeAtOffset(parsed.root, document.offsetAt(position));
    if (!node || node.kind === 'object' || node.kind === 'array') return null;
    // On a key, or between a key and its value: the member, over its key.
    const target = node.kind === 'property' ? node.key : node;
    const value = hoverText(analysis, operation, node);
    if (!value) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value },
      range: { start: document.positionAt(target.offset), end: document.positionAt(target.offset + target.length) },
    };
  } catch (error) {
    onError(error);
    return null; // hover is best effort
  }
}

function hoverText(analysis: RequestAnalysis, operation: OperationSchema, node: TreeNode): string | undefined {
  const path = pathOf(node);
  if (node.kind === 'string') {
    const filter = filterSlot(operation, analysis.parsed?.root, path);
    if (filter?.kind === 'name') {
      if (isTagFilter(node.value)) {
        return `**Filter** \`${node.value}\` · by tag\n\n${tagFilterDocumentation(filter.filters, node.value.slice(4) || undefined)}\n\n${apiReferenceLink(operation)}`;
      }
      const info = findFilter(filter.filters, node.value);
      if (info) return `**Filter** \`${info.name}\`\n\n${filterDocumentation(info)}\n\n${apiReferenceLink(operation)}`;
    } else if (filter?.kind === 'value' && filter.name !== undefined) {
      const info = findFilter(filter.filters, filter.name);
      if (info?.values) return enumValueHover(node.value, `filter \`${info.name}\``, info.values, info.markdownDescription);
    }
    const schema = schemaAtPath(operation, path);
    if (schema?.enum) {
      const member = memberName(path);
      const docs = schema.markdownDescription ?? schemaAtPath(operation, memberPath(path))?.markdownDescription;
      return enumValueHover(node.value, member ? `**${member}**` : 'this member', schema.enum, docs);
    }
  }
  // A key, or a plain value: the member it belongs to (for a list item, the list).
  const member = memberPath(path);
  const name = memberName(member);
  const schema = schemaAtPath(operation, member);
  if (!name || !schema) return undefined;
  const text = memberHover(name, schema, isRequiredMember(operation, member), operation, member.length > 1 ? displayPath(member) : undefined);
  return text + consumerNote(analysis, operation, member);
}

/** What the file's consumer does with a member: the AWS CLI fills in some when absent. */
function consumerNote(analysis: RequestAnalysis, operation: OperationSchema, member: readonly (string | number)[]): string {
  const fallback = member.length === 1 ? CLI_DEFAULTS[operation['x-operation'].name]?.[member[0]] : undefined;
  if (fallback === undefined) return '';
  return analysis.consumer === 'aws-cli'
    ? `\n\nThe AWS CLI sends ${member[0]} ${fallback} when the file does not give it (its \`--count\` default); an SDK needs it written.`
    : `\n\nThis file is for an SDK (setting \`eniRequests.consumers\`): it must give ${member[0]}; the AWS CLI would send ${fallback}.`;
}

/** The path of the member a value belongs to: list item indexes dropped. */
function memberPath(path: readonly (string | number)[]): (string | number)[] {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  return path.slice(0, end);
}

function memberName(path: readonly (string | number)[]): string | undefined {
  const last = path[path.length - 1];
  return typeof last === 'string' ? last : undefined;
}
