/**
 * Completion of member names, enum and boolean values, filter names and filter values, in JSON
 * and YAML request files. Where the cursor is comes from context.ts; what to offer from the
 * operation schema; how each item is written from the syntax and the text around the cursor.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { RequestAnalysis } from '../service-types';
import { schemaAtPath } from '../../model/registry';
import type { MemberSchema, OperationSchema } from '../../model/schema-types';
import { filterDocumentation, memberDetail, memberDocumentation, tagFilterDocumentation, typeLabel } from '../hover/member-docs';
import { cursorContext, type CursorContext, type KeySlot, type ValueSlot } from './context';
import { filterSlot, findFilter, supportsTagFilter } from '../schema-slots';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** `onError` hears of a failure that was answered with no items (so it can be logged). */
export function complete(analysis: RequestAnalysis, position: Position, onError: (error: unknown) => void = () => {}): CompletionList {
  const { document, parsed, operation } = analysis;
  if (!parsed || !operation) return EMPTY;
  try {
    const text = document.getText();
    const offset = document.offsetAt(position);
    const context = cursorContext(text, parsed.root, parsed.syntax, offset, (path) => schemaAtPath(operation, path));
    if (!context) return EMPTY;
    const writer = new ItemWriter(analysis, context);
    const items = context.kind === 'key' ? memberItems(operation, context, writer) : valueItems(analysis, operation, context, writer);
    return { isIncomplete: false, items };
  } catch (error) {
    // Completion is best effort: a surprise in a half-typed document must not break the editor.
    onError(error);
    return EMPTY;
  }
}

// ---------------------------------------------------------------------------------------------
// What to offer

