/**
 * Where the cursor is, in terms completion can act on: the name of a member of the object at
 * some path (key slot), or the value at some path (value slot: a member's value or a list item),
 * with the typed text and the range a completion replaces.
 *
 * The parsed tree says what exists; the raw text says what is being typed, because what is being
 * typed is usually what the parser could not make sense of (a bare word in JSON, an unterminated
 * string, a YAML line that is nothing but `- ` or a half key). JSON and YAML flow collections are
 * read by what precedes the cursor (`{` `,` `:` `[`), YAML block collections by indentation.
 */
import { nodeAtOffset, pathOf } from '../document/navigate';
import type { ArrayNode, ObjectNode, Syntax, TreeNode, ValueNode } from '../document/tree';
import type { MemberSchema } from '../../model/schema-types';

export type Path = (string | number)[];

export interface Token {
  /** The text a completion replaces, as offsets: the partial word, with its quotes when quoted. */
  readonly start: number;
  readonly end: number;
  /** What is typed between the opening quote (if any) and the cursor. */
  readonly typed: string;
  readonly quote: '"' | "'" | undefined;
}

interface SlotBase {
  readonly token: Token;
  readonly syntax: Syntax;
  /** In JSON, or a YAML flow collection: values are written inline and members need commas. */
  readonly flow: boolean;
  /** `,` when something follows that needs separating from the inserted text. */
  readonly separatorAfter: string;
  /** Where a missing `,` before the inserted text goes (a member typed after one with no comma). */
  readonly commaAt?: number;
}

export interface KeySlot extends SlotBase {
  readonly kind: 'key';
  readonly objectPath: Path;
  /** Member names already in the object (the one being typed excluded). */
  readonly present: ReadonlySet<string>;
  /** A `:` already follows the token: insert the name only. */
  readonly hasColon: boolean;
  /** Column of the key: nested YAML blocks are indented from it. */
  readonly column: number;
}

export interface ValueSlot extends SlotBase {
  readonly kind: 'value';
  /** Path of the value: ends with the member name, or with the index of a list item. */
  readonly path: Path;
}

export type CursorContext = KeySlot | ValueSlot;

type SchemaAt = (path: Path) => MemberSchema | undefined;

/** The completion context at `offset`, or undefined when there is nothing sensible to offer (comments, outside the request…). */
export function cursorContext(text: string, root: ValueNode | undefined, syntax: Syntax, offset: number, schemaAt: SchemaAt): CursorContext | undefined {
  const token = tokenAt(text, offset, syntax);
  if (!token) return undefined;
  const container = root && flowContainerAt(text, root, token.start);
  const slot = container ? flowSlot(text, container, token, syntax) : syntax === 'yaml' ? blockSlot(text, root, token, schemaAt) : undefined;
  if (!slot) return undefined;
  const flow = !!container;
  const separatorAfter = flow && !(slot.kind === 'key' && slot.hasColon) ? separatorBefore(nextSignificant(text, token.end, syntax)) : '';
  return { ...slot, token, syntax, flow, separatorAfter } as CursorContext;
}

type PartialSlot =
  | { kind: 'key'; objectPath: Path; present: ReadonlySet<string>; hasColon: boolean; column: number; commaAt?: number }
  | { kind: 'value'; path: Path; commaAt?: number };

// ---------------------------------------------------------------------------------------------
// The token under the cursor

/**
 * Offset of the first character of the line holding `offset`. Lines end at LF, CR LF or a lone CR,
 * as the editor (and the positions in LSP) count them.
 */
