/**
 * The language server: LSP plumbing over the composed editor features (service/editor-features.ts).
 * Everything a request means (detection, validation, completion, hover, fixes, running it) lives
 * in the service; this module creates the server and hands the connection to the handler modules:
 * settings-handler.ts (initialization and settings), documents-handler.ts (diagnostics),
 * language-handlers.ts (completion, hover, code actions), command-handlers.ts (running requests).
 */
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { redact } from '../execution/redact';
import { EditorFeatures } from '../service/editor-features';
import { registerCommands } from './command-handlers';
import { supportedItemDefaults } from './completion-defaults';
import type { ServerContext } from './context';
import { registerDocuments } from './documents-handler';
import { registerLanguageFeatures } from './language-handlers';
import { registerSettings, type ClientCapabilities } from './settings-handler';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const features = new EditorFeatures({
    log: (message) => connection.console.error(redact(message)),
    // Opt-in look-ups with the user's credentials: one note when they stop, one log line per look-up.
    live: { note: (message) => connection.console.info(message), trace: (message) => connection.console.log(message) },
  });
  const context: ServerContext = {
    connection,
    documents,
    features,
    client: { executionAllowed: true, clientShowsResults: false },
    settingsLoaded: Promise.resolve(),
    validate: () => {},
    schedule: () => {},
  };
  const capabilities: ClientCapabilities = { completionItemDefaults: supportedItemDefaults(undefined) };
  registerSettings(context, capabilities);
  registerDocuments(context);
  registerLanguageFeatures(context, capabilities);
  registerCommands(context);
  documents.listen(connection);
  connection.listen();
}
