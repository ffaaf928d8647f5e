/** Edits in JSON/JSONC: every collection is a comma-separated list; values are written as JSON. */
import type { ArrayNode, ObjectNode, PropertyNode, ValueNode } from '../document/tree';
import {
  appendToList,
  containerOf,
  isEmptyInside,
  isPlainObject,
  removeFromList,
  SourceText,
  type DocumentEditor,
  type NewMember,
  type OffsetEdit,
} from './edits';

export class JsonEditor implements DocumentEditor {
  private readonly source: SourceText;

  constructor(text: string) {
    this.source = new SourceText(text, false);
  }

  replaceValue(node: ValueNode, value: unknown): OffsetEdit[] {
    const text = this.write(value, this.source.lineIndent(node.offset), this.multilineAround(node));
    return [{ start: node.offset, end: this.source.end(node), text }];
  }

  renameKey(property: PropertyNode, newKey: string): OffsetEdit[] {
    const key = property.key;
    return [{ start: key.offset, end: key.offset + key.length, text: JSON.stringify(newKey) }];
  }

  wrapValue(node: ValueNode, key: string): OffsetEdit[] {
    const text = this.source.slice(node.offset, this.source.end(node));
    return [{ start: node.offset, end: this.source.end(node), text: `{ ${JSON.stringify(key)}: ${text} }` }];
  }

  insertMembers(object: ObjectNode, members: readonly NewMember[]): OffsetEdit[] | undefined {
    const entries = (indent: string, multiline: boolean) => members.map((m) => this.member(m, indent, multiline));
    if (object.properties.length) return appendToList(this.source, object, entries);
    if (!isEmptyInside(this.source, object)) return undefined; // only comments inside: where would the member go?
    const multiline = this.multilineAround(object);
    const indent = this.source.lineIndent(object.offset);
    const text = this.collection('{', '}', entries(indent + this.source.indentUnit, multiline), indent, multiline);
    return [{ start: object.offset, end: this.source.end(object), text }];
  }

  removeMembers(container: ObjectNode | ArrayNode, members: readonly (PropertyNode | ValueNode)[]): OffsetEdit[] | undefined {
    return removeFromList(this.source, container, members);
  }

  /** New values follow the layout around them: on lines of their own when the enclosing collection (or file) is. */
  private multilineAround(node: ValueNode): boolean {
    const container = containerOf(node);
    return container ? this.source.slice(container.offset, this.source.end(container)).includes('\n') : this.source.text.includes('\n');
  }

  private member(member: NewMember, indent: string, multiline: boolean): string {
    const source = member.source;
    // A moved value keeps its text when it is on one line: comments and number spelling survive.
    const kept = source && this.source.slice(source.offset, this.source.end(source));
    const value = kept && !kept.includes('\n') ? kept : this.write(member.value, indent, multiline);
    return `${JSON.stringify(member.key)}: ${value}`;
  }

  /** A plain value as JSON; `indent` is that of the line it starts on. Lists of scalars stay on one line. */
  private write(value: unknown, indent: string, multiline: boolean): string {
    const inner = indent + this.source.indentUnit;
    if (Array.isArray(value)) {
      const expand = multiline && value.some((item) => typeof item === 'object' && item !== null);
      return this.collection(
        '[',
        ']',
        value.map((item) => this.write(item, inner, expand)),
        indent,
        expand,
      );
    }
    if (isPlainObject(value)) {
      const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${this.write(item, inner, multiline)}`);
      return this.collection('{', '}', entries, indent, multiline);
    }
    return JSON.stringify(value) ?? 'null';
  }

  private collection(open: string, close: string, entries: string[], indent: string, multiline: boolean): string {
    if (!entries.length) return open + close;
    if (multiline) {
      const eol = this.source.eol;
      return `${open}${eol}${entries.map((e) => indent + this.source.indentUnit + e).join(`,${eol}`)}${eol}${indent}${close}`;
    }
    return open === '{' ? `{ ${entries.join(', ')} }` : `[${entries.join(', ')}]`;
  }
}
