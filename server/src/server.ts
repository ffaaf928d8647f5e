/**
 * The language server: LSP plumbing over the protocol-free RequestLanguageService and
 * RequestRunner. Everything a request means (detection, validation, completion, hover, fixes,
 * running it) lives in the service; this file only moves documents, settings and results between
 * the client and it.
 * Transport from the command line: --stdio, --node-ipc or --socket=<port>.
 */
import { CONSUMERS, type Consumer } from './model/aws-cli';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  ShowMessageRequest,
  TextDocumentSyncKind,
  TextDocuments,
  WorkDoneProgressReporter,
  createConnection,
  type CancellationToken,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { supportedItemDefaults, withItemDefaults } from './completion-defaults';
import type { ExecutionResult, OutcomeKind } from '../../shared/outcome';
import { redact } from './execution/redact';
import { SETTINGS_SECTION, ServerCommand, type InitializationOptions, type ServerCommandId } from '../../shared/protocol';
import { DEFAULT_SETTINGS, RequestLanguageService, type ServiceSettings } from './service/language-service';
import { filePathOf } from './service/document/uri';
import { LiveChecks, liveChecksSetting } from './service/live/live-checks';
import { resultText } from './service/running/result-text';
import { notSent, RequestRunner, runnerSettingsFrom, type RunControl, type RunnerSettings } from './service/running/runner';

// Typing sends a burst of changes. A document that validates in a few milliseconds is validated
// at once (the user sees the result as they type); a slow one waits for the burst to end, about as
// long as its last validation took, so completion and hover stay ahead of superseded validations.
const QUICK_VALIDATION_MS = 8;
/** Enough for the completion and hover requests that come with a keystroke to be answered first. */
const SLOW_VALIDATION_DELAY_MS = 10;
const lastValidationMs = new Map<string, number>();

function validationDelay(uri: string): number {
  const last = lastValidationMs.get(uri) ?? 0;
  return last < QUICK_VALIDATION_MS ? 0 : SLOW_VALIDATION_DELAY_MS;
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = new RequestLanguageService({ log: (message) => connection.console.error(message) });
const runner = new RequestRunner(service);
// Opt-in look-ups with the user's credentials: one note when they stop, one log line per look-up.
const live = new LiveChecks(service, { note: (message) => connection.console.info(message), trace: (message) => connection.console.log(message) });

let hasConfigurationCapability = false;
let hasDynamicConfigurationRegistration = false;
let completionItemDefaults = supportedItemDefaults(undefined);
/** From the initialization options; the endpoint never comes from workspace/configuration (a workspace may set that). */
let initialization: Required<Pick<InitializationOptions, 'executionAllowed' | 'clientShowsResults'>> & Pick<InitializationOptions, 'endpoint'> = {
  executionAllowed: true,
  clientShowsResults: false,
};
let runSettings: ReturnType<typeof runnerSettingsFrom> = {};
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
  connection.console.error(redact(`${what} failed: ${detail}`));
}

connection.onInitialize((params): InitializeResult => {
  const workspace = params.capabilities.workspace;
  hasConfigurationCapability = workspace?.configuration === true;
  hasDynamicConfigurationRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  completionItemDefaults = supportedItemDefaults(params.capabilities.textDocument?.completion?.completionList?.itemDefaults);
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  initialization = {
    executionAllowed: options.executionAllowed !== false,
    clientShowsResults: options.clientShowsResults === true,
    endpoint: typeof options.endpoint === 'string' && options.endpoint.trim() ? options.endpoint.trim() : undefined,
  };
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['"', ':', ' ', '-'] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
      executeCommandProvider: { commands: Object.values(ServerCommand) },
    },
    serverInfo: { name: 'eni-requests' },
  };
});

connection.onInitialized(() => {
  if (hasDynamicConfigurationRegistration) {
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
      .catch((error) => logError('Registering for configuration changes', error));
  }
  settingsLoaded = loadSettings();
});

connection.onDidChangeConfiguration((change) => {
  // Clients without workspace/configuration push the settings in the notification instead.
  if (hasConfigurationCapability) settingsLoaded = loadSettings();
  else configure((change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION]);
  for (const document of documents.all()) scheduleValidation(document.uri, 0);
});

async function loadSettings(): Promise<void> {
  if (!hasConfigurationCapability) return;
  try {
    configure(await connection.workspace.getConfiguration(SETTINGS_SECTION));
  } catch (error) {
    logError('Reading the eniRequests settings', error);
  }
}

function configure(section: unknown): void {
  service.configure(toServiceSettings(section));
  runSettings = runnerSettingsFrom(section);
  live.configure({ ...runnerSettings(), enabled: liveChecksSetting(section) });
}

/** The user's run settings with what only the client's start-up may say (trust, the endpoint). */
function runnerSettings(): RunnerSettings {
  return { ...runSettings, endpoint: initialization.endpoint, executionAllowed: initialization.executionAllowed };
}

