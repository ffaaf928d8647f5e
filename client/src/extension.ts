/**
 * The VS Code extension: activation. Starts the language client (language-client.ts) and puts the
 * palette commands, code lenses, status bar, virtual documents and network-layout previews
 * (layout-preview.ts) around it. Activates on JSON, JSONC and YAML files; the server decides which
 * of them are request files.
 *
 * Works the same on desktop and in a remote or web workbench with a Node extension host
 * (code-server): nothing branches on `vscode.env.uiKind` or `remoteName`.
 */
import { bundleStart } from './load-clock';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../contract/protocol';
import { RequestCodeLenses } from './code-lens';
import { registerCommands } from './commands';
import { CLIENT_NAME, RequestLanguageClient } from './language-client';
import { LayoutPreviews, LayoutPathsContext } from './layout-preview';
import { VirtualDocuments } from './preview-document';
import { REQUEST_LANGUAGES } from './request-file';
import { IdentityStatusBar } from './status-bar';

/** How long activation took, in milliseconds (also written to the log). */
export interface ActivationTimes {
  /** Evaluating the bundle (the bundled language client and our modules). */
  loadMs: number;
  /** activate() itself. VS Code's own figure also counts reading the file and preparing the extension's context. */
  activateMs: number;
  /** From the end of activate() to the language server answering `initialize`; undefined until then. */
  serverReadyMs?: number;
}

/** What `activate` returns (`vscode.extensions.getExtension('eni-requests.eni-requests').exports`). */
export interface ExtensionApi {
  /** Resolves when the language server is up. */
  ready(): Promise<void>;
  activationTimes(): ActivationTimes;
}

let server: RequestLanguageClient | undefined;
const loadMs = performance.now() - bundleStart;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const activateStart = performance.now();
  const log = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  server = new RequestLanguageClient(context, log);
  const running = server;
  const documents = new VirtualDocuments();
  const lenses = new RequestCodeLenses();
  const layouts = new LayoutPreviews(running);
  context.subscriptions.push(
    log,
    documents,
    layouts,
    new LayoutPathsContext(),
    lenses,
    new IdentityStatusBar(),
    vscode.languages.registerCodeLensProvider(
      REQUEST_LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      lenses,
    ),
    ...registerCommands(running, documents, layouts),
    // The server learns trust and the endpoint only when it starts: restart it when they change.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('Workspace trusted: restarting the language server so it may send requests.');
      void running.restart();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`${SETTINGS_SECTION}.endpoint`)) return;
      log.info('eniRequests.endpoint changed: restarting the language server.');
      void running.restart();
    }),
  );
  const times: ActivationTimes = { loadMs, activateMs: performance.now() - activateStart };
  log.info(`Activated: loading ${loadMs.toFixed(1)} ms, activate() ${times.activateMs.toFixed(1)} ms.`);
  const activated = performance.now();
  running.ready().then(
    () => {
      times.serverReadyMs = performance.now() - activated;
      log.info(`Language server ready ${times.serverReadyMs.toFixed(0)} ms after activation.`);
    },
    () => {},
  );
  return { ready: () => running.ready(), activationTimes: () => ({ ...times }) };
}

export async function deactivate(): Promise<void> {
  const stopping = server;
  server = undefined;
  await stopping?.dispose();
}
