/**
 * Live checks (opt-in, setting `eniRequests.liveChecks`): what only the account can tell, from
 * read-only Describe calls through the execution module, cached, and never in the way of the
 * static diagnostics.
 *
 * - Diagnostics (source `ec2-live`, warnings): subnet, security group, network interface and
 *   instance IDs that do not exist in the region (`live:not-found`); an explicit private IPv4
 *   address outside the CIDR of the subnet beside it (`live:address-outside-subnet`); an explicit
 *   IPv4 or IPv6 address AWS reserves in that subnet (`live:address-reserved`); an explicit
 *   address another interface of the subnet holds (`live:address-in-use`); more interfaces (in
 *   all or per network card), network cards, EFA interfaces or addresses per interface than the
 *   instance type of each launch specification allows (`live:instance-type-limit`). They are
 *   computed from the cache alone, synchronously, so they join every publication of a document's
 *   diagnostics at no cost; `schedule` looks up what the cache lacks, once the document has been
 *   still for a moment, and asks for a new publication when it learned something. What depends on
 *   a look-up (the subnet of an Assign request's interface, the type of an instance) is looked up
 *   in the next round. The command line (`check --live`) calls `settle` instead, which looks up at
 *   once, round after round, and resolves when the cache knows all it can.
 * - Completion of real IDs: `extendCompletion` appends a cached listing to the static items, or
 *   starts the listing and answers `isIncomplete` so the client asks again.
 * - A failed look-up (no credentials, no region, unreachable, denied…) writes one note and turns
 *   the live checks off until the settings change (`configure`); `failure` says why.
 * - The network layout asks `instanceType` for the facts of a type the cache knows.
 *
 * Nothing is sent unless the setting is on and execution is allowed (a trusted workspace).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Position } from 'vscode-languageserver-types';
import type { DescribedResource, DescribeResourcesResult, InstanceTypeLimits, ResourceKind, ResourceQuery } from '../../execution/lookups';
import { loadExecution } from '../../execution/load';
import type { ExecutionOptions } from '../../execution/request';
import type { RequestLanguageService } from '../language-service';
import type { RequestAnalysis } from '../service-types';
import { addressesToLookUp, addressInUseDiagnostics } from './addresses-in-use';
import { MISSING_TTL_MS, ResourceCache, scopeKey } from './cache';
import { idItems, idSlotAt } from './id-completion';
import { notFoundDiagnostics, outsideSubnetDiagnostics, reservedAddressDiagnostics } from './id-checks';
import { collectInstanceTypeAsks, instanceTypeLimitDiagnostics, instanceTypesToLookUp, type InstanceTypeAsks } from './instance-type-limits';
import { queryKeys, queryOf } from './query-keys';
import { collectReferences, type LiveReferences } from './references';

export { LIVE_SOURCE, LiveCode } from './diagnostic';

/** After the last edit, before anything is looked up. */
export const LIVE_CHECK_DELAY_MS = 1000;
/** Resources listed per kind for completion. */
const LIST_LIMIT = 200;

/** What the live checks take from the settings and the client's start-up. */
export interface LiveSettings {
  /** `eniRequests.liveChecks`. Default false. */
  readonly enabled: boolean;
  /** False in an untrusted workspace: nothing is sent, whatever `enabled` says. */
  readonly executionAllowed?: boolean;
  readonly profile?: string;
  readonly region?: string;
  /** From the client's start-up (a machine setting), never a workspace. */
  readonly endpoint?: string;
  readonly timeoutSeconds?: number;
}

export type ResourceLookup = (query: ResourceQuery, options: ExecutionOptions) => Promise<DescribeResourcesResult>;

export interface LiveCheckOptions {
  /** Default: the execution module's describeResources, loaded on first use. */
  readonly lookup?: ResourceLookup;
  /** Why the live checks stopped: once per failure. */
  readonly note?: (message: string) => void;
  /** One line per look-up EC2 answered. */
  readonly trace?: (message: string) => void;
  readonly delayMs?: number;
  readonly now?: () => number;
}

