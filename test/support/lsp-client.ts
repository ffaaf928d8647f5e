/**
 * The built language server (dist/server.js --stdio) as a child process, and the client end of its
 * JSON-RPC connection: the one LSP client of the protocol and hardening tests. Run
 * `node scripts/build.mjs` first.
 *
 * The client keeps everything the server sends (notifications, progress, and the requests it
 * answers: workspace/configuration, client/registerCapability, window/workDoneProgress/create,
 * window/showMessageRequest), and collects whatever looks like a failure (stderr output, an error
 * in the log, a protocol error, an exit nobody asked for). Every wait has a timeout that names what
 * was awaited and shows the end of the server's stderr, and an unexpected exit fails every wait at
 * once, so a broken server fails the test instead of hanging it.
 */
import type { ServerCapabilities } from 'vscode-languageserver';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createMessageConnection,
  ErrorCodes,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { SETTINGS_SECTION, type InitializationOptions } from '../../contract/protocol';
import { projectRoot } from './project-root';

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** An incremental change; a change without a range replaces the whole text. */
export interface ContentChange {
  range: Range;
  text: string;
}

/** window/logMessage and window/showMessage. */
export interface MessageParams {
  type: number;
  message: string;
}

export interface ShowMessageRequestParams extends MessageParams {
  actions?: { title: string }[];
}

export interface ProgressParams {
  token: string | number;
  value: { kind: string; title?: string; cancellable?: boolean; message?: string; percentage?: number };
}

/** Something the server sent: a notification, or a request the client answered. */
export interface Received {
  method: string;
  params: unknown;
}

export interface InitializeResult {
  capabilities: ServerCapabilities;
  serverInfo?: { name: string; version?: string };
}

export interface LspServerOptions {
  /** Environment variables for the server, over this process's. */
  env?: Record<string, string>;
  initializationOptions?: InitializationOptions;
  /** The eniRequests settings. Default: none set. */
  settings?: Record<string, unknown>;
  /**
   * Declare no workspace/configuration, so settings travel in workspace/didChangeConfiguration.
   * The server answers such a push by validating every open document at once (no typing delay),
   * which `settle` uses; otherwise it asks for the settings first, as in VS Code.
   */
  pushSettings?: boolean;
  /** How long a wait may take unless told otherwise (ms). */
  waitMs?: number;
  /** Completion item defaults to declare (`completionList.itemDefaults`), as VS Code does. Default: none. */
  completionItemDefaults?: string[];
  /**
   * The server to start, an executable and its arguments (e.g. an installed `eni-requests-server`
   * and `--stdio`), run in `cwd`. Default: this checkout's dist/server.js --stdio under this Node.
   */
  command?: { file: string; args: string[]; cwd?: string };
}

export interface RequestOptions {
  /** What the timeout message says was awaited (default: the method). */
  what?: string;
  ms?: number;
  token?: CancellationToken;
}

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';
/** How long `stop` gives the server to shut down before it is killed. */
const STOP_MS = 2_000;
/** What in a log message of another type than Error still means something went wrong inside the server. */
const FAILURE_TEXT = /unhandled|Error|exception|\n\s+at |Maximum call stack/;

/**
 * What the client declares, the union of what the tests need: progress and message actions for the
 * execution commands, versioned diagnostics. Completion item defaults only when asked for
 * (`completionItemDefaults`): otherwise every item carries its own edit (the fuzz applies items as they come).
 */