/** The client's `eniRequests` section → service settings; anything malformed falls back to the default. */
function toServiceSettings(raw: unknown): ServiceSettings {
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as { fileAssociations?: unknown; maxFileSize?: unknown; consumers?: unknown };
  const fileAssociations: Record<string, string> = {};
  if (typeof section.fileAssociations === 'object' && section.fileAssociations !== null) {
    for (const [glob, operation] of Object.entries(section.fileAssociations)) {
      if (typeof operation === 'string') fileAssociations[glob] = operation;
    }
  }
  const consumers: Record<string, Consumer> = {};
  if (typeof section.consumers === 'object' && section.consumers !== null) {
    for (const [glob, consumer] of Object.entries(section.consumers)) {
      if (CONSUMERS.includes(consumer as Consumer)) consumers[glob] = consumer as Consumer;
    }
  }
  const maxDocumentSize = typeof section.maxFileSize === 'number' && section.maxFileSize > 0 ? section.maxFileSize : DEFAULT_SETTINGS.maxDocumentSize;
  return { fileAssociations, maxDocumentSize, consumers, defaultConsumer: DEFAULT_SETTINGS.defaultConsumer };
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
  // EC2's answer to the last run (until the next edit or run) joins the static diagnostics, and so
  // does what the live checks already know (from their cache: nothing is sent here).
  const started = performance.now();
  const diagnostics = safely(`Validating ${uri}`, [], () => [...service.validate(document), ...runner.fieldDiagnostics(document)]);
  lastValidationMs.set(uri, performance.now() - started);
  diagnostics.push(...safely(`Live checks of ${uri}`, [], () => live.diagnostics(document)));
  connection.sendDiagnostics({ uri, version: document.version, diagnostics }).catch((error) => logError('Publishing diagnostics', error));
  // After publishing: what the cache lacks is looked up when the document is still, then published again.
  safely(`Scheduling live checks of ${uri}`, undefined, () => live.schedule(document, () => validate(uri)));
}

// Fires on open too.
documents.onDidChangeContent((event) => scheduleValidation(event.document.uri, validationDelay(event.document.uri)));
documents.onDidClose((event) => {
  const { uri } = event.document;
  clearTimeout(pendingValidations.get(uri));
  pendingValidations.delete(uri);
  lastValidationMs.delete(uri);
  service.forget(uri);
  runner.forget(uri);
  live.forget(uri);
  connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error) => logError('Clearing diagnostics', error));
});

connection.onCompletion((params) =>
  safely('Completion', null, () => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const list = service.complete(document, params.position);
    // Real IDs from the live checks' cache; when it has none yet, a listing starts and the list is incomplete.
    const extended = safely('Live completion', list, () => live.extendCompletion(document, params.position, list));
    return withItemDefaults(extended, completionItemDefaults);
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
    if (!document) return [];
    return [...service.codeActions(document, params.range, params.context.diagnostics), ...runner.codeActions(document, runnerSettings(), params.context.only)];
  }),
);

interface CommandCall {
  readonly args: unknown[];
  readonly token: CancellationToken;
  readonly workDone: WorkDoneProgressReporter;
}

const COMMANDS: Record<ServerCommandId, (call: CommandCall) => unknown> = {
  [ServerCommand.explain]: ({ args: [message] }) => {
    if (typeof message !== 'string') return ignored(ServerCommand.explain, [message]);
    // A notification, not window/showMessageRequest: nothing to answer, so the command returns at once.
    notify(MessageType.Info, message);
    return null;
  },
  [ServerCommand.dryRun]: (call) => onDocument(call, 'Dry run', (document, control) => runner.dryRun(document, runnerSettings(), control)),
  [ServerCommand.preflight]: (call) => onDocument(call, 'Preflight', (document, control) => runner.preflight(document, runnerSettings(), control)),
  [ServerCommand.preview]: (call) => onDocument(call, 'Preview', (document, control) => runner.preview(document, runnerSettings(), control)),
  [ServerCommand.whoAmI]: (call) =>
    onDocument(call, 'Checking who would run it', (document, control) => runner.confirmation(document, runnerSettings(), control)),
  [ServerCommand.run]: (call) => {
    const [, options] = call.args;
    let confirmed = (options as { confirmed?: unknown } | undefined)?.confirmed === true;
    return onDocument(call, 'Run', async (document, control) => {
      if (!confirmed) {
        // Who and where first: the question names the operation, region, profile and account.
        const who = await runner.confirmation(document, runnerSettings(), control);
        if (typeof who.prompt !== 'string') return who;
        const choice = await connection.window.showWarningMessage(who.prompt, { title: 'Run' }, { title: 'Cancel' });
        confirmed = choice?.title === 'Run';
      }
      return runner.run(document, runnerSettings(), { ...control, confirmed });
    });
  },
  [ServerCommand.decodeAuthorizationMessage]: ({ args: [encoded], token, workDone }) => {
    if (typeof encoded !== 'string') return ignored(ServerCommand.decodeAuthorizationMessage, [encoded]);
    return inProgress('Decoding the authorization message', token, workDone, (control) =>
      runner.decodeAuthorizationMessage(encoded, runnerSettings(), control),
    ).then(show);
  },
  [ServerCommand.operations]: () => runner.operations(),
  [ServerCommand.newRequest]: ({ args }) => {
    const [operation, syntax] = args;
    const template = typeof operation === 'string' && (syntax === 'json' || syntax === 'yaml') ? runner.newRequest(operation, syntax) : undefined;
    return template ?? ignored(ServerCommand.newRequest, args);
  },
};

