/**
 * The language client: starts the bundled server (dist/server.js) over Node IPC, keeps it running
 * (a server that dies is restarted, up to a limit), restarts it when what it was told at start-up
 * changes (workspace trust, the endpoint), and sends it the `eni-requests.*` commands of the
 * protocol (server/src/protocol.ts) with a cancellation token.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SETTINGS_SECTION, type ServerCommandId } from '../../contract/protocol';
import { REQUEST_LANGUAGES } from './request-file';
import { initializationOptions } from './settings';

export const CLIENT_ID = 'eni-requests';
export const CLIENT_NAME = 'ENI Requests';

/** How many crashes within RESTART_WINDOW_MS are restarted; one more and the client gives up (and says so). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Restart on every crash, unless the server keeps crashing. */
class RestartingErrorHandler implements ErrorHandler {
  private crashes: number[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.log.error(`Connection to the language server: ${error.message}`);
    // A few write/read errors in a row are tolerated; the close handler restarts a dead server.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((at) => now - at < RESTART_WINDOW_MS), now];
    if (this.crashes.length > MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: `The ${CLIENT_NAME} language server stopped ${this.crashes.length} times in 3 minutes and is not restarted. See "ENI Requests: Show log", then run "ENI Requests: Restart language server".`,
      };
    }
    this.log.warn(`The language server stopped; restarting it (${this.crashes.length} of ${MAX_RESTARTS} in 3 minutes).`);
    return { action: CloseAction.Restart, handled: true };
  }

  reset(): void {
    this.crashes = [];
  }
}

export class RequestLanguageClient implements vscode.Disposable {
  readonly client: LanguageClient;
  private readonly errorHandler: RestartingErrorHandler;
  private starting: Promise<void>;

  constructor(
    context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    this.errorHandler = new RestartingErrorHandler(log);
    const clientOptions: LanguageClientOptions = {
      // The server decides which of these files are requests; every other one gets nothing.
      documentSelector: REQUEST_LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // A function: read again at every (re)start, so a restart after granting trust tells the server.
      initializationOptions,
      synchronize: { configurationSection: SETTINGS_SECTION },
      outputChannel: log,
      errorHandler: this.errorHandler,
    };
    this.client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.starting = this.client.start();
    this.starting.catch((error) => log.error(`Starting the language server failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Resolves when the server has answered `initialize`. */
  ready(): Promise<void> {
    return this.starting;
  }

  /** Stops and starts the server; it reads the initialization options (trust, endpoint) again. */
  async restart(): Promise<void> {
    this.errorHandler.reset();
    await this.starting.catch(() => {});
    this.starting = this.client.isRunning() ? this.client.restart() : this.client.start();
    await this.starting;
  }

  /**
   * `workspace/executeCommand` of one of the server's commands. The token is passed on, so
   * cancelling sends `$/cancelRequest` to the server. Null when the server answers nothing.
   */
  async execute<T>(command: ServerCommandId, args: unknown[], token?: vscode.CancellationToken): Promise<T | null> {
    await this.starting;
    const result = await this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, token);
    return (result ?? null) as T | null;
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}
