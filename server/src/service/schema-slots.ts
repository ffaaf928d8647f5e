/**
 * What a member path means to the schema, beyond schemaAtPath: whether it is a filter name or a
 * filter value (and of which filter), and whether a member is required. Shared by completion and hover.
 */
import { getProperty, nodeAtPath } from './document/navigate';
import type { ValueNode } from './document/tree';
import { schemaAtPath } from '../model/registry';
import type { FilterInfo, MemberSchema } from '../model/schema-types';

export type MemberPath = readonly (string | number)[];

export type FilterSlot =
  /** `Filters[i].Name`. */
  | { kind: 'name'; filters: MemberSchema }
  /** `Filters[i].Values[j]`; `name` is the sibling Name as written, when there is one. */
  | { kind: 'value'; filters: MemberSchema; name: string | undefined };

/** Whether `path` is a filter's Name or one of its Values, in a member that carries `x-filters`. */
export function filterSlot(operation: MemberSchema, root: ValueNode | undefined, path: MemberPath): FilterSlot | undefined {
  const n = path.length;
  if (n >= 3 && path[n - 1] === 'Name' && typeof path[n - 2] === 'number') {
    const filters = schemaAtPath(operation, path.slice(0, n - 2));
    if (filters?.['x-filters']) return { kind: 'name', filters };
  }
  if (n >= 4 && typeof path[n - 1] === 'number' && path[n - 2] === 'Values' && typeof path[n - 3] === 'number') {
    const filters = schemaAtPath(operation, path.slice(0, n - 3));
    if (!filters?.['x-filters']) return undefined;
    const filter = root ? nodeAtPath(root, path.slice(0, n - 2)) : undefined;
    const nameNode = filter?.kind === 'object' ? getProperty(filter, 'Name')?.value : undefined;
    return { kind: 'value', filters, name: nameNode?.kind === 'string' ? nameNode.value : undefined };
  }
  return undefined;
}

/** The filter a name selects; `tag:<key>` names are not in the list (see isTagFilter). */
export function findFilter(filters: MemberSchema, name: string): FilterInfo | undefined {
  return filters['x-filters']?.find((f) => f.name === name);
}

/** Whether the operation documents `tag:<key>` filters. */
export function supportsTagFilter(filters: MemberSchema): boolean {
  return /`tag:?[^`]*`/.test(filters.markdownDescription ?? '') || !!filters['x-filters']?.some((f) => f.name === 'tag-key');
}

export function isTagFilter(name: string): boolean {
  return name.startsWith('tag:');
}

/** Whether the member at `path` (ending in a key) is required in the object that holds it. */
export function isRequiredMember(operation: MemberSchema, path: MemberPath): boolean {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return false;
  return !!schemaAtPath(operation, path.slice(0, -1))?.required?.includes(key);
}