/** What the checks look at in one version of a document. */
interface DocumentReferences extends LiveReferences {
  readonly limits: InstanceTypeAsks[];
}

/** Why the live checks stopped: the failed look-up's outcome. */
export interface LiveFailure {
  readonly kind: DescribeResourcesResult['kind'];
  readonly title: string;
  readonly message: string;
}

/** Rounds of look-ups `settle` makes at most: an Assign request's interface, then its subnet's addresses; an instance, then its type. */
const MAX_ROUNDS = 4;

export class LiveChecks {
  private settings: LiveSettings = { enabled: false };
  /** Why the live checks stopped (a failed look-up), until the settings change. */
  private stopped: LiveFailure | undefined;
  /** Aborted when the settings change: look-ups in flight are dropped. */
  private controller = new AbortController();
  private readonly cache: ResourceCache;
  /** Look-ups in flight, per scope and key (query-keys.ts). */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per document: the last look-up scheduled (scope, version, keys). */
  private readonly attempts = new Map<string, { attempt: string; at: number }>();
  private readonly references = new WeakMap<RequestAnalysis, DocumentReferences>();
  private readonly lookup: ResourceLookup;
  private readonly delayMs: number;
  private readonly now: () => number;

  constructor(
    private readonly service: RequestLanguageService,
    private readonly options: LiveCheckOptions = {},
  ) {
    this.lookup = options.lookup ?? ((query, executionOptions) => loadExecution().describeResources(query, executionOptions));
    this.delayMs = options.delayMs ?? LIVE_CHECK_DELAY_MS;
    this.now = options.now ?? Date.now;
    this.cache = new ResourceCache(this.now);
  }

