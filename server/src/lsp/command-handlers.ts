/**
 * workspace/executeCommand: the server commands of contract/protocol.ts (dry run, preflight, preview,
 * who am I, a confirmed real run, decoding an authorization message, operations, new requests, the
 * network layout),
 * with work-done progress, cancellation, and the result shown to clients that do not show results
 * themselves.
 */
import * as path from 'node:path';
import {
  MessageType,
  ShowMessageNotification,
  ShowMessageRequest,
  WorkDoneProgressReporter,
  type CancellationToken,
  type Connection,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExecutionResult, OutcomeKind } from '../../../contract/outcome';
import { ServerCommand, type LayoutFormat, type LayoutKind, type LayoutResult, type LayoutTextResult, type ServerCommandId } from '../../../contract/protocol';
import { filePathOf } from '../service/document/uri';
import { layoutMarkdown, noLayoutMarkdown } from '../service/layout-markdown';
import { layoutText } from '../service/layout-render';
import { resultText } from '../service/running/result-text';
import { notSent, type RunControl } from '../service/running/runner';
import { logError, type ServerContext } from './context';

interface CommandCall {
  readonly args: unknown[];
  readonly token: CancellationToken;
  readonly workDone: WorkDoneProgressReporter;
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

export function registerCommands(context: ServerContext): void {
  const { connection, documents, features } = context;
  const { runner } = features;
  const settings = () => features.runnerSettings();
  const requestLog = (line: string) => connection.console.info(line);

  const commands: Record<ServerCommandId, (call: CommandCall) => unknown> = {
    [ServerCommand.explain]: ({ args: [message] }) => {
      if (typeof message !== 'string') return ignored(connection, ServerCommand.explain, [message]);
      // A notification, not window/showMessageRequest: nothing to answer, so the command returns at once.
      notify(connection, MessageType.Info, message);
      return null;
    },
    [ServerCommand.dryRun]: (call) => onDocument(call, 'Dry run', (document, control) => runner.dryRun(document, settings(), control)),
    [ServerCommand.preflight]: (call) => onDocument(call, 'Preflight', (document, control) => runner.preflight(document, settings(), control)),
    [ServerCommand.preview]: (call) => onDocument(call, 'Preview', (document, control) => runner.preview(document, settings(), control)),
    [ServerCommand.whoAmI]: (call) => onDocument(call, 'Checking who would run it', (document, control) => runner.confirmation(document, settings(), control)),
    [ServerCommand.run]: (call) => {
      const [, options] = call.args;
      let confirmed = (options as { confirmed?: unknown } | undefined)?.confirmed === true;
      return onDocument(call, 'Run', async (document, control) => {
        if (!confirmed) {
          // Who and where first: the question names the operation, region, profile and account.
          const who = await runner.confirmation(document, settings(), control);
          if (typeof who.prompt !== 'string') return who;
          const choice = await connection.window.showWarningMessage(who.prompt, { title: 'Run' }, { title: 'Cancel' });
          confirmed = choice?.title === 'Run';
        }
        return runner.run(document, settings(), { ...control, confirmed });
      });
    },
    [ServerCommand.decodeAuthorizationMessage]: ({ args: [encoded], token, workDone }) => {
      if (typeof encoded !== 'string') return ignored(connection, ServerCommand.decodeAuthorizationMessage, [encoded]);
      return inProgress('Decoding the authorization message', token, workDone, (control) =>
        runner.decodeAuthorizationMessage(encoded, settings(), control),
      ).then(show);
    },
    [ServerCommand.operations]: () => runner.operations(),
    [ServerCommand.newRequest]: ({ args }) => {
      const [operation, syntax] = args;
      const template = typeof operation === 'string' && (syntax === 'json' || syntax === 'yaml') ? runner.newRequest(operation, syntax) : undefined;
      return template ?? ignored(connection, ServerCommand.newRequest, args);
    },
    [ServerCommand.layout]: async ({ args }): Promise<LayoutResult | LayoutTextResult | null> => {
      const [uri, options] = args;
      const format = layoutFormat(options);
      if (typeof uri !== 'string' || !format) return ignored(connection, ServerCommand.layout, args);
      const none = (kind: Exclude<LayoutKind, 'layout'>, message: string): LayoutResult | LayoutTextResult =>
        format === 'text' ? { kind, text: `${message}\n`, message } : { kind, markdown: noLayoutMarkdown(message), message };
      const document = documents.get(uri);
      if (!document) return none('not-open', `${uri} is not open in the language server.`);
      await context.settingsLoaded;
      const answer = features.layout(document);
      const name = path.basename(filePathOf(uri));
      if (answer.kind !== 'layout') return none(answer.kind, `${name}: ${answer.message}.`);
      return format === 'text'
        ? { kind: 'layout', text: layoutText(answer.layout) }
        : { kind: 'layout', markdown: layoutMarkdown(answer.layout, { source: name }) };
    },
  };

  connection.onExecuteCommand(async (params, token, workDone) => {
    const args = params.arguments ?? [];
    if (!Object.hasOwn(commands, params.command)) return ignored(connection, params.command, args);
    try {
      return await commands[params.command as ServerCommandId]({ args, token, workDone });
    } catch (error) {
      logError(connection, `Command ${params.command}`, error);
      return null;
    }
  });

  /** A command on an open document `[uri, …]`: run with progress, then its `ec2` (or `preflight`) diagnostics republished and its result shown. */
  async function onDocument(
    { args: [uri], token, workDone }: CommandCall,
    title: string,
    execute: (document: TextDocument, control: RunControl) => Promise<ExecutionResult>,
  ): Promise<ExecutionResult> {
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document) return show(notSent('error', '', `${title}: no such document`, `${String(uri)} is not open in the language server.`));
    await context.settingsLoaded;
    const result = await inProgress(`${title}: ${path.basename(filePathOf(document.uri))}`, token, workDone, (control) => execute(document, control));
    context.validate(document.uri);
    return show(result);
  }

