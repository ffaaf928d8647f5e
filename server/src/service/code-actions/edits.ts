/**
 * Syntax-aware text edits over the document tree, the building blocks of quick fixes. One
 * `DocumentEditor` per syntax (json-edits.ts, yaml-edits.ts); what both need lives here: text
 * geometry (lines, indentation) and the comma-separated lists of JSON and YAML flow collections.
 *
 * Editors work in offsets; a method returns undefined when it cannot edit safely (the caller then
 * offers no action rather than a wrong one).
 */
import type { ArrayNode, ObjectNode, PropertyNode, TreeNode, ValueNode } from '../document/tree';

/** A replacement of `text[start, end)`; an insertion when start === end. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** A member to insert. */
export interface NewMember {
  key: string;
  /** The plain value to write. */
  value: unknown;
  /** Where the value comes from when it is moved: its source text is kept where it fits. */
  source?: ValueNode;
}

export interface DocumentEditor {
  /** Writes `value` (a plain JSON value) in place of `node`, in the form its position needs. */
  replaceValue(node: ValueNode, value: unknown): OffsetEdit[] | undefined;
  /** Renames a property, keeping the key's quoting style where the new key allows it. */
  renameKey(property: PropertyNode, newKey: string): OffsetEdit[] | undefined;
  /** Replaces `node` with `{ <key>: <node> }`. */
  wrapValue(node: ValueNode, key: string): OffsetEdit[] | undefined;
  /** Appends members to an object. */
  insertMembers(object: ObjectNode, members: readonly NewMember[]): OffsetEdit[] | undefined;
  /** Removes some properties of one object, or some items of one array. */
  removeMembers(container: ObjectNode | ArrayNode, members: readonly (PropertyNode | ValueNode)[]): OffsetEdit[] | undefined;
}

/** The source text and what is read off it once: line breaks, the indentation unit. */
export class SourceText {
  readonly eol: string;
  readonly indentUnit: string;

  constructor(
    readonly text: string,
    spacesOnly: boolean,
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.indentUnit = detectIndentUnit(text, spacesOnly);
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The end of the line holding `offset`, before its line break. */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline < 0) return this.text.length;
    return this.text[newline - 1] === '\r' && newline - 1 >= offset ? newline - 1 : newline;
  }

  /** The start of the next line (or the end of the text). */
  afterLine(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? this.text.length : newline + 1;
  }

  /** The start of the line holding `offset`, with the line break before it. */
  lineStartWithBreak(offset: number): number {
    const start = this.lineStart(offset);
    if (start === 0) return 0;
    return this.text[start - 2] === '\r' ? start - 2 : start - 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The leading whitespace of the line holding `offset`. */
  lineIndent(offset: number): string {
    const start = this.lineStart(offset);
    return /^[ \t]*/.exec(this.text.slice(start, offset))![0];
  }

  /** True when only spaces or tabs precede `offset` on its line. */
  startsLine(offset: number): boolean {
    return /^[ \t]*$/.test(this.text.slice(this.lineStart(offset), offset));
  }

  /** Where a node ends, without the trailing line break a YAML block scalar includes. */
  end(node: TreeNode): number {
    let end = node.offset + node.length;
    while (end > node.offset && /\s/.test(this.text[end - 1])) end--;
    return end;
  }
}

