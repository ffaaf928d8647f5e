/**
 * The built language server (dist/server.js --stdio) as a child process, for the hardening tests:
 * open and edit documents, wait for their diagnostics by version, ask for completion, hover and
 * code actions, and collect everything that looks like a failure (an error response, a
 * window/logMessage of type Error, anything on stderr, the process exiting). Every wait has a
 * timeout, so a hung server fails the test instead of hanging it.
 *
 * The client announces no workspace/configuration support, so settings are pushed with
 * workspace/didChangeConfiguration. The server answers such a push by validating every open
 * document at once (no debounce): `settle` uses that to get the diagnostics of the current version
 * without waiting out the typing delay, which keeps the fuzzer at thousands of steps per minute.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface ContentChange {
  range: Range;
  text: string;
}

/** The project root: the nearest directory above this file with the project's package.json. */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'eni-requests') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no eni-requests package.json above ${__dirname}`);
  }
}

/** What in a log message of another type than Error still means something went wrong inside the server. */
const FAILURE_TEXT = /unhandled|Error|exception|\n\s+at |Maximum call stack/;

export class LspServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly connection: MessageConnection;
  private stderr = '';
  private exit: string | undefined;
  /** Failures seen since the last `takeFailures()`. */
  private failures: string[] = [];
  /** Every publication since the last `takePublications()`. */
  private publications: PublishDiagnosticsParams[] = [];
  /** The last diagnostics published per URI, with their version. */
  readonly published = new Map<string, PublishDiagnosticsParams>();
  private waiters: { accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly exitWaiters = new Set<(reason: string) => void>();

  private constructor(readonly waitMs: number) {
    const server = path.join(projectRoot(), 'dist', 'server.js');
    if (!fs.existsSync(server)) throw new Error(`${server} is missing: run node scripts/build.mjs first`);
    this.child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      this.stderr += text;
      this.failures.push(`stderr: ${text.slice(0, 2000)}`);
    });
    this.child.once('exit', (code, signal) => {
      this.exit = `the server exited (code ${code}, signal ${signal})`;
      for (const waiter of this.exitWaiters) waiter(this.exit);
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onError(([error]) => this.failures.push(`protocol error: ${String(error)}`));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, params);
      this.publications.push(params);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.accept(params)) return true;
        waiter.resolve(params);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      // Type 1 is Error; anything else that reads like a crash counts too.
      if (params.type === 1 || FAILURE_TEXT.test(params.message)) this.failures.push(`window/logMessage type ${params.type}: ${params.message.slice(0, 2000)}`);
    });
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      if (params.type === 1) this.failures.push(`window/showMessage type 1: ${params.message.slice(0, 2000)}`);
    });
    this.connection.listen();
  }

  /** Starts the server and initializes it (no workspace/configuration: settings are pushed). */
  static async start(waitMs = 5_000): Promise<LspServer> {
    const server = new LspServer(waitMs);
    await server.within(
      server.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: { textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } } },
      }),
      'the initialize result',
    );
    await server.connection.sendNotification('initialized', {});
    return server;
  }

  /**
   * CPU time the server has used so far (user + system, ms), from /proc on Linux; undefined
   * elsewhere. Time bounds compare it too, so a server starved of CPU by a busy machine (CI running
   * test files in parallel) is not mistaken for a slow one.
   */
  cpuMs(): number | undefined {
    try {
      const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state is 3rd, utime 14th, stime 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return undefined;
    }
  }

  get alive(): boolean {
    return this.exit === undefined && this.child.exitCode === null;
  }

  /** The failures collected since the last call (and forgets them). */
  takeFailures(): string[] {
    const failures = this.failures;
    this.failures = [];
    if (this.exit) failures.push(this.exit);
    return failures;
  }

  /** The publications since the last call (and forgets them). */
  takePublications(): PublishDiagnosticsParams[] {
    const publications = this.publications;
    this.publications = [];
    return publications;
  }

  stderrTail(): string {
    return this.stderr.slice(-4000);
  }

  /** `promise`, or a rejection when it takes longer than `ms` or the server dies first. */
  within<T>(promise: Promise<T>, what: string, ms = this.waitMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let onExit: ((reason: string) => void) | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}; stderr:\n${this.stderrTail()}`)), ms);
    });
    const died = new Promise<never>((_, reject) => {
      if (this.exit) reject(new Error(`${this.exit} before ${what}; stderr:\n${this.stderrTail()}`));
      else this.exitWaiters.add((onExit = (reason) => reject(new Error(`${reason} while waiting for ${what}; stderr:\n${this.stderrTail()}`))));
    });
    const result = Promise.race([promise, timeout, died]).finally(() => {
      clearTimeout(timer);
      if (onExit) this.exitWaiters.delete(onExit);
    });
    result.catch(() => {}); // a caller that fails before awaiting must not leave an unhandled rejection
    died.catch(() => {});
    return result;
  }

  /** The next publication for `uri` that `accept`s (register before triggering it). */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, ms = this.waitMs): Promise<PublishDiagnosticsParams> {
    const next = new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ accept: (p) => p.uri === uri && accept(p), resolve }));
    return this.within(next, `diagnostics for ${uri}`, ms);
  }

  async open(uri: string, languageId: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, changes: ContentChange[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Pushes (default) settings: the server re-reads them and validates every open document at once. */
  async pushSettings(settings: Record<string, unknown> = {}): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { eniRequests: settings } });
  }

  /** The diagnostics of `uri` at `version`, validated without the typing delay. */
  async settle(uri: string, version: number, ms = this.waitMs): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, (p) => p.version === version, ms);
    await this.pushSettings();
    return published;
  }

  completion(uri: string, position: Position, ms = this.waitMs): Promise<CompletionList | null> {
    return this.within(this.connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position }), 'completion', ms);
  }

  hover(uri: string, position: Position, ms = this.waitMs): Promise<Hover | null> {
    return this.within(this.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position }), 'hover', ms);
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], ms = this.waitMs): Promise<CodeAction[] | null> {
    return this.within(
      this.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only: ['quickfix'] } }),
      'code actions',
      ms,
    );
  }

  /** Shuts the server down politely, and kills it if it does not exit. */
  async stop(): Promise<void> {
    if (this.alive) {
      try {
        const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
        await this.within(this.connection.sendRequest('shutdown'), 'shutdown', 2_000);
        await this.connection.sendNotification('exit');
        await this.within(exited, 'the server to exit', 2_000);
      } catch {
        // Killed below.
      }
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
