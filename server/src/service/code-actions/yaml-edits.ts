/**
 * Edits in YAML: block collections are edited by lines and indentation, flow collections as
 * comma-separated lists. Values are written in block style where the position allows it, strings
 * plain where no YAML loader could read them as anything else.
 *
 * Aliases and merge keys bring in nodes written elsewhere: only a collection's own members
 * (navigate.ts isOwnMember) are edited in it.
 */
import { resolvePlainScalar } from '../document/cli-yaml';
import { isOwnMember, toPlainValue } from '../document/navigate';
import type { ArrayNode, ObjectNode, PropertyNode, ValueNode } from '../document/tree';
import {
  appendToList,
  containerOf,
  isEmptyInside,
  isPlainObject,
  membersOf,
  removeFromList,
  SourceText,
  type DocumentEditor,
  type NewMember,
  type OffsetEdit,
} from './edits';

/** Words that YAML 1.1 loaders (PyYAML, ruamel.yaml under `%YAML 1.1`) or lenient ones read as null or booleans, in any case. */
const RESERVED_WORD = /^(?:~|null|true|false|yes|no|on|off)$/i;

/**
 * A string the AWS CLI's loader reads back as this string: under YAML 1.2, and not a number or
 * date under 1.1 either. (1.1's one-letter booleans `y`/`n` stay plain: no request file declares 1.1.)
 */
function readsBackAsString(value: string): boolean {
  const old = resolvePlainScalar(value, '1.1').type;
  return resolvePlainScalar(value, '1.2').type === 'str' && (old === 'str' || old === 'bool');
}
/** A first character that starts some other YAML construct (indicator). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NON_PRINTABLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/** Whether `value` can be written as a plain (unquoted) scalar and still be read back as this string. */
export function isPlainSafe(value: string, flow: boolean): boolean {
  return (
    value !== '' &&
    value === value.trim() &&
    !RESERVED_WORD.test(value) &&
    readsBackAsString(value) &&
    !INDICATOR_START.test(value) &&
    !NON_PRINTABLE.test(value) &&
    !/: | #|:$/.test(value) &&
    !(flow && /[,[\]{}:]/.test(value))
  );
}

export class YamlEditor implements DocumentEditor {
  private readonly source: SourceText;

  constructor(text: string) {
    this.source = new SourceText(text, true);
  }

  replaceValue(node: ValueNode, value: unknown): OffsetEdit[] {
    const end = this.source.end(node);
    const container = containerOf(node);
    if (container && this.isFlow(container)) return [{ start: node.offset, end, text: this.flow(value) }];
    const lines = this.blockLines(value);
    const slot = this.slotStart(node);
    if (slot === undefined) {
      // In place (the root, or a value after a comment): later lines line up under the first.
      const column = ' '.repeat(this.source.column(node.offset));
      const text = lines ? [lines[0], ...lines.slice(1).map((line) => column + line)].join(this.source.eol) : this.inline(value);
      return [{ start: node.offset, end, text }];
    }
    // From the `:` or `-` on: tags and anchors of the old value go with it.
    if (!lines) return [{ start: slot, end, text: ` ${this.inline(value)}` }];
    const parent = node.parent!;
    if (parent.kind === 'property') {
      const indent = ' '.repeat(this.source.column(parent.key.offset)) + this.source.indentUnit;
      return [{ start: slot, end, text: lines.map((line) => this.source.eol + indent + line).join('') }];
    }
    const indent = ' '.repeat(this.source.column(slot - 1) + 2);
    return [{ start: slot, end, text: ` ${[lines[0], ...lines.slice(1).map((line) => indent + line)].join(this.source.eol)}` }];
  }

  renameKey(property: PropertyNode, newKey: string): OffsetEdit[] {
    const key = property.key;
    const quote = key.quoted ? this.source.text[key.offset] : '';
    const container = property.parent;
    let text: string;
    if (quote === "'") text = `'${newKey.replace(/'/g, "''")}'`;
    else if (quote === '"') text = JSON.stringify(newKey);
    else text = this.scalar(newKey, container?.kind === 'object' && this.isFlow(container));
    return [{ start: key.offset, end: key.offset + key.length, text }];
  }

  wrapValue(node: ValueNode, key: string): OffsetEdit[] {
    const parent = node.parent;
    const container = containerOf(node);
    const written = this.source.slice(node.offset, this.source.end(node));
    if (parent?.kind === 'property' && parent.colonOffset !== undefined && container && !this.isFlow(container) && !written.includes('\n')) {
      const gap = { start: parent.colonOffset + 1, end: node.offset };
      if (/^[ \t]*$/.test(this.source.slice(gap.start, gap.end))) {
        // `Key: v` → `Key:\n  Value: v`, the value as written.
        const indent = ' '.repeat(this.source.column(parent.key.offset)) + this.source.indentUnit;
        return [{ ...gap, text: `${this.source.eol}${indent}${this.scalar(key, false)}: ` }];
      }
    }
    return this.replaceValue(node, { [key]: toPlainValue(node) });
  }