/** The file's indentation step: a tab, or the smallest indentation of any line (2 spaces by default). */
function detectIndentUnit(text: string, spacesOnly: boolean): string {
  let smallest = Infinity;
  for (const match of text.matchAll(/^([ \t]+)[^\s#/]/gm)) {
    if (match[1].startsWith('\t')) {
      if (!spacesOnly) return '\t';
      continue;
    }
    smallest = Math.min(smallest, match[1].length);
  }
  return smallest === Infinity ? '  ' : ' '.repeat(smallest);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Source range of a member of an object or array. */
interface Span {
  start: number;
  end: number;
}

export function spanOf(source: SourceText, member: PropertyNode | ValueNode): Span {
  return { start: member.offset, end: source.end(member) };
}

export function membersOf(container: ObjectNode | ArrayNode): (PropertyNode | ValueNode)[] {
  return container.kind === 'object' ? container.properties : container.items;
}

/**
 * What may follow a member on its line for it to count as alone there: a comma, a comment (JSONC
 * `//` or one-line block comment, YAML `#`).
 */
const REST_OF_MEMBER_LINE = /^[ \t]*,?[ \t]*(?:\/\/.*|\/\*.*\*\/[ \t]*|#.*)?$/;

function aloneOnLines(source: SourceText, first: Span, last: Span): boolean {
  return source.startsLine(first.start) && REST_OF_MEMBER_LINE.test(source.slice(last.end, source.lineEnd(last.end)));
}

/** The separating comma between two members, skipping comments. */
function commaBetween(source: SourceText, from: number, to: number): number | undefined {
  const text = source.text;
  for (let i = from; i < to; i++) {
    if (text[i] === ',') return i;
    if (text.startsWith('/*', i)) i = text.indexOf('*/', i + 2) + 1 || to;
    else if (text.startsWith('//', i) || text[i] === '#') i = source.lineEnd(i);
  }
  return undefined;
}

/**
 * Removes members from a comma-separated list (a JSON object or array, a YAML flow collection).
 * Consecutive removed members go as one run: a run alone on its lines takes those lines with it,
 * otherwise the text up to the next member; a run at the end takes the comma before it.
 */
export function removeFromList(
  source: SourceText,
  container: ObjectNode | ArrayNode,
  removed: readonly (PropertyNode | ValueNode)[],
): OffsetEdit[] | undefined {
  const members = membersOf(container);
  const spans = members.map((m) => spanOf(source, m));
  const gone = members.map((m) => removed.includes(m));
  if (gone.every(Boolean)) {
    // Empty it, unless comments between the members would go too.
    const inner = { start: container.offset + 1, end: source.end(container) - 1 };
    let rest = source.slice(inner.start, inner.end);
    for (const span of [...spans].reverse()) rest = rest.slice(0, span.start - inner.start) + rest.slice(span.end - inner.start);
    return /^[\s,]*$/.test(rest) ? [{ ...inner, text: '' }] : undefined;
  }
  const edits: OffsetEdit[] = [];
  for (let i = 0; i < members.length; i++) {
    if (!gone[i]) continue;
    let j = i;
    while (j + 1 < members.length && gone[j + 1]) j++;
    const first = spans[i];
    const last = spans[j];
    const lineMode = aloneOnLines(source, first, last);
    if (j + 1 < members.length) {
      edits.push(
        lineMode
          ? { start: source.lineStart(first.start), end: source.afterLine(last.end), text: '' }
          : { start: first.start, end: spans[j + 1].start, text: '' },
      );
    } else {
      const comma = commaBetween(source, spans[i - 1].end, first.start);
      if (comma === undefined) return undefined;
      if (lineMode) {
        edits.push({ start: comma, end: comma + 1, text: '' });
        edits.push({ start: source.lineStartWithBreak(first.start), end: source.lineEnd(last.end), text: '' });
      } else {
        edits.push({ start: comma, end: last.end, text: '' });
      }
    }
    i = j;
  }
  return edits;
}

/**
 * Appends entries to a non-empty comma-separated list. `entries` writes them for the indentation
 * of the line they start on, on lines of their own (multiline) or inline.
 */
export function appendToList(
  source: SourceText,
  container: ObjectNode | ArrayNode,
  entries: (indent: string, multiline: boolean) => string[],
): OffsetEdit[] | undefined {
  const members = membersOf(container);
  if (!members.length) return undefined;
  const last = spanOf(source, members[members.length - 1]);
  const indent = source.lineIndent(last.start);
  if (aloneOnLines(source, last, last) && !source.slice(last.end, source.lineEnd(last.end)).trimStart().startsWith(',')) {
    const lines = entries(indent, true).map((entry) => source.eol + indent + entry);
    // The comma right after the member, the new lines after any comment that ends its line.
    return [
      { start: last.end, end: last.end, text: ',' },
      { start: source.lineEnd(last.end), end: source.lineEnd(last.end), text: lines.join(',') },
    ];
  }
  if (!/^\s*[}\]]/.test(source.slice(last.end, source.end(container)))) return undefined; // a trailing comma or comment: leave it
  return [
    {
      start: last.end,
      end: last.end,
      text: entries(indent, false)
        .map((entry) => `, ${entry}`)
        .join(''),
    },
  ];
}

/** Whether the whitespace-and-comment-free inside of a collection is empty (`{}`, `[ ]`). */
export function isEmptyInside(source: SourceText, container: ObjectNode | ArrayNode): boolean {
  return /^\s*$/.test(source.slice(container.offset + 1, source.end(container) - 1));
}

/** The object or array directly holding a value (through its property), if any. */
export function containerOf(node: ValueNode): ObjectNode | ArrayNode | undefined {
  const parent = node.parent;
  if (parent?.kind !== 'property') return parent;
  return parent.parent?.kind === 'object' ? parent.parent : undefined;
}