function memberItems(operation: OperationSchema, slot: KeySlot, writer: ItemWriter): CompletionItem[] {
  const object = schemaAtPath(operation, slot.objectPath);
  if (object?.type !== 'object' || !object.properties) return [];
  const items: CompletionItem[] = [];
  for (const [name, schema] of Object.entries(object.properties)) {
    if (slot.present.has(name)) continue;
    const required = !!object.required?.includes(name);
    items.push({
      label: name,
      kind: CompletionItemKind.Property,
      detail: memberDetail(schema, required),
      documentation: markdown(memberDocumentation(schema)),
      // Required members first, deprecated ones last.
      sortText: `${required ? 0 : schema.deprecated ? 2 : 1}_${name}`,
      ...(schema.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
      ...writer.member(name, schema),
    });
  }
  return items;
}

function valueItems(analysis: RequestAnalysis, operation: OperationSchema, slot: ValueSlot, writer: ItemWriter): CompletionItem[] {
  const filter = filterSlot(operation, analysis.parsed?.root, slot.path);
  if (filter?.kind === 'name') {
    const items = (filter.filters['x-filters'] ?? []).map((f, i): CompletionItem => ({
      label: f.name,
      kind: CompletionItemKind.Value,
      detail: f.values ? `filter · ${f.values.length} values` : 'filter',
      documentation: markdown(filterDocumentation(f)),
      sortText: String(i).padStart(4, '0'),
      ...writer.value(f.name),
    }));
    if (supportsTagFilter(filter.filters)) {
      items.push({
        label: 'tag:<key>',
        kind: CompletionItemKind.Snippet,
        detail: 'filter by the value of a tag',
        documentation: markdown(tagFilterDocumentation(filter.filters)),
        sortText: String(items.length).padStart(4, '0'),
        ...writer.value('tag:', 'tag:${1:key}'),
      });
    }
    return items;
  }
  if (filter?.kind === 'value') {
    const info = filter.name !== undefined ? findFilter(filter.filters, filter.name) : undefined;
    return (info?.values ?? []).map((value, i) => ({
      label: value,
      kind: CompletionItemKind.EnumMember,
      detail: `value of filter ${info!.name}`,
      documentation: markdown(info!.markdownDescription),
      sortText: String(i).padStart(4, '0'),
      ...writer.value(value),
    }));
  }
  const schema = schemaAtPath(operation, slot.path);
  if (schema?.enum) {
    return schema.enum.map((value, i) => ({
      label: value,
      kind: CompletionItemKind.EnumMember,
      detail: typeLabel(schema),
      sortText: String(i).padStart(4, '0'),
      ...writer.value(value),
    }));
  }
  if (schema?.type === 'boolean') {
    return [true, false].map((value) => ({ label: String(value), kind: CompletionItemKind.Value, detail: 'boolean', ...writer.literal(String(value)) }));
  }
  return [];
}

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

// ---------------------------------------------------------------------------------------------
// How to write it

type Edit = Pick<CompletionItem, 'textEdit' | 'filterText' | 'insertTextFormat' | 'insertTextMode' | 'additionalTextEdits'>;

/** Turns what to insert into edits over the typed token, in the document's syntax. */
class ItemWriter {
  private readonly range: TextEdit['range'];
  private readonly additionalTextEdits: TextEdit[] | undefined;
  /** A missing comma right where the token starts: part of the main edit (an additional edit there would overlap it). */
  private readonly prefix: string;

  constructor(
    analysis: RequestAnalysis,
    private readonly slot: CursorContext,
  ) {
    const { document } = analysis;
    this.range = { start: document.positionAt(slot.token.start), end: document.positionAt(slot.token.end) };
    this.prefix = slot.commaAt === slot.token.start ? ',' : '';
    if (slot.commaAt !== undefined && !this.prefix) {
      const at = document.positionAt(slot.commaAt);
      this.additionalTextEdits = [{ range: { start: at, end: at }, newText: ',' }];
    }
  }

  /** A member name, with a placeholder for its value unless a `:` is already there. */
  member(name: string, schema: MemberSchema): Edit {
    const { slot } = this;
    if (slot.kind !== 'key') return {};
    let text: string;
    if (slot.syntax === 'json') {
      text = slot.hasColon ? JSON.stringify(name) : `${JSON.stringify(name)}: ${jsonValueSnippet(schema)}${slot.separatorAfter}`;
    } else if (slot.hasColon) {
      text = name;
    } else if (schema.type === 'object' || schema.type === 'array') {
      // Nested blocks are indented from the key's column; asIs keeps the client from indenting again.
      const indent = ' '.repeat(slot.column + 2);
      if (slot.flow) text = `${name}: ${schema.type === 'object' ? '{$1}' : '[$1]'}${slot.separatorAfter}`;
      else text = schema.type === 'object' ? `${name}:\n${indent}$1` : `${name}:\n${indent}- $1`;
    } else {
      text = `${name}: ${yamlValueSnippet(schema)}${slot.separatorAfter}`;
    }
    return this.edit(text, InsertTextFormat.Snippet, slot.token.quote ? `${slot.token.quote}${name}${slot.token.quote}` : name);
  }

  /**
   * A string value (enum value, filter name or value), quoted as the syntax and any typed quote
   * need. `snippet` is a ready snippet body to insert instead (no quotes or escapes in it).
   */
  value(value: string, snippet?: string): Edit {
    const { slot } = this;
    const quote = slot.syntax === 'json' ? '"' : (slot.token.quote ?? (yamlNeedsQuotes(value, slot.flow) ? '"' : ''));
    let text: string;
    if (snippet) text = `${quote}${snippet}${quote}`;
    else if (quote === '"')
      text = escapeSnippet(JSON.stringify(value)); // JSON escapes are valid in YAML double quotes
    else if (quote === "'") text = escapeSnippet(`'${value.replace(/'/g, "''")}'`);
    else text = escapeSnippet(value);
    const typedQuote = slot.token.quote ?? '';
    return this.edit(text + slot.separatorAfter, InsertTextFormat.Snippet, `${typedQuote}${value}${typedQuote}`);
  }

  /** A literal written as is in both syntaxes (`true`, `false`); replaces any quotes typed. */
  literal(text: string): Edit {
    return this.edit(text + this.slot.separatorAfter, InsertTextFormat.PlainText, this.slot.token.quote ? `${this.slot.token.quote}${text}` : text);
  }

  private edit(newText: string, format: InsertTextFormat, filterText: string): Edit {
    return {
      textEdit: { range: this.range, newText: this.prefix + newText },
      // The client filters on the text from the range start to the cursor, typed quote included.
      filterText,
      insertTextFormat: format,
      insertTextMode: InsertTextMode.asIs,
      ...(this.additionalTextEdits ? { additionalTextEdits: this.additionalTextEdits } : {}),
    };
  }
}

/** Longer enums (InstanceType has hundreds) get a plain placeholder: value completion lists them. */
const MAX_CHOICES = 12;

/** `"$1"`, `$1`, `{$1}`, `[$1]`, or a choice of the enum values. */
function jsonValueSnippet(schema: MemberSchema): string {
  if (schema.enum && schema.enum.length <= MAX_CHOICES) return `"\${1|${schema.enum.map(escapeChoice).join(',')}|}"`;
  switch (schema.type) {
    case 'object':
      return '{$1}';
    case 'array':
      return '[$1]';
    case 'boolean':
      return '${1|true,false|}';
    case 'integer':
      return '$1';
    default:
      return '"$1"';
  }
}

function yamlValueSnippet(schema: MemberSchema): string {
  if (schema.enum && schema.enum.length <= MAX_CHOICES)
    return `\${1|${schema.enum.map((v) => escapeChoice(yamlNeedsQuotes(v, false) ? JSON.stringify(v) : v)).join(',')}|}`;
  if (schema.type === 'boolean') return '${1|true,false|}';
  return '$1';
}

/** Plain YAML scalars that might not read back as this string (booleans, numbers, null, indicators): quoting is harmless. */
function yamlNeedsQuotes(value: string, flow: boolean): boolean {
  return (
    value === '' ||
    /^(true|false|yes|no|on|off|y|n|null|~)$/i.test(value) ||
    /^[-+]?(\d|\.\d|\.inf|\.nan)/i.test(value) ||
    /^[-?:,[\]{}#&*!|>'"%@`]/.test(value) ||
    /: | #|^\s|\s$/.test(value) ||
    (flow && /[,[\]{}]/.test(value))
  );
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function escapeChoice(text: string): string {
  return text.replace(/[$}\\,|]/g, '\\$&');
}