  /** New settings: live checks that stopped after a failure start again; look-ups in flight are dropped. */
  configure(settings: LiveSettings): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.inFlight.clear();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.attempts.clear();
    this.settings = settings;
    this.stopped = undefined;
  }

  /** On, allowed, and not stopped by a failure. */
  get active(): boolean {
    return this.settings.enabled && this.settings.executionAllowed !== false && this.stopped === undefined;
  }

  /** Why the live checks stopped, until the settings change; undefined while they run (or never ran). */
  get failure(): LiveFailure | undefined {
    return this.stopped;
  }

  /** The network limits of an instance type, when the checks are active and the cache knows them (fresh or stale); nothing is sent. */
  instanceType(name: string): InstanceTypeLimits | undefined {
    if (!this.active) return undefined;
    const cached = this.cache.in(this.scope()).instanceType(name);
    return cached?.known ? cached.limits : undefined;
  }

  /**
   * Looks up at once, without the editor's delay, what the documents name and the cache lacks,
   * all documents in one look-up per round, round after round while a round asks something new
   * (what depends on an earlier answer: the subnet of an Assign request's interface, the type of an
   * instance); resolves when done. For the command line: `diagnostics` then answers from the
   * cache. `instanceTypes`: more types to know (the layout's), whatever the documents ask of them.
   * A failure stops the checks (`failure` says why); never rejects.
   */
  async settle(documents: readonly TextDocument[], { instanceTypes = [] }: { instanceTypes?: readonly string[] } = {}): Promise<void> {
    let asked = new Set<string>();
    for (let round = 0; round < MAX_ROUNDS && this.active; round++) {
      const known = this.cache.in(this.scope());
      const types = instanceTypes.filter((name) => {
        const cached = known.instanceType(name);
        return !cached || cached.stale;
      });
      const keys = new Set([...documents.flatMap((document) => queryKeys(this.uncached(document) ?? {})), ...queryKeys({ instanceTypes: types })]);
      const fresh = [...keys].filter((key) => !asked.has(key));
      if (!fresh.length) return;
      asked = new Set([...asked, ...keys]);
      await this.fetch(queryOf(fresh));
    }
  }

  /** The `ec2-live` diagnostics of the document, from what the cache knows now; nothing is sent. */
  diagnostics(document: TextDocument): Diagnostic[] {
    if (!this.active) return [];
    const known = this.cache.in(this.scope());
    const { ids, addresses, limits } = this.referencesOf(this.service.analyze(document));
    return [
      ...notFoundDiagnostics(document, ids, known),
      ...outsideSubnetDiagnostics(document, addresses, known),
      ...reservedAddressDiagnostics(document, addresses, known),
      ...addressInUseDiagnostics(document, addresses, known),
      ...instanceTypeLimitDiagnostics(document, limits, known),
    ];
  }

  /**
   * Looks up what the document names and the cache lacks, `delayMs` after the last call for the
   * document (each edit calls it again); `onUpdate` when the look-up is done and the document is
   * still this version: its diagnostics should be published again. Call it after publishing the
   * static diagnostics.
   */
  schedule(document: TextDocument, onUpdate: () => void): void {
    this.cancel(document.uri);
    if (!this.active || !this.uncached(document)) return;
    const version = document.version;
    const timer = setTimeout(() => {
      this.timers.delete(document.uri);
      if (document.version !== version || !this.active) return;
      const wanted = this.uncached(document);
      if (!wanted) return;
      const keys = queryKeys(wanted);
      // The same look-up for the same version at most once a minute: an answer that leaves an ID
      // (or address, or instance type) unknown must not start a loop of look-ups.
      const attempt = `${this.scope()} ${version} ${keys.join(',')}`;
      const last = this.attempts.get(document.uri);
      const now = this.now();
      if (last?.attempt === attempt && now - last.at < MISSING_TTL_MS) return;
      this.attempts.set(document.uri, { attempt, at: now });
      this.fetch(wanted)
        .then((done) => {
          if (done && document.version === version) onUpdate();
        })
        .catch((error: unknown) => this.options.trace?.(`Live check of ${document.uri} failed: ${error instanceof Error ? error.message : String(error)}`));
    }, this.delayMs);
    timer.unref?.();
    this.timers.set(document.uri, timer);
  }

  /** The static completion plus real IDs where an ID goes; never waits for EC2. */
  extendCompletion(document: TextDocument, position: Position, list: CompletionList): CompletionList {
    if (!this.active) return list;
    const analysis = this.service.analyze(document);
    const slot = idSlotAt(analysis, position);
    if (!slot) return list;
    const listing = this.cache.listing(this.scope(), slot.kind);
    if (!listing) {
      this.fetch({ list: [slot.kind], listLimit: LIST_LIMIT }).catch(() => {});
      return { isIncomplete: true, items: list.items };
    }
    return { isIncomplete: list.isIncomplete, items: [...list.items, ...idItems(analysis, slot, listing.resources)] };
  }

  /** A document closed: its pending look-up is not needed. */
  forget(uri: string): void {
    this.cancel(uri);
    this.attempts.delete(uri);
  }

  private cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  private referencesOf(analysis: RequestAnalysis): DocumentReferences {
    let references = this.references.get(analysis);
    if (!references) {
      references = { ...collectReferences(analysis), limits: collectInstanceTypeAsks(analysis) };
      this.references.set(analysis, references);
    }
    return references;
  }

  /**
   * What the document names that the cache does not know (or only stale): IDs per kind, addresses
   * per subnet, instance types; undefined when nothing.
   */
  private uncached(document: TextDocument): ResourceQuery | undefined {
    const known = this.cache.in(this.scope());
    const { ids, addresses, limits } = this.referencesOf(this.service.analyze(document));
    const wanted: Partial<Record<ResourceKind, Set<string>>> = {};
    for (const { kind, id } of ids) {
      const cached = known.resource(kind, id);
      if (!cached || cached.stale) (wanted[kind] ??= new Set()).add(id);
    }
    const query: ResourceQuery = {
      ids: Object.fromEntries(Object.entries(wanted).map(([kind, set]) => [kind, [...set]])),
      addresses: addressesToLookUp(addresses, known),
      instanceTypes: instanceTypesToLookUp(limits, known),
    };
    return queryKeys(query).length ? query : undefined;
  }

  /**
   * Sends the part of `query` not already in flight (one key per ID, listing, address or instance
   * type), and waits for it and for the parts in flight. True when they are done: the cache knows
   * more, or the checks stopped (their diagnostics are gone); false when the settings changed
   * meanwhile (the server checks every document again then anyway).
   */
  private async fetch(query: ResourceQuery): Promise<boolean> {
    const controller = this.controller;
    const scope = this.scope();
    const waits: Promise<unknown>[] = [];
    const fresh: string[] = [];
    for (const key of queryKeys(query)) {
      const pending = this.inFlight.get(`${scope} ${key}`);
      if (pending) waits.push(pending);
      else fresh.push(key);
    }
    if (fresh.length) {
      const claimed = fresh.map((key) => `${scope} ${key}`);
      const done = () => {
        for (const key of claimed) if (this.inFlight.get(key) === sent) this.inFlight.delete(key);
      };
      const sent: Promise<void> = this.send({ ...queryOf(fresh), ...(query.listLimit ? { listLimit: query.listLimit } : {}) }, scope).then(
        done,
        (error: unknown) => {
          done();
          throw error;
        },
      );
      for (const key of claimed) this.inFlight.set(key, sent);
      waits.push(sent);
    }
    await Promise.all(waits);
    return controller === this.controller;
  }

  /** One look-up; its results go to the cache. A failure stops the checks; never rejects. */
  private async send(query: ResourceQuery, scope: string): Promise<void> {
    const controller = this.controller;
    const { profile, region, endpoint, timeoutSeconds } = this.settings;
    let result: DescribeResourcesResult;
    try {
      result = await this.lookup(query, {
        profile: profile || undefined,
        region: region || undefined,
        endpoint: endpoint || undefined,
        timeoutMs: timeoutSeconds ? timeoutSeconds * 1000 : undefined,
        signal: controller.signal,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { kind: 'error', title: 'The look-up failed', message, operation: 'Describe', fieldProblems: [], durationMs: 0 };
    }
    // Settings changed meanwhile: the answer is for a scope or a setting no longer in effect.
    if (controller !== this.controller || controller.signal.aborted) return;
    if (result.kind !== 'succeeded') return this.stop(result);
    this.absorb(result, scope);
    this.options.trace?.(`Live check: ${result.message} (${result.durationMs} ms)`);
  }

  private absorb(result: DescribeResourcesResult, scope: string): void {
    const region = result.region ?? this.settings.region ?? '';
    const found = result.found ?? [];
    for (const resource of found) this.cache.found(scope, resource, region);
    for (const [kind, ids] of Object.entries(result.missing ?? {}) as [ResourceKind, string[]][]) {
      for (const id of ids) this.cache.missing(scope, kind, id, region);
    }
    const truncated = new Set(result.truncated ?? []);
    for (const kind of result.listed ?? []) {
      const resources: DescribedResource[] = found.filter((r) => r.kind === kind);
      this.cache.listed(scope, kind, { resources, region, truncated: truncated.has(kind) });
    }
    for (const holder of result.addressesInUse ?? []) this.cache.addressInUse(scope, holder);
    for (const free of result.addressesFree ?? []) this.cache.addressFree(scope, free);
    for (const limits of result.instanceTypes ?? []) this.cache.instanceTypeKnown(scope, limits);
    for (const name of result.unknownInstanceTypes ?? []) this.cache.instanceTypeUnknown(scope, name);
  }

  private stop(result: DescribeResourcesResult): void {
    if (this.stopped !== undefined) return;
    this.stopped = { kind: result.kind, title: result.title, message: result.message };
    this.options.note?.(`Live checks are off until the eniRequests settings change. ${result.title}: ${result.message}`);
  }

  private scope(): string {
    return scopeKey(this.settings.profile, this.settings.region, this.settings.endpoint);
  }
}