const CLIENT_CAPABILITIES = {
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: false } } },
  textDocument: {
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    completion: { completionItem: { labelDetailsSupport: true } },
  },
};
/** Declared unless `pushSettings`: the server then asks for the settings, as from VS Code. */
const PULLED_SETTINGS_CAPABILITIES = { configuration: true, didChangeConfiguration: { dynamicRegistration: true } };
const DOCUMENT_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export class LspServer {
  readonly waitMs: number;
  /** The eniRequests settings: answered to workspace/configuration, or pushed (`pushSettings`). */
  settings: Record<string, unknown>;
  /** What the client answers to window/showMessageRequest: an action title, or null (dismissed). */
  answerMessageRequest: (params: ShowMessageRequestParams) => string | null = () => null;
  /** The server's capabilities, from the initialize result. */
  capabilities: ServerCapabilities = {};
  /** Errors reading the server's stdout: anything but LSP messages there is one. */
  readonly readerErrors: unknown[] = [];

  private readonly child: ChildProcessWithoutNullStreams;
  private readonly connection: MessageConnection;
  private readonly options: LspServerOptions;
  private stderr = '';
  private messages: Received[] = [];
  /** Failures seen since the last `takeFailures()`. */
  private failures: string[] = [];
  private waiters: { method: string; accept: (params: unknown) => boolean; resolve: (params: unknown) => void }[] = [];
  /** The last version sent per open document. */
  private readonly versions = new Map<string, number>();
  private readonly exited: Promise<number | null>;
  private exitExpected = false;
  /** Why the server is gone, when nobody asked it to exit. */
  private unexpectedExit: string | undefined;
  private readonly exitListeners = new Set<(reason: string) => void>();

  private constructor(options: LspServerOptions) {
    this.options = options;
    this.waitMs = options.waitMs ?? 5_000;
    this.settings = options.settings ?? {};
    const server = path.join(projectRoot(), 'dist', 'server.js');
    const command = options.command ?? { file: process.execPath, args: [server, '--stdio'] };
    if (!options.command && !fs.existsSync(server)) throw new Error(`${server} is missing: run node scripts/build.mjs first`);
    this.child = spawn(command.file, command.args, { stdio: 'pipe', cwd: command.cwd, env: { ...process.env, ...options.env } });
    this.child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      this.stderr += text;
      this.failures.push(`stderr: ${text.slice(0, 2000)}`);
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        if (!this.exitExpected) {
          this.unexpectedExit = `the server exited (code ${code}, signal ${signal})`;
          for (const listener of this.exitListeners) listener(this.unexpectedExit);
        }
        resolve(code);
      }),
    );
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onError(([error]) => {
      this.readerErrors.push(error);
      this.failures.push(`protocol error: ${String(error)}`);
    });
    this.connection.onNotification((method, params) => {
      this.record(method, params);
      const { type, message } = (params ?? {}) as MessageParams;
      // A logged Error, or anything else that reads like a crash; a shown Error.
      if (method === 'window/logMessage' && (type === 1 || FAILURE_TEXT.test(message)))
        this.failures.push(`window/logMessage type ${type}: ${message.slice(0, 2000)}`);
      if (method === 'window/showMessage' && type === 1) this.failures.push(`window/showMessage type 1: ${message.slice(0, 2000)}`);
    });
    this.connection.onUnhandledProgress((params) => this.record('$/progress', params));
    this.connection.onRequest((method, params) => {
      this.record(method, params);
      return this.answer(method, params);
    });
    this.connection.listen();
  }

  /** Starts the server without initializing it. */
  static spawn(options: LspServerOptions = {}): LspServer {
    return new LspServer(options);
  }

  /** Starts and initializes the server. */
  static async start(options: LspServerOptions = {}): Promise<LspServer> {
    const server = new LspServer(options);
    await server.initialize();
    return server;
  }

  /** Sends initialize, keeps the server's capabilities, and sends initialized. */
  async initialize(): Promise<InitializeResult> {
    const result = await this.request<InitializeResult>(
      'initialize',
      {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        initializationOptions: this.options.initializationOptions,
        capabilities: this.clientCapabilities(),
      },
      { what: 'the initialize result' },
    );
    this.capabilities = result.capabilities;
    await this.notify('initialized', {});
    return result;
  }

  private clientCapabilities(): Record<string, unknown> {
    const { pushSettings, completionItemDefaults } = this.options;
    const completion = completionItemDefaults
      ? { ...CLIENT_CAPABILITIES.textDocument.completion, completionList: { itemDefaults: completionItemDefaults } }
      : CLIENT_CAPABILITIES.textDocument.completion;
    return {
      ...CLIENT_CAPABILITIES,
      textDocument: { ...CLIENT_CAPABILITIES.textDocument, completion },
      ...(pushSettings ? {} : { workspace: PULLED_SETTINGS_CAPABILITIES }),
    };
  }

  private answer(method: string, params: unknown): unknown {
    switch (method) {
      case 'workspace/configuration':
        return (params as { items: { section?: string }[] }).items.map((item) => (item.section === SETTINGS_SECTION ? this.settings : null));
      case 'window/showMessageRequest': {
        const title = this.answerMessageRequest(params as ShowMessageRequestParams);
        return title === null ? null : { title };
      }
      case 'client/registerCapability':
      case 'window/workDoneProgress/create':
        return null;
      default:
        return new ResponseError(ErrorCodes.MethodNotFound, `the test client does not handle ${method}`);
    }
  }

  private record(method: string, params: unknown): void {
    this.messages.push({ method, params });
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.method !== method || !waiter.accept(params)) return true;
      waiter.resolve(params);
      return false;
    });
  }

  /** Everything the server sent so far, in order (but the publications `takePublications` took). */
  get received(): readonly Received[] {
    return this.messages;
  }

  private paramsOf<T>(method: string): T[] {
    return this.messages.filter((m) => m.method === method).map((m) => m.params as T);
  }

  get logMessages(): MessageParams[] {
    return this.paramsOf<MessageParams>('window/logMessage');
  }

  get progress(): ProgressParams[] {
    return this.paramsOf<ProgressParams>('$/progress');
  }

  /** The tokens of the progress the server created (window/workDoneProgress/create). */
  get createdProgress(): (string | number)[] {
    return this.paramsOf<{ token: string | number }>('window/workDoneProgress/create').map((p) => p.token);
  }

  get messageRequests(): ShowMessageRequestParams[] {
    return this.paramsOf<ShowMessageRequestParams>('window/showMessageRequest');
  }

  /** The methods the server registered for (client/registerCapability). */
  get registrations(): string[] {
    return this.paramsOf<{ registrations: { method: string }[] }>('client/registerCapability').flatMap((p) => p.registrations.map((r) => r.method));
  }

  /** Every publication for `uri` so far. */
  publications(uri: string): PublishDiagnosticsParams[] {
    return this.paramsOf<PublishDiagnosticsParams>(PUBLISH_DIAGNOSTICS).filter((p) => p.uri === uri);
  }

  /** The publications since the last call, forgotten (a long fuzz run must not keep them all). */
  takePublications(): PublishDiagnosticsParams[] {
    const taken = this.paramsOf<PublishDiagnosticsParams>(PUBLISH_DIAGNOSTICS);
    this.messages = this.messages.filter((m) => m.method !== PUBLISH_DIAGNOSTICS);
    return taken;
  }

  /** The failures collected since the last call (and forgets them). */
  takeFailures(): string[] {
    const failures = this.failures;
    this.failures = [];
    if (this.unexpectedExit) failures.push(this.unexpectedExit);
    return failures;
  }

  get alive(): boolean {
    return this.unexpectedExit === undefined && this.child.exitCode === null && this.child.signalCode === null;
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

  /** The end of the server's stderr, for failure messages (lines cut: the bundle is minified). */
  stderrTail(): string {
    return this.stderr
      .split('\n')
      .slice(-20)
      .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
      .join('\n');
  }

  /** `promise`, or a rejection naming `what` when it takes longer than `ms` or the server dies first. */
  within<T>(promise: Promise<T>, what: string, ms = this.waitMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let onExit: ((reason: string) => void) | undefined;
    const failure = (text: string) => new Error(`${text}; server stderr:\n${this.stderrTail()}`);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(failure(`timed out after ${ms} ms waiting for ${what}`)), ms);
    });
    const died = new Promise<never>((_, reject) => {
      if (this.unexpectedExit) reject(failure(`${this.unexpectedExit} before ${what}`));
      else this.exitListeners.add((onExit = (reason) => reject(failure(`${reason} while waiting for ${what}`))));
    });
    const result = Promise.race([promise, timeout, died]).finally(() => {
      clearTimeout(timer);
      if (onExit) this.exitListeners.delete(onExit);
    });
    result.catch(() => {}); // a caller that fails before awaiting must not leave an unhandled rejection
    died.catch(() => {});
    return result;
  }

  /** The next message with this method (from now on) that `accept`s; call it before triggering the message. */
  next<T>(method: string, accept: (params: T) => boolean = () => true, what = method, ms = this.waitMs): Promise<T> {
    const next = new Promise<T>((resolve) =>
      this.waiters.push({ method, accept: accept as (params: unknown) => boolean, resolve: resolve as (params: unknown) => void }),
    );
    return this.within(next, what, ms);
  }

  /** The next publication for `uri` that `accept`s; call it before triggering it. */
  diagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true, ms = this.waitMs): Promise<PublishDiagnosticsParams> {
    return this.next<PublishDiagnosticsParams>(PUBLISH_DIAGNOSTICS, (p) => p.uri === uri && accept(p), `diagnostics for ${uri}`, ms);
  }

  /** A request, within `ms`. */
  request<T>(method: string, params?: unknown, { what = method, ms = this.waitMs, token }: RequestOptions = {}): Promise<T> {
    // Absent params are left out, not sent as [null].
    const args: unknown[] = params === undefined ? [] : [params];
    if (token) args.push(token);
    return this.within(this.connection.sendRequest<T>(method, ...args), what, ms);
  }

  async notify(method: string, params?: unknown): Promise<void> {
    await (params === undefined ? this.connection.sendNotification(method) : this.connection.sendNotification(method, params));
  }

  /** Opens a document and resolves with its first publication. */
  async open(uri: string, text: string, { languageId = 'json', version = 1, ms = this.waitMs } = {}): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, (p) => p.version === version, ms);
    this.versions.set(uri, version);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return published;
  }

  async change(uri: string, version: number, changes: (ContentChange | { text: string })[]): Promise<void> {
    this.versions.set(uri, version);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Replaces the whole text; resolves with the new version. */
  async replaceText(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    await this.change(uri, version, [{ text }]);
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Changes the settings (default: the same again), which revalidates every open document. */
  async changeSettings(settings = this.settings): Promise<void> {
    this.settings = settings;
    // When the server pulls them, null: it must ask again, not read them from the notification.
    await this.notify('workspace/didChangeConfiguration', { settings: this.options.pushSettings ? { [SETTINGS_SECTION]: settings } : null });
  }

  /** The diagnostics of `uri` at `version`, validated without the typing delay (see `pushSettings`). */
  async settle(uri: string, version: number, ms = this.waitMs): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, (p) => p.version === version, ms);
    await this.changeSettings();
    return published;
  }

  completion(uri: string, position: Position, ms = this.waitMs): Promise<CompletionList | null> {
    return this.request('textDocument/completion', { textDocument: { uri }, position }, { what: 'completion', ms });
  }

  hover(uri: string, position: Position, ms = this.waitMs): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position }, { what: 'hover', ms });
  }

  /** Code actions for `diagnostics` (default none) on `range` (default the start), of the kinds in `only` (default all). */
  codeActions(
    uri: string,
    { range = DOCUMENT_START, diagnostics = [], only }: { range?: Range; diagnostics?: Diagnostic[]; only?: string[] } = {},
    ms = this.waitMs,
  ): Promise<CodeAction[] | null> {
    const context = { diagnostics, ...(only ? { only } : {}) };
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context }, { what: 'code actions', ms });
  }

  execute<T>(command: string, args: unknown[], token?: CancellationToken): Promise<T> {
    return this.request('workspace/executeCommand', { command, arguments: args }, { what: command, token });
  }

  /** Resolves with the exit code; from now on an exit is expected, and fails no wait. */
  waitForExit(ms = this.waitMs): Promise<number | null> {
    this.exitExpected = true;
    return this.within(this.exited, 'the server to exit', ms);
  }

  /** Shuts the server down politely (killing it if it does not exit), and fails if it wrote anything but LSP messages to stdout. */
  async stop(): Promise<void> {
    if (this.alive) {
      const exited = this.waitForExit(STOP_MS);
      try {
        await this.request('shutdown', undefined, { ms: STOP_MS });
        await this.notify('exit');
        await exited;
      } catch {
        // Killed below.
      }
    }
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    assert.deepEqual(this.readerErrors, [], 'the server wrote nothing but LSP messages to stdout');
  }
}