  insertMembers(object: ObjectNode, members: readonly NewMember[]): OffsetEdit[] | undefined {
    if (this.isFlow(object)) {
      if (object.properties.length) return appendToList(this.source, object, () => members.map((m) => `${this.scalar(m.key, true)}: ${this.flow(m.value)}`));
      return isEmptyInside(this.source, object) ? this.replaceValue(object, Object.fromEntries(members.map((m) => [m.key, m.value]))) : undefined;
    }
    const own = object.properties.filter((p) => isOwnMember(p, object));
    if (!own.length) return undefined;
    const indent = ' '.repeat(this.source.column(own[0].key.offset));
    const at = this.source.lineEnd(this.source.end(own[own.length - 1]));
    return [{ start: at, end: at, text: members.map((m) => this.source.eol + this.blockMember(m, indent)).join('') }];
  }

  removeMembers(container: ObjectNode | ArrayNode, members: readonly (PropertyNode | ValueNode)[]): OffsetEdit[] | undefined {
    if (this.isFlow(container)) return removeFromList(this.source, container, members);
    const all = membersOf(container);
    const own = all.filter((m) => isOwnMember(m, container));
    if (!members.every((m) => own.includes(m))) return undefined;
    if (members.length === all.length) return this.replaceValue(container, container.kind === 'object' ? {} : []);
    const edits: OffsetEdit[] = [];
    for (let i = 0; i < own.length; i++) {
      if (!members.includes(own[i])) continue;
      let j = i;
      while (j + 1 < own.length && members.includes(own[j + 1])) j++;
      const start = container.kind === 'array' ? this.dashBefore(own[i]) : own[i].offset;
      if (start === undefined) return undefined;
      if (this.source.startsLine(start)) {
        edits.push({ start: this.source.lineStart(start), end: this.source.afterLine(this.source.end(own[j])), text: '' });
      } else {
        // The first key of a list item (`- Key: v`): the next key moves up behind the dash.
        const next = own[j + 1];
        if (container.kind !== 'object' || !next) return undefined;
        edits.push({ start, end: next.offset, text: '' });
      }
      i = j;
    }
    return edits;
  }

  private isFlow(container: ObjectNode | ArrayNode): boolean {
    const first = this.source.text[container.offset];
    return first === '{' || first === '[';
  }

  /** The `-` that introduces a block sequence item on the item's line. */
  private dashBefore(item: PropertyNode | ValueNode): number | undefined {
    const lineStart = this.source.lineStart(item.offset);
    const prefix = this.source.slice(lineStart, item.offset);
    const dashes = [...prefix.matchAll(/(?:^|[ \t])(-)(?=[ \t]|$)/g)];
    const last = dashes[dashes.length - 1];
    return last ? lineStart + last.index + last[0].length - 1 : undefined;
  }

  /**
   * Where a value's slot starts: after its property's `:` or its item's `-`. Undefined when a comment
   * stands between (the value is then replaced in place) or for the root.
   */
  private slotStart(node: ValueNode): number | undefined {
    const parent = node.parent;
    const marker = parent?.kind === 'property' ? parent.colonOffset : parent?.kind === 'array' ? this.dashBefore(node) : undefined;
    return marker !== undefined && !this.source.slice(marker + 1, node.offset).includes('#') ? marker + 1 : undefined;
  }

  private blockMember(member: NewMember, indent: string): string {
    const key = this.scalar(member.key, false);
    const kept = member.source && this.keptText(member.source);
    if (kept) return `${indent}${key}: ${kept}`;
    const lines = this.blockLines(member.value);
    if (!lines) return `${indent}${key}: ${this.inline(member.value)}`;
    return [`${indent}${key}:`, ...lines.map((line) => indent + this.source.indentUnit + line)].join(this.source.eol);
  }

  /** A moved value's own text, when it is one line in a block mapping with no tag or anchor. */
  private keptText(node: ValueNode): string | undefined {
    const parent = node.parent;
    const container = containerOf(node);
    if (parent?.kind !== 'property' || parent.colonOffset === undefined || !container || this.isFlow(container)) return undefined;
    const text = this.source.slice(node.offset, this.source.end(node));
    return /^[ \t]*$/.test(this.source.slice(parent.colonOffset + 1, node.offset)) && !text.includes('\n') ? text : undefined;
  }

  /**
   * A non-empty collection as block lines, unindented (the caller indents them); undefined for
   * scalars and empty collections, which are written inline.
   */
  private blockLines(value: unknown): string[] | undefined {
    if (Array.isArray(value) && value.length) {
      return value.flatMap((item) => {
        const lines = this.blockLines(item);
        return lines ? [`- ${lines[0]}`, ...lines.slice(1).map((line) => `  ${line}`)] : [`- ${this.inline(item)}`];
      });
    }
    if (isPlainObject(value) && Object.keys(value).length) {
      return Object.entries(value).flatMap(([key, item]) => {
        const lines = this.blockLines(item);
        const name = this.scalar(key, false);
        return lines ? [`${name}:`, ...lines.map((line) => this.source.indentUnit + line)] : [`${name}: ${this.inline(item)}`];
      });
    }
    return undefined;
  }

  private inline(value: unknown): string {
    if (Array.isArray(value)) return '[]';
    if (isPlainObject(value)) return '{}';
    return this.scalar(value, false);
  }

  private flow(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map((item) => this.flow(item)).join(', ')}]`;
    if (isPlainObject(value)) {
      const entries = Object.entries(value).map(([key, item]) => `${this.scalar(key, true)}: ${this.flow(item)}`);
      return entries.length ? `{ ${entries.join(', ')} }` : '{}';
    }
    return this.scalar(value, true);
  }

  private scalar(value: unknown, flow: boolean): string {
    if (typeof value === 'string') return isPlainSafe(value, flow) ? value : JSON.stringify(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return 'null';
  }
}
