/**
 * What the live checks learned from EC2, per scope (profile, region, endpoint: where the look-ups
 * went) and resource: exists (with what Describe said), or does not. Entries expire: an ID found
 * after a few minutes, a missing one sooner (it may just have been created). An expired entry is
 * still answered for as long again, marked stale: diagnostics keep showing it while it is looked up
 * again, instead of blinking out. Listings for completion are kept per scope and kind, fresh only.
 */
import type { DescribedResource, ResourceKind } from '../../execution/describe-resources';

export const FOUND_TTL_MS = 5 * 60_000;
export const MISSING_TTL_MS = 60_000;
/** Entries kept at most; expired ones go first, then the oldest. */
const MAX_ENTRIES = 20_000;

export type Lookup =
  | { readonly exists: true; readonly resource: DescribedResource; readonly region: string }
  | { readonly exists: false; readonly region: string };

/** A lookup as the cache holds it: `stale` once expired (look it up again), until twice its age. */
export type CachedLookup = Lookup & { readonly stale: boolean };

export interface Listing {
  readonly resources: readonly DescribedResource[];
  readonly region: string;
  /** More exist than were listed. */
  readonly truncated: boolean;
}

interface Timed<T> {
  readonly value: T;
  readonly expires: number;
  /** Forgotten from then on. */
  readonly forgotten: number;
}

export class ResourceCache {
  private readonly entries = new Map<string, Timed<Lookup>>();
  private readonly listings = new Map<string, Timed<Listing>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly foundTtlMs = FOUND_TTL_MS,
    private readonly missingTtlMs = MISSING_TTL_MS,
  ) {}

  get(scope: string, kind: ResourceKind, id: string): CachedLookup | undefined {
    const k = key(scope, kind, id);
    const entry = this.entries.get(k);
    if (!entry) return undefined;
    const now = this.now();
    if (now < entry.forgotten) return { ...entry.value, stale: now >= entry.expires };
    this.entries.delete(k);
    return undefined;
  }

  found(scope: string, resource: DescribedResource, region: string): void {
    this.put(this.entries, key(scope, resource.kind, resource.id), { exists: true, resource, region }, this.foundTtlMs);
  }

  missing(scope: string, kind: ResourceKind, id: string, region: string): void {
    this.put(this.entries, key(scope, kind, id), { exists: false, region }, this.missingTtlMs);
  }

  listing(scope: string, kind: ResourceKind): Listing | undefined {
    return this.fresh(this.listings, key(scope, kind, ''));
  }

  listed(scope: string, kind: ResourceKind, listing: Listing): void {
    this.put(this.listings, key(scope, kind, ''), listing, this.foundTtlMs);
  }

  clear(): void {
    this.entries.clear();
    this.listings.clear();
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

function key(scope: string, kind: ResourceKind, id: string): string {
  return `${scope} ${kind} ${id}`;
}
