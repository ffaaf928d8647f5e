/**
 * One key per thing a look-up asks (an ID, a listing, an address of a subnet, an instance type):
 * what is in flight, and what a scheduled attempt is made of. `queryOf` turns keys back into the
 * query that asks for them. Keys hold no spaces but their separators (IDs, addresses and instance
 * type names have none).
 */
import type { ResourceKind, ResourceQuery } from '../../execution/lookups';

export function queryKeys(query: ResourceQuery): string[] {
  return [
    ...Object.entries(query.ids ?? {}).flatMap(([kind, ids]) => (ids ?? []).map((id) => `id ${kind} ${id}`)),
    ...(query.list ?? []).map((kind) => `list ${kind}`),
    ...(query.addresses ?? []).flatMap(({ subnetId, addresses }) => addresses.map((address) => `address ${subnetId} ${address}`)),
    ...(query.instanceTypes ?? []).map((name) => `type ${name}`),
  ];
}

export function queryOf(keys: readonly string[]): ResourceQuery {
  const ids: Partial<Record<ResourceKind, string[]>> = {};
  const list: ResourceKind[] = [];
  const addresses = new Map<string, string[]>();
  const instanceTypes: string[] = [];
  for (const key of keys) {
    const [what, first = '', second = ''] = key.split(' ');
    if (what === 'id') (ids[first as ResourceKind] ??= []).push(second);
    else if (what === 'list') list.push(first as ResourceKind);
    else if (what === 'address') addresses.set(first, [...(addresses.get(first) ?? []), second]);
    else if (what === 'type') instanceTypes.push(first);
  }
  return { ids, list, addresses: [...addresses].map(([subnetId, values]) => ({ subnetId, addresses: values })), instanceTypes };
}