connection.onExecuteCommand(async (params, token, workDone) => {
  const args = params.arguments ?? [];
  if (!Object.hasOwn(COMMANDS, params.command)) return ignored(params.command, args);
  try {
    return await COMMANDS[params.command as ServerCommandId]({ args, token, workDone });
  } catch (error) {
    logError(`Command ${params.command}`, error);
    return null;
  }
});

function ignored(command: string, args: unknown[]): null {
  connection.console.warn(`Ignored command ${command} with arguments ${JSON.stringify(args)}.`);
  return null;
}

/** A command on an open document `[uri, …]`: run with progress, then its `ec2` diagnostics republished and its result shown. */
async function onDocument(
  { args: [uri], token, workDone }: CommandCall,
  title: string,
  execute: (document: TextDocument, control: RunControl) => Promise<ExecutionResult>,
): Promise<ExecutionResult> {
  const document = typeof uri === 'string' ? documents.get(uri) : undefined;
  if (!document) return show(notSent('error', '', `${title}: no such document`, `${String(uri)} is not open in the language server.`));
  await settingsLoaded;
  const result = await inProgress(`${title}: ${path.basename(filePathOf(document.uri))}`, token, workDone, (control) => execute(document, control));
  validate(document.uri);
  return show(result);
}

/**
 * Work-done progress on the request's token; without one, on a progress the server creates (when
 * the client supports it) unless the client shows its own. Cancellable: `$/cancelRequest` or
 * cancelling the progress aborts the request in flight. The request log (redacted by the execution
 * module) goes to the client's log.
 */
async function inProgress<T>(
  title: string,
  token: CancellationToken,
  workDone: WorkDoneProgressReporter,
  work: (control: RunControl) => Promise<T>,
): Promise<T> {
  const createOne = WorkDoneProgressReporter.isNullInstance(workDone) && !initialization.clientShowsResults;
  // A client that refuses to create one gets none: the request still runs.
  const created = createOne ? await connection.window.createWorkDoneProgress().catch((error) => logError('Creating a progress', error)) : undefined;
  const progress = created ?? workDone;
  const controller = new AbortController();
  const abort = () => controller.abort();
  const subscriptions = [token.onCancellationRequested(abort), created?.token.onCancellationRequested(abort)];
  progress.begin(title, undefined, undefined, true);
  try {
    return await work({ signal: controller.signal, log: requestLog });
  } finally {
    progress.done();
    for (const subscription of subscriptions) subscription?.dispose();
  }
}

function requestLog(line: string): void {
  connection.console.info(line);
}

const MESSAGE_TYPES: Partial<Record<OutcomeKind, MessageType>> = {
  'would-succeed': MessageType.Info,
  succeeded: MessageType.Info,
  'no-dry-run': MessageType.Info,
  cancelled: MessageType.Info,
  denied: MessageType.Warning,
  throttled: MessageType.Warning,
  timeout: MessageType.Warning,
  'not-confirmed': MessageType.Warning,
};

/** For clients that do not show results themselves: a message, with "Decode" when EC2 sent an encoded reason. Never awaited. */
function show<R extends ExecutionResult>(result: R): R {
  if (initialization.clientShowsResults) return result;
  const type = MESSAGE_TYPES[result.kind] ?? MessageType.Error;
  const text = resultText(result).trimEnd();
  const encoded = result.kind === 'denied' ? result.encodedAuthorizationMessage : undefined;
  if (!encoded) {
    notify(type, text);
    return result;
  }
  connection
    .sendRequest(ShowMessageRequest.type, { type, message: text, actions: [{ title: 'Decode' }] })
    .then(async (choice) => {
      if (choice?.title === 'Decode') show(await runner.decodeAuthorizationMessage(encoded, runnerSettings(), { log: requestLog }));
    })
    .catch((error) => logError('Showing a result', error));
  return result;
}

function notify(type: MessageType, message: string): void {
  connection.sendNotification(ShowMessageNotification.type, { type, message }).catch((error) => logError('Showing a message', error));
}

documents.listen(connection);
connection.listen();
