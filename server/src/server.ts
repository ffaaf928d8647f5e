/**
 * The language server: LSP plumbing over the protocol-free RequestLanguageService. Everything a
 * request means (detection, validation, completion, hover, fixes) lives in the service; this file
 * only moves documents, settings and results between the client and it.
 * Transport from the command line: --stdio, --node-ipc or --socket=<port>.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SETTINGS_SECTION, ServerCommand } from './protocol';
import { DEFAULT_SETTINGS, RequestLanguageService, type ServiceSettings } from './service/language-service';

// Typing sends a burst of changes; validating once after the burst keeps completion and hover,
// which arrive in the same burst, ahead of the (superseded) validations.
const VALIDATION_DELAY_MS = 50;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = new RequestLanguageService({ log: (message) => connection.console.error(message) });

let hasConfigurationCapability = false;
let hasDynamicConfigurationRegistration = false;
// Validations wait for the first settings: a file association must not flash "not a request".
let settingsLoaded: Promise<void> = Promise.resolve();
const pendingValidations = new Map<string, ReturnType<typeof setTimeout>>();

/** Runs a handler; a throw is logged and answered with `fallback` instead of reaching the client. */
function safely<T>(what: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    logError(what, error);
    return fallback;
  }
}

function logError(what: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  connection.console.error(`${what} failed: ${detail}`);
}

connection.onInitialize((params): InitializeResult => {
  const workspace = params.capabilities.workspace;
  hasConfigurationCapability = workspace?.configuration === true;
  hasDynamicConfigurationRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['"', ':', ' ', '-'] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      executeCommandProvider: { commands: [ServerCommand.explain] },
    },
    serverInfo: { name: 'eni-requests' },
  };
});

connection.onInitialized(() => {
  if (hasDynamicConfigurationRegistration) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((error) => logError('Registering for configuration changes', error));
  }
  settingsLoaded = loadSettings();
});

connection.onDidChangeConfiguration((change) => {
  // Clients without workspace/configuration push the settings in the notification instead.
  if (hasConfigurationCapability) settingsLoaded = loadSettings();
  else service.configure(toServiceSettings((change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION]));
  for (const document of documents.all()) scheduleValidation(document.uri, 0);
});

async function loadSettings(): Promise<void> {
  if (!hasConfigurationCapability) return;
  try {
    service.configure(toServiceSettings(await connection.workspace.getConfiguration(SETTINGS_SECTION)));
  } catch (error) {
    logError('Reading the eniRequests settings', error);
  }
}

/** The client's `eniRequests` section → service settings; anything malformed falls back to the default. */
function toServiceSettings(raw: unknown): ServiceSettings {
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as { fileAssociations?: unknown; maxFileSize?: unknown };
  const fileAssociations: Record<string, string> = {};
  if (typeof section.fileAssociations === 'object' && section.fileAssociations !== null) {
    for (const [glob, operation] of Object.entries(section.fileAssociations)) {
      if (typeof operation === 'string') fileAssociations[glob] = operation;
    }
  }
  const maxDocumentSize =
    typeof section.maxFileSize === 'number' && section.maxFileSize > 0 ? section.maxFileSize : DEFAULT_SETTINGS.maxDocumentSize;
  return { fileAssociations, maxDocumentSize };
}

/** Each change resets the document's timer, so only the version current when it fires is validated. */
function scheduleValidation(uri: string, delay: number): void {
  clearTimeout(pendingValidations.get(uri));
  pendingValidations.set(
    uri,
    setTimeout(() => {
      pendingValidations.delete(uri);
      settingsLoaded.then(() => validate(uri)).catch((error) => logError('Validation', error));
    }, delay),
  );
}

function validate(uri: string): void {
  // Read when the validation runs, not when it was scheduled: a version superseded (or a document
  // closed) while waiting for the settings is never published.
  const document = documents.get(uri);
  if (!document) return;
  const diagnostics = safely(`Validating ${uri}`, [], () => service.validate(document));
  connection.sendDiagnostics({ uri, version: document.version, diagnostics }).catch((error) => logError('Publishing diagnostics', error));
}

// Fires on open too.
documents.onDidChangeContent((event) => scheduleValidation(event.document.uri, VALIDATION_DELAY_MS));
documents.onDidClose((event) => {
  const { uri } = event.document;
  clearTimeout(pendingValidations.get(uri));
  pendingValidations.delete(uri);
  service.forget(uri);
  connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error) => logError('Clearing diagnostics', error));
});

connection.onCompletion((params) =>
  safely('Completion', null, () => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.complete(document, params.position) : null;
  }),
);

connection.onHover((params) =>
  safely('Hover', null, () => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.hover(document, params.position) : null;
  }),
);

connection.onCodeAction((params) =>
  safely('Code actions', [], () => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.codeActions(document, params.range, params.context.diagnostics) : [];
  }),
);

connection.onExecuteCommand((params) =>
  safely(`Command ${params.command}`, null, () => {
    const [message] = params.arguments ?? [];
    if (params.command !== ServerCommand.explain || typeof message !== 'string') {
      connection.console.warn(`Ignored command ${params.command} with arguments ${JSON.stringify(params.arguments ?? [])}.`);
      return null;
    }
    // A notification, not window/showMessageRequest: nothing to answer, so the command returns at once.
    connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message }).catch((error) => logError('Showing a message', error));
    return null;
  }),
);

documents.listen(connection);
connection.listen();