export function lineStartOf(text: string, offset: number): number {
  let start = Math.min(offset, text.length);
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/** Offset of the line break (or the end of the text) after `offset`. */
function lineEndOf(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

interface LineScan {
  /** Where a comment starts before `stop`, if one does. */
  commentStart?: number;
  /** The opening quote of a string still open at `stop`. */
  stringStart?: number;
  quote?: '"' | "'";
}

/** Reads a line from its start up to `stop`, tracking strings and comments. */
function scanLine(text: string, lineStart: number, stop: number, syntax: Syntax): LineScan {
  let quote: '"' | "'" | undefined;
  let stringStart = -1;
  for (let i = lineStart; i < stop; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'")
          i++; // '' is an escaped quote in YAML single-quoted strings
        else quote = undefined;
      }
    } else if (syntax === 'json') {
      if (c === '"') [quote, stringStart] = ['"', i];
      else if (c === '/' && text[i + 1] === '/') return { commentStart: i };
      else if (c === '/' && text[i + 1] === '*') {
        const close = text.indexOf('*/', i + 2);
        if (close < 0 || close + 2 > stop) return { commentStart: i };
        i = close + 1;
      }
    } else {
      const atValueStart = i === lineStart || /[\s[{,]/.test(text[i - 1]);
      if ((c === '"' || c === "'") && atValueStart) [quote, stringStart] = [c, i];
      else if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]))) return { commentStart: i };
    }
  }
  return quote ? { stringStart, quote } : {};
}

