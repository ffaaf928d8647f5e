/**
 * Reuses the tree of a document's previous version when an edit stays inside one scalar — a
 * keystroke in a string, a digit changed in a number, the typing that makes up most edits — so a
 * keystroke in a 1 MB request does not parse 1 MB again. The scalar gets its new value, and every
 * node after it moves by the edit's length difference. Anything else (an edit that touches
 * structure, quotes, escapes, a YAML scalar whose type could change, a document with syntax
 * problems or YAML anchors) returns undefined, and the caller parses the whole text.
 *
 * The previous tree is updated in place and handed on: the analysis of the superseded version
 * must not be used afterwards (the language service keeps only the latest one per document).
 */
import { readsAsString } from './cli-yaml';
import { isJsonInteger } from './json-parser';
import type { NumberNode, ParsedDocument, StringNode, TreeNode, ValueNode } from './tree';

type Draft<T> = { -readonly [K in keyof T]: T[K] };

/** YAML documents with anchors, aliases or merge keys hold copies of what is written elsewhere (an edit there changes them): never patched. */
const sharesNodes = new WeakMap<ParsedDocument, boolean>();
const YAML_NODE_SHARING = /(?:^|[\s[{,])[&*][^\s[\]{},]|<</;

export function reparseEdit(previous: ParsedDocument, oldText: string, newText: string): ParsedDocument | undefined {
  const root = previous.root;
  if (!root || previous.problems.length) return undefined;
  if (oldText === newText) return previous;
  let shared = sharesNodes.get(previous);
  if (previous.syntax === 'yaml' && shared === undefined) shared = YAML_NODE_SHARING.test(oldText);
  if (shared) return undefined;

  // The changed region: [start, oldEnd) in the old text became [start, newEnd) in the new one.
  const { start, oldEnd, newEnd } = changedRegion(oldText, newText);
  const delta = newEnd - oldEnd;
  const around = nodesAround(root, start, oldEnd);
  const scalar = around?.[around.length - 1];
  if (!scalar || (scalar.kind !== 'string' && scalar.kind !== 'number')) return undefined;
  const token = newText.slice(scalar.offset, scalar.offset + scalar.length + delta);
  const update = previous.syntax === 'json' ? jsonScalar(scalar, token, start, oldEnd) : yamlScalar(scalar, token, oldText, start, oldEnd);
  if (!update) return undefined;

  shift(root, new Set(around), start, oldEnd, delta);
  Object.assign(scalar as Draft<StringNode | NumberNode>, update);
  const next: ParsedDocument = { syntax: previous.syntax, root, problems: [] };
  if (previous.syntax === 'yaml') sharesNodes.set(next, false);
  return next;
}

/** Common prefix and suffix of the two texts (the suffix never overlaps the prefix). */
function changedRegion(oldText: string, newText: string): { start: number; oldEnd: number; newEnd: number } {
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  // Whole blocks first (a native comparison), then character by character.
  const BLOCK = 4096;
  while (start + BLOCK <= shorter && oldText.slice(start, start + BLOCK) === newText.slice(start, start + BLOCK)) start += BLOCK;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd - BLOCK >= start && newEnd - BLOCK >= start && oldText.slice(oldEnd - BLOCK, oldEnd) === newText.slice(newEnd - BLOCK, newEnd)) {
    oldEnd -= BLOCK;
    newEnd -= BLOCK;
  }
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/**
 * The nodes whose ranges contain [start, end], from the root down to the innermost (a scalar when
 * the edit is inside one), or undefined when the root does not contain it.
 */
function nodesAround(root: ValueNode, start: number, end: number): TreeNode[] | undefined {
  const contains = (node: TreeNode) => node.offset <= start && end <= node.offset + node.length;
  if (!contains(root)) return undefined;
  const chain: TreeNode[] = [];
  for (let node: TreeNode | undefined = root; node;) {
    chain.push(node);
    switch (node.kind) {
      case 'object':
        node = node.properties.find(contains);
        break;
      case 'array':
        node = node.items.find(contains);
        break;
      case 'property':
        node = contains(node.key) ? node.key : node.value && contains(node.value) ? node.value : undefined;
        break;
      default:
        node = undefined;
    }
  }
  return chain;
}

/** What changes on the edited scalar: its length, its value and (numbers) its text. */
type ScalarUpdate = { length: number; value: string | number; raw?: string; integer?: boolean };

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

function jsonScalar(node: StringNode | NumberNode, token: string, start: number, oldEnd: number): ScalarUpdate | undefined {
  if (node.kind === 'string') {
    // Between the quotes only; JSON.parse decides whether the result is still one valid string.
    if (start < node.offset + 1 || oldEnd > node.offset + node.length - 1) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(token);
    } catch {
      return undefined;
    }
    return typeof value === 'string' ? { length: token.length, value } : undefined;
  }
  if (!JSON_NUMBER.test(token)) return undefined;
  return { length: token.length, value: Number(token), raw: token, integer: isJsonInteger(token) };
}

/** Plain scalars that stay plain single-line strings whatever the edit: no indicators, no `:` or `#`. */
const YAML_SAFE_PLAIN = /^[A-Za-z0-9_./(][A-Za-z0-9 _./()+=-]*$/;
/** Integers that read the same in YAML 1.1 and 1.2 (no leading zero, no underscores). */
const YAML_INT = /^[-+]?(?:0|[1-9][0-9]*)$/;

function yamlScalar(node: StringNode | NumberNode, token: string, oldText: string, start: number, oldEnd: number): ScalarUpdate | undefined {
  const first = oldText[node.offset];
  if (node.kind === 'string' && node.quoted) {
    if (start < node.offset + 1 || oldEnd > node.offset + node.length - 1) return undefined;
    const inner = token.slice(1, -1);
    // Without escapes, quotes or line breaks the value is the text between the quotes.
    const forbidden = first === '"' ? /["\\\r\n]/ : /['\r\n]/;
    if ((first !== '"' && first !== "'") || token[token.length - 1] !== first || forbidden.test(inner)) return undefined;
    return { length: token.length, value: inner };
  }
  if (node.kind === 'string') {
    if (!YAML_SAFE_PLAIN.test(token) || !readsAsString(token) || token.endsWith(' ')) return undefined;
    return { length: token.length, value: token };
  }
  if (!YAML_INT.test(token) || !YAML_INT.test(node.raw)) return undefined;
  return { length: token.length, value: Number(token), raw: token, integer: true };
}

/**
 * Moves every node after the changed region by `delta` and lengthens the nodes around it (the
 * edited scalar and its ancestors, even those that start where an insertion is made). Nodes that
 * end before the region are left alone, with everything below them.
 */
function shift(root: ValueNode, around: ReadonlySet<TreeNode>, start: number, oldEnd: number, delta: number): void {
  if (delta === 0) return;
  const visit = (node: Draft<TreeNode>): void => {
    if (node.offset + node.length < start) return; // wholly before the edit
    if (around.has(node)) node.length += delta;
    else if (node.offset >= oldEnd) node.offset += delta;
    switch (node.kind) {
      case 'object':
        for (const property of node.properties) visit(property);
        break;
      case 'array':
        for (const item of node.items) visit(item);
        break;
      case 'property':
        if (node.colonOffset !== undefined && node.colonOffset >= oldEnd) node.colonOffset += delta;
        visit(node.key);
        if (node.value) visit(node.value);
        break;
      default:
        break;
    }
  };
  visit(root);
}
