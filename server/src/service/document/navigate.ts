/**
 * Small pure helpers over the document tree, shared by validation, completion and hover.
 *
 * A node reached through a YAML `*alias` or `<<` merge key is a copy made for that use (tree.ts
 * `use`): its `parent` and path are the using place's, its range the alias's; `use.written` is the
 * node where its text is.
 */
import type { ArrayNode, ObjectNode, PropertyNode, TreeNode, ValueNode } from './tree';

/** The last property named `key`: like the AWS CLI, the last of duplicate keys wins. */
export function getProperty(obj: ObjectNode, key: string): PropertyNode | undefined {
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    if (obj.properties[i].key.value === key) return obj.properties[i];
  }
  return undefined;
}

/** The value of the last property named `key` (undefined when absent or written without a value). */
export function propertyValue(obj: ObjectNode, key: string): ValueNode | undefined {
  return getProperty(obj, key)?.value;
}

/**
 * The innermost node whose range contains `offset` (from its start, inclusive, to its end, exclusive;
 * with `includeRightBound` the end counts too, e.g. for completion right after a token):
 * - on a key, or between a key and its value (the `:` and spaces): the PropertyNode. The key
 *   StringNode itself is never returned; compare `offset` with `property.key` / `colonOffset` to
 *   tell key from value position;
 * - inside a value: the innermost value (an object or array when between its members);
 * - outside the root: undefined.
 */
export function nodeAtOffset(root: ValueNode, offset: number, includeRightBound = false): TreeNode | undefined {
  const contains = (node: TreeNode): boolean =>
    node.offset <= offset && (offset < node.offset + node.length || (includeRightBound && offset === node.offset + node.length));
  if (!contains(root)) return undefined;
  let node: ValueNode = root;
  for (;;) {
    // At an alias: the node it stands for, not a member of it (they all share the alias's range).
    if (node.use) return node;
    if (node.kind === 'object') {
      // Members merged from an alias (`<<: *base`) sit at the alias: the cursor there is in the mapping.
      const property = node.properties.find((p) => contains(p) && !mergedFromAlias(p));
      if (!property) return node;
      if (property.use || !property.value || !contains(property.value) || contains(property.key)) return property;
      node = property.value;
    } else if (node.kind === 'array') {
      const item = node.items.find(contains);
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
}

/** A member merged into a mapping through an alias (`<<: *base`): it is written under the anchor. */
function mergedFromAlias(property: PropertyNode): boolean {
  return property.use !== undefined && property.offset !== property.use.written.offset;
}

/**
 * Whether `member` is written in `container` itself, so an edit of the container may touch it:
 * not a member a merge key brings in, nor what is inside an alias's copy. (The copy an alias
 * stands for, an item `- *efa`, is the container's own: its text is the alias.)
 */
export function isOwnMember(member: PropertyNode | ValueNode, container: ObjectNode | ArrayNode): boolean {
  return member.parent === container && (!member.use || member.use.whole);
}

/**
 * The member path from the root to `node`: property keys and array indexes. A PropertyNode and its
 * key share the path of its value.
 */
export function pathOf(node: TreeNode): (string | number)[] {
  const path: (string | number)[] = [];
  for (let n: TreeNode | undefined = node; n; n = n.parent) {
    if (n.kind === 'property') path.push(n.key.value);
    else if (n.parent?.kind === 'array') path.push(indexIn(n.parent, n));
  }
  return path.reverse();
}

/** Arrays longer than this get an index of their items: a rule reporting on every item stays linear. */
const INDEXED_ARRAY_LENGTH = 32;
const itemIndexes = new WeakMap<ArrayNode, { length: number; index: Map<ValueNode, number> }>();

/** The position of `item` in `array`, or -1. */
function indexIn(array: ArrayNode, item: ValueNode): number {
  if (array.items.length <= INDEXED_ARRAY_LENGTH) return array.items.indexOf(item);
  let cached = itemIndexes.get(array);
  if (cached?.length !== array.items.length) {
    const index = new Map<ValueNode, number>();
    array.items.forEach((it, i) => {
      if (!index.has(it)) index.set(it, i);
    });
    cached = { length: array.items.length, index };
    itemIndexes.set(array, cached);
  }
  return cached.index.get(item) ?? -1;
}

/** The value at `path` (property keys resolve to the last duplicate), or undefined. */
export function nodeAtPath(root: ValueNode, path: readonly (string | number)[]): ValueNode | undefined {
  let node: ValueNode | undefined = root;
  for (const segment of path) {
    if (node?.kind === 'object' && typeof segment === 'string') node = propertyValue(node, segment);
    else if (node?.kind === 'array' && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return node;
}

/**
 * The plain JavaScript value of `node`. The last duplicate key wins; a property without a value
 * becomes null (what YAML loaders produce for `Key:`). Keys are defined as own properties, so a
 * `__proto__` key is plain data and cannot change any prototype.
 */
export function toPlainValue(node: ValueNode): unknown {
  switch (node.kind) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.properties) {
        Object.defineProperty(result, property.key.value, {
          value: property.value ? toPlainValue(property.value) : null,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    case 'array':
      return node.items.map(toPlainValue);
    default:
      return node.value;
  }
}