  /**
   * Work-done progress on the request's token; without one, on a progress the server creates (when
   * the client supports it) unless the client shows its own. Cancellable: `$/cancelRequest` or
   * cancelling the progress aborts the request in flight. The request log (redacted by the
   * execution module) goes to the client's log.
   */
  async function inProgress<T>(
    title: string,
    token: CancellationToken,
    workDone: WorkDoneProgressReporter,
    work: (control: RunControl) => Promise<T>,
  ): Promise<T> {
    const createOne = WorkDoneProgressReporter.isNullInstance(workDone) && !context.client.clientShowsResults;
    // A client that refuses to create one gets none: the request still runs.
    const created = createOne
      ? await connection.window.createWorkDoneProgress().catch((error) => logError(connection, 'Creating a progress', error))
      : undefined;
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

  /** For clients that do not show results themselves: a message, with "Decode" when EC2 sent an encoded reason. Never awaited. */
  function show<R extends ExecutionResult>(result: R): R {
    if (context.client.clientShowsResults) return result;
    const type = MESSAGE_TYPES[result.kind] ?? MessageType.Error;
    const text = resultText(result).trimEnd();
    const encoded = result.kind === 'denied' ? result.encodedAuthorizationMessage : undefined;
    if (!encoded) {
      notify(connection, type, text);
      return result;
    }
    connection
      .sendRequest(ShowMessageRequest.type, { type, message: text, actions: [{ title: 'Decode' }] })
      .then(async (choice) => {
        if (choice?.title === 'Decode') show(await runner.decodeAuthorizationMessage(encoded, settings(), { log: requestLog }));
      })
      .catch((error) => logError(connection, 'Showing a result', error));
    return result;
  }
}

/** The format of eni-requests.layout's options (markdown when absent); undefined for anything else. */
function layoutFormat(options: unknown): LayoutFormat | undefined {
  if (options === undefined || options === null) return 'markdown';
  if (typeof options !== 'object') return undefined;
  const format = (options as { format?: unknown }).format;
  return format === undefined ? 'markdown' : format === 'markdown' || format === 'text' ? format : undefined;
}

function ignored(connection: Connection, command: string, args: unknown[]): null {
  connection.console.warn(`Ignored command ${command} with arguments ${JSON.stringify(args)}.`);
  return null;
}

function notify(connection: Connection, type: MessageType, message: string): void {
  connection.sendNotification(ShowMessageNotification.type, { type, message }).catch((error) => logError(connection, 'Showing a message', error));
}
