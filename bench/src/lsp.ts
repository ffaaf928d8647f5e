/**
 * A minimal LSP client for the bench: starts a language server as a child process over stdio (as an
 * editor does), answers its configuration requests, and times what it publishes. Children are
 * killed when the bench exits, however it exits.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Edit } from './edits';

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  /** performance.now() when the notification arrived. */
  at: number;
}

const children = new Set<ChildProcessWithoutNullStreams>();
function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

export interface ServerSpec {
  /** Label in the results: ours, json-ls, yaml-ls. */
  name: string;
  command: string[];
  /** Settings by section, answered to workspace/configuration and pushed with didChangeConfiguration. */
  settings: Record<string, unknown>;
  /** Whether the diagnostics carry the document version (ours do; the anchors publish without one). */
  versioned: boolean;
}

export class LspServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  readonly spawnedAt: number;
  private stderr = '';
  private waiters: { accept: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  /** Every publication per URI, in arrival order. */
  readonly publications = new Map<string, Published[]>();
  private exited = false;
  private readonly exitedPromise: Promise<void>;

  constructor(readonly spec: ServerSpec) {
    this.spawnedAt = performance.now();
    const [command, ...args] = spec.command;
    this.child = spawn(command, args, { stdio: 'pipe' });
    children.add(this.child);
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-20_000);
    });
    this.exitedPromise = new Promise((resolve) =>
      this.child.once('exit', () => {
        this.exited = true;
        children.delete(this.child);
        resolve();
      }),
    );
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: Omit<Published, 'at'>) => {
      const published: Published = { ...params, at: performance.now() };
      let list = this.publications.get(params.uri);
      if (!list) this.publications.set(params.uri, (list = []));
      list.push(published);
      this.waiters = this.waiters.filter((w) => {
        if (!w.accept(published)) return true;
        w.resolve(published);
        return false;
      });
    });
    this.connection.onNotification(() => {});
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section !== undefined ? (this.spec.settings[item.section] ?? null) : this.spec.settings)),
    );
    this.connection.onRequest((method) => {
      if (method === 'client/registerCapability' || method === 'window/workDoneProgress/create' || method === 'client/unregisterCapability') return null;
      return null;
    });
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** initialize → initialized → the settings; resolves when the server has been told everything. */
  async initialize(rootUri: string): Promise<void> {
    await this.within(
      this.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: false },
            publishDiagnostics: { versionSupport: true, relatedInformation: true },
            // As VS Code declares them (vscode-languageclient 11).
            completion: {
              completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
              completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
            },
            hover: { contentFormat: ['markdown', 'plaintext'] },
          },
        },
        initializationOptions: {},
      }),
      30_000,
      'the initialize result',
    );
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.spec.settings });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, edit: Edit): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: edit.range, text: edit.text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * The next publication for `uri` (from now on) that `accept`s. Call before triggering it. With a
   * versioned server, `version` must match; the anchors publish without versions, so for them the
   * next publication is taken (the bench sends one edit at a time and waits).
   */
  nextDiagnostics(uri: string, version: number | undefined, timeoutMs: number): Promise<Published> {
    const accept = (p: Published) => p.uri === uri && (!this.spec.versioned || version === undefined || p.version === version);
    return this.within(new Promise<Published>((resolve) => this.waiters.push({ accept, resolve })), timeoutMs, `diagnostics for ${uri} v${version}`);
  }

  request<T>(method: string, params: unknown, timeoutMs = 30_000): Promise<T> {
    return this.within(this.connection.sendRequest<T>(method, params), timeoutMs, method);
  }

  /** Resident set size of the child in MB (VmRSS of /proc/<pid>/status), and its peak (VmHWM). */
  memory(): { rssMb: number; peakMb: number } {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  }

  /** shutdown + exit, then SIGKILL if the server is still there after 3 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await this.within(this.connection.sendRequest('shutdown'), 3_000, 'shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // killed below
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await this.exitedPromise;
    clearTimeout(timer);
    this.connection.dispose();
  }

  stderrTail(): string {
    return this.stderr
      .split('\n')
      .slice(-15)
      .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l))
      .join('\n');
  }

  private within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.spec.name}: timed out after ${ms} ms waiting for ${what}; stderr:\n${this.stderrTail()}`)), ms);
    });
    const died = this.exitedPromise.then((): never => {
      throw new Error(`${this.spec.name} exited while waiting for ${what}; stderr:\n${this.stderrTail()}`);
    });
    died.catch(() => {});
    return Promise.race([promise, timeout, died]).finally(() => clearTimeout(timer));
  }
}