const JSON_WORD = /[A-Za-z0-9_.+\-$]/;
const YAML_BREAK = /[\s,[\]{}#"']/;

/** The partial word or string at the cursor (possibly empty); undefined inside a comment. */
function tokenAt(text: string, offset: number, syntax: Syntax): Token | undefined {
  const lineStart = lineStartOf(text, offset);
  const lineEnd = lineEndOf(text, offset);
  const scan = scanLine(text, lineStart, offset, syntax);
  if (scan.commentStart !== undefined) return undefined;
  if (scan.stringStart !== undefined && scan.quote) {
    const quote = scan.quote;
    let end = offset;
    for (let i = offset; i < lineEnd; i++) {
      if (text[i] === '\\' && quote === '"') i++;
      else if (text[i] === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else {
          end = i + 1;
          break;
        }
      }
    }
    if (end === offset) end = wordEnd(text, offset, lineEnd, syntax); // unterminated: replace the rest of the word only
    return { start: scan.stringStart, end, typed: text.slice(scan.stringStart + 1, offset), quote };
  }
  let start = offset;
  if (syntax === 'json') {
    while (start > lineStart && JSON_WORD.test(text[start - 1])) start--;
  } else {
    // A `:` ends a YAML word only when a space follows it (`tag:Name` is one word); one right
    // before the cursor is still being typed.
    while (start > lineStart && !YAML_BREAK.test(text[start - 1]) && !(text[start - 1] === ':' && start !== offset && /\s/.test(text[start]))) start--;
    if (text.slice(start, offset) === '-') return undefined; // a list marker still missing its space
  }
  return { start, end: wordEnd(text, offset, lineEnd, syntax), typed: text.slice(start, offset), quote: undefined };
}

function wordEnd(text: string, offset: number, lineEnd: number, syntax: Syntax): number {
  let end = offset;
  if (syntax === 'json') {
    while (end < lineEnd && JSON_WORD.test(text[end])) end++;
  } else {
    while (end < lineEnd && !YAML_BREAK.test(text[end]) && !(text[end] === ':' && (end + 1 >= text.length || /\s/.test(text[end + 1])))) end++;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// JSON and YAML flow collections

function isFlow(text: string, node: ObjectNode | ArrayNode): boolean {
  return text[node.offset] === (node.kind === 'object' ? '{' : '[');
}

/** Inside the brackets: after the opening one and before the closing one (or at the end of an unclosed one). */
function strictlyInside(text: string, node: ObjectNode | ArrayNode, pos: number): boolean {
  const end = node.offset + node.length;
  const closed = text[end - 1] === (node.kind === 'object' ? '}' : ']') && node.length > 1;
  return node.offset < pos && (pos < end || (pos === end && !closed));
}

/** The innermost JSON object/array or YAML flow collection whose brackets enclose `pos`. */
function flowContainerAt(text: string, root: ValueNode, pos: number): ObjectNode | ArrayNode | undefined {
  for (let node: TreeNode | undefined = nodeAtOffset(root, pos, true); node; node = node.parent) {
    if ((node.kind === 'object' || node.kind === 'array') && isFlow(text, node) && strictlyInside(text, node, pos)) return node;
  }
  return undefined;
}

function flowSlot(text: string, container: ObjectNode | ArrayNode, token: Token, syntax: Syntax): PartialSlot | undefined {
  const path = pathOf(container);
  const previous = previousSignificant(text, token.start, syntax);
  // A value right after another one (no comma in between): the comma goes after the previous one.
  const commaAt = previous && previous.offset > container.offset && !'{[,:'.includes(previous.char) ? previous.offset + 1 : undefined;
  if (container.kind === 'array') {
    const at = container.items.findIndex((item) => item.offset === token.start);
    const index = at >= 0 ? at : container.items.filter((item) => item.offset < token.start).length;
    return { kind: 'value', path: [...path, index], commaAt: at >= 0 ? undefined : commaAt };
  }
  const keyed = container.properties.find((p) => p.key.offset === token.start);
  const valued = keyed ? undefined : container.properties.find((p) => p.value?.offset === token.start);
  if (valued) return { kind: 'value', path: [...path, valued.key.value] };
  if (!keyed && previous?.char === ':') {
    const property = container.properties.find((p) => p.colonOffset === previous.offset);
    return property ? { kind: 'value', path: [...path, property.key.value] } : undefined;
  }
  return {
    kind: 'key',
    objectPath: path,
    present: presentKeys(container, token.start),
    hasColon: colonFollows(text, token.end, syntax),
    column: columnOf(text, token.start),
    commaAt: keyed ? undefined : commaAt,
  };
}

function presentKeys(object: ObjectNode | undefined, tokenStart: number): Set<string> {
  const present = new Set<string>();
  for (const property of object?.properties ?? []) if (property.key.offset !== tokenStart) present.add(property.key.value);
  return present;
}

function colonFollows(text: string, end: number, syntax: Syntax): boolean {
  return (syntax === 'json' ? /^\s*:/ : /^[ \t]*:(?=\s|$)/).test(text.slice(end, end + 200));
}

/** The last character before `pos` that is neither white space nor in a comment. */
function previousSignificant(text: string, pos: number, syntax: Syntax): { char: string; offset: number } | undefined {
  let lineStart = lineStartOf(text, pos);
  let limit = pos;
  for (;;) {
    const comment = scanLine(text, lineStart, limit, syntax).commentStart;
    for (let i = (comment ?? limit) - 1; i >= lineStart; i--) {
      if (!/\s/.test(text[i])) return { char: text[i], offset: i };
    }
    if (lineStart === 0) return undefined;
    limit = lineStart - 1;
    lineStart = lineStartOf(text, limit);
  }
}

/** The first character at or after `pos` that is neither white space nor in a comment. */
function nextSignificant(text: string, pos: number, syntax: Syntax): string | undefined {
  for (let i = pos; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) continue;
    if (syntax === 'json' && c === '/' && text[i + 1] === '/') i = lineEndOf(text, i);
    else if (syntax === 'json' && c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (syntax === 'yaml' && c === '#') i = lineEndOf(text, i);
    else return c;
  }
  return undefined;
}

function separatorBefore(next: string | undefined): string {
  return next === undefined || ',}]'.includes(next) ? '' : ',';
}

// ---------------------------------------------------------------------------------------------
// YAML block collections

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

function blockSlot(text: string, root: ValueNode | undefined, token: Token, schemaAt: SchemaAt): PartialSlot | undefined {
  const lineStart = lineStartOf(text, token.start);
  const before = text.slice(lineStart, token.start);
  const markers = /^( *)((?:-[ ]+)*)$/.exec(before);
  if (markers) {
    const dashes: number[] = [];
    let column = markers[1].length;
    for (const marker of markers[2].match(/-[ ]+/g) ?? []) {
      dashes.push(column);
      column += marker.length;
    }
    return indentedSlot(text, root, token, lineStart, dashes, schemaAt);
  }
  // `Key: |` or `- Key: |`: the value of the member whose key starts this line.
  const keyed = /^( *)((?:-[ ]+)*)[^\s#].*?[ \t]*:[ \t]+$/.exec(before);
  if (keyed && root) {
    const keyOffset = lineStart + keyed[1].length + keyed[2].length;
    const property = nodeAtOffset(root, keyOffset);
    if (property?.kind === 'property' && property.key.offset === keyOffset) return { kind: 'value', path: pathOf(property) };
  }
  return undefined;
}

/**
 * A key or list item typed at the start of a line (after its indentation and `- ` markers): walks
 * down from the root through the last member or item before this line at each indentation level.
 * A level missing from the tree (`Key:` with nothing under it yet) is filled in from the schema.
 */
function indentedSlot(
  text: string,
  root: ValueNode | undefined,
  token: Token,
  lineStart: number,
  dashes: readonly number[],
  schemaAt: SchemaAt,
): PartialSlot | undefined {
  const column = token.start - lineStart;
  let node: ValueNode | undefined = root;
  const path: Path = [];
  /** Column of the key or `-` that owns `node`: its content must be indented further. */
  let ownerColumn = -1;
  let dash = 0;
  for (let depth = 0; depth < 100; depth++) {
    // A scalar starting on this line is what is being typed (`- Pri`, a half key parsed as a value).
    if (node && node.kind !== 'object' && node.kind !== 'array' && node.offset >= lineStart) node = undefined;
    if (!node) {
      const schema = schemaAt(path);
      if (schema?.type === 'array') {
        if (dash >= dashes.length || dashes[dash] < ownerColumn) return undefined;
        ownerColumn = dashes[dash++];
        path.push(0);
        continue;
      }
      if (dash < dashes.length || column <= ownerColumn || !schema) return undefined;
      return schema.type === 'object'
        ? { kind: 'key', objectPath: path, present: new Set(), hasColon: colonFollows(text, token.end, 'yaml'), column }
        : { kind: 'value', path };
    }
    if (node.kind === 'object') {
      if (isFlow(text, node)) return undefined;
      const keyColumn = columnOf(text, node.offset);
      if (dash >= dashes.length && column === keyColumn) {
        return { kind: 'key', objectPath: path, present: presentKeys(node, token.start), hasColon: colonFollows(text, token.end, 'yaml'), column };
      }
      // Deeper: into the value of the last member before this line. Its content is indented
      // further, except a list, whose `-` may sit at the key's own column.
      const last = lastBefore(node.properties, lineStart, (p) => p.key.offset);
      if (!last || (dash < dashes.length ? dashes[dash] : column) < keyColumn) return undefined;
      path.push(last.key.value);
      node = last.value;
      ownerColumn = keyColumn;
      continue;
    }
    if (node.kind === 'array') {
      if (isFlow(text, node)) return undefined;
      const dashColumn = columnOf(text, node.offset);
      const itemsBefore = node.items.filter((item) => item.offset < lineStart).length;
      if (dashColumn < ownerColumn) return undefined;
      if (dash < dashes.length && dashes[dash] === dashColumn) {
        // The item this line's `-` starts; it may already be in the tree (`- ` over existing members).
        path.push(itemsBefore);
        node = node.items[itemsBefore];
        ownerColumn = dashes[dash++];
        continue;
      }
      // Indented further: inside the last item before this line.
      if ((dash < dashes.length ? dashes[dash] : column) <= dashColumn || itemsBefore === 0) return undefined;
      path.push(itemsBefore - 1);
      node = node.items[itemsBefore - 1];
      ownerColumn = dashColumn;
      continue;
    }
    return undefined; // inside a scalar that started on an earlier line
  }
  return undefined;
}

/** The entry that starts last before `lineStart`. */
function lastBefore<T>(entries: readonly T[], lineStart: number, offsetOf: (entry: T) => number): T | undefined {
  let best: T | undefined;
  for (const entry of entries) {
    const offset = offsetOf(entry);
    if (offset < lineStart && (!best || offset > offsetOf(best))) best = entry;
  }
  return best;
}
