/**
 * What the live checks learned from EC2, per scope (profile, region, endpoint: where the look-ups
 * went): per resource, exists (with what Describe said) or does not; per address of a subnet, the
 * interface that holds it or none; per instance type, its network limits or unknown. Entries
 * expire: an ID found after a few minutes, a missing one sooner (it may just have been created),
 * an address's holder after a minute (interfaces come and go), an instance type after an hour
 * (its limits hardly change). An expired entry is still answered for as long again, marked stale:
 * diagnostics keep showing it while it is looked up again, instead of blinking out. Listings for
 * completion are kept per scope and kind, fresh only.
 */
import type { AddressHolder, DescribedResource, InstanceTypeLimits, ResourceKind, SubnetAddress } from '../../execution/lookups';

export const FOUND_TTL_MS = 5 * 60_000;
export const MISSING_TTL_MS = 60_000;
export const ADDRESS_TTL_MS = 60_000;
export const INSTANCE_TYPE_TTL_MS = 60 * 60_000;
/** Entries kept at most, per map; expired ones go first, then the oldest. */
const MAX_ENTRIES = 20_000;

export type Lookup =
  { readonly exists: true; readonly resource: DescribedResource; readonly region: string } | { readonly exists: false; readonly region: string };

/** Who holds an address of a subnet. */
export type AddressLookup = { readonly inUse: true; readonly holder: AddressHolder } | { readonly inUse: false };

/** An instance type's limits, or `known: false` when the region does not offer it. */
export type InstanceTypeLookup = { readonly known: true; readonly limits: InstanceTypeLimits } | { readonly known: false };

/** An entry as the cache holds it: `stale` once expired (look it up again), until twice its age. */
export type Cached<T> = T & { readonly stale: boolean };
export type CachedLookup = Cached<Lookup>;

export interface Listing {
  readonly resources: readonly DescribedResource[];
  readonly region: string;
  /** More exist than were listed. */
  readonly truncated: boolean;
}

/** What the cache knows in one scope: what the checks read. */
export interface Known {
  resource(kind: ResourceKind, id: string): CachedLookup | undefined;
  /** `address`: canonical (execution/address-text.ts). */
  address(subnetId: string, address: string): Cached<AddressLookup> | undefined;
  instanceType(name: string): Cached<InstanceTypeLookup> | undefined;
}

interface Timed<T> {
  readonly value: T;
  readonly expires: number;
  /** Forgotten from then on. */
  readonly forgotten: number;
}

export class ResourceCache {
  private readonly entries = new Map<string, Timed<Lookup>>();
  private readonly addresses = new Map<string, Timed<AddressLookup>>();
  private readonly instanceTypes = new Map<string, Timed<InstanceTypeLookup>>();
  private readonly listings = new Map<string, Timed<Listing>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly foundTtlMs = FOUND_TTL_MS,
    private readonly missingTtlMs = MISSING_TTL_MS,
    private readonly addressTtlMs = ADDRESS_TTL_MS,
    private readonly instanceTypeTtlMs = INSTANCE_TYPE_TTL_MS,
  ) {}

  get(scope: string, kind: ResourceKind, id: string): CachedLookup | undefined {
    return this.read(this.entries, key(scope, kind, id));
  }

  /** The reading side for one scope. */
  in(scope: string): Known {
    return {
      resource: (kind, id) => this.get(scope, kind, id),
      address: (subnetId, address) => this.read(this.addresses, key(scope, subnetId, address)),
      instanceType: (name) => this.read(this.instanceTypes, key(scope, name)),
    };
  }

  found(scope: string, resource: DescribedResource, region: string): void {
    this.put(this.entries, key(scope, resource.kind, resource.id), { exists: true, resource, region }, this.foundTtlMs);
  }

  missing(scope: string, kind: ResourceKind, id: string, region: string): void {
    this.put(this.entries, key(scope, kind, id), { exists: false, region }, this.missingTtlMs);
  }

  addressInUse(scope: string, holder: AddressHolder): void {
    this.put(this.addresses, key(scope, holder.subnetId, holder.address), { inUse: true, holder }, this.addressTtlMs);
  }

  addressFree(scope: string, { subnetId, address }: SubnetAddress): void {
    this.put(this.addresses, key(scope, subnetId, address), { inUse: false }, this.addressTtlMs);
  }

  instanceTypeKnown(scope: string, limits: InstanceTypeLimits): void {
    this.put(this.instanceTypes, key(scope, limits.instanceType), { known: true, limits }, this.instanceTypeTtlMs);
  }

  instanceTypeUnknown(scope: string, name: string): void {
    this.put(this.instanceTypes, key(scope, name), { known: false }, this.instanceTypeTtlMs);
  }

  listing(scope: string, kind: ResourceKind): Listing | undefined {
    return this.fresh(this.listings, key(scope, kind, ''));
  }

  listed(scope: string, kind: ResourceKind, listing: Listing): void {
    this.put(this.listings, key(scope, kind, ''), listing, this.foundTtlMs);
  }

  clear(): void {
    for (const map of [this.entries, this.addresses, this.instanceTypes, this.listings]) map.clear();
  }

  private read<T>(map: Map<string, Timed<T>>, k: string): Cached<T> | undefined {
    const entry = map.get(k);
    if (!entry) return undefined;
    const now = this.now();
    if (now < entry.forgotten) return { ...entry.value, stale: now >= entry.expires };
    map.delete(k);
    return undefined;
  }

  private fresh<T>(map: Map<string, Timed<T>>, k: string): T | undefined {
    const entry = map.get(k);
    if (!entry) return undefined;
    if (entry.expires > this.now()) return entry.value;
    if (entry.forgotten <= this.now()) map.delete(k);
    return undefined;
  }

  private put<T>(map: Map<string, Timed<T>>, k: string, value: T, ttl: number): void {
    map.delete(k); // re-inserted last: the map's order is the order of writing
    const now = this.now();
    map.set(k, { value, expires: now + ttl, forgotten: now + 2 * ttl });
    if (map.size <= MAX_ENTRIES) return;
    for (const [old, entry] of map) if (entry.expires <= now) map.delete(old);
    for (const old of map.keys()) {
      if (map.size <= MAX_ENTRIES) break;
      map.delete(old);
    }
  }
}

/** The scope of a look-up: who asked where. */
export function scopeKey(profile: string | undefined, region: string | undefined, endpoint: string | undefined): string {
  return JSON.stringify([profile ?? '', region ?? '', endpoint ?? '']);
}

function key(scope: string, ...parts: string[]): string {
  return [scope, ...parts].join(' ');
}
