/**
 * Execution results where the user looks: a notification whose kind follows the outcome, with the
 * follow-up the outcome calls for (decode an authorization message, run a preflight, show the log).
 * Field problems EC2 named arrive from the server as diagnostics (source `ec2`): nothing to do here.
 *
 * Notifications are never awaited by the commands: a command returns its result at once, and a
 * button press runs its follow-up later.
 */
import * as vscode from 'vscode';
import type { ExecutionResult, OutcomeKind, PreflightResult } from '../../contract/outcome';

export type Severity = 'info' | 'warning' | 'error';

const SEVERITY: Readonly<Record<OutcomeKind, Severity>> = {
  'would-succeed': 'info',
  succeeded: 'info',
  'no-dry-run': 'info',
  cancelled: 'info',
  denied: 'warning',
  throttled: 'warning',
  timeout: 'warning',
  'not-confirmed': 'warning',
  invalid: 'error',
  error: 'error',
  unreachable: 'error',
  'no-credentials': 'error',
  'no-region': 'error',
  'auth-failure': 'error',
};

export const DECODE_MESSAGE = 'Decode message';
export const RUN_PREFLIGHT = 'Run preflight';
export const SHOW_LOG = 'Show log';

/** The notification a result gets: its severity, its text and its buttons. */
export function notificationFor(result: ExecutionResult): { severity: Severity; text: string; actions: string[] } {
  const severity = SEVERITY[result.kind] ?? 'error';
  const title = typeof result.title === 'string' ? result.title : `Unexpected answer from the language server (${String(result.kind)})`;
  const detail = result.message && !title.includes(result.message) ? ` ${result.message}` : '';
  const fields = result.fieldProblems?.length ? ' The fields EC2 named are marked in the editor.' : '';
  const actions: string[] = [];
  if (result.kind === 'denied' && result.encodedAuthorizationMessage) actions.push(DECODE_MESSAGE);
  if (result.kind === 'no-dry-run' && result.preflightAvailable !== false) actions.push(RUN_PREFLIGHT);
  if (result.kind !== 'would-succeed' && result.kind !== 'cancelled') actions.push(SHOW_LOG);
  return { severity, text: `${withStop(title)}${detail}${fields}`, actions };
}

function withStop(title: string): string {
  return /[.!?:]$/.test(title) ? title : `${title}.`;
}

export interface ResultActions {
  decode(encodedMessage: string): Promise<unknown>;
  preflight(): Promise<unknown>;
  showLog(): void;
}

/** Shows the notification; the returned promise settles when it is closed (tests need not wait for it). */
export function showResult(result: ExecutionResult, actions: ResultActions): Thenable<void> {
  const { severity, text, actions: buttons } = notificationFor(result);
  const show =
    severity === 'info' ? vscode.window.showInformationMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  return show(text, ...buttons).then(async (choice) => {
    if (choice === DECODE_MESSAGE && result.encodedAuthorizationMessage) await actions.decode(result.encodedAuthorizationMessage);
    else if (choice === RUN_PREFLIGHT) await actions.preflight();
    else if (choice === SHOW_LOG) actions.showLog();
  });
}

/** A preflight report in a few lines, for the notification's text after the title. */
export function preflightSummary(result: PreflightResult): string {
  const report = result.report;
  if (!report) return '';
  if (!report.exists) return `${report.networkInterfaceId} does not exist.`;
  const parts = [`${report.networkInterfaceId} (${report.status ?? 'unknown status'}, ${report.subnetId ?? 'unknown subnet'})`];
  if (report.alreadyAssigned.length) parts.push(`already assigned: ${report.alreadyAssigned.join(', ')}`);
  if (report.notPresent.length) parts.push(`not on the interface: ${report.notPresent.join(', ')}`);
  if (report.inUseElsewhere.length) parts.push(`in use elsewhere: ${report.inUseElsewhere.map((u) => `${u.address} (${u.networkInterfaceId})`).join(', ')}`);
  return parts.join('; ') + '.';
}

/** The result a command returns when the server answered nothing (it does not know the command yet). */
export function noAnswer(operation: string, what: string): ExecutionResult {
  return {
    kind: 'error',
    title: `The language server did not answer the ${what} command`,
    message: 'It may be older than this extension. See "ENI Requests: Show log".',
    operation,
    fieldProblems: [],
    durationMs: 0,
  };
}

/** The result of a request the user cancelled before the server answered. */
export function cancelledResult(operation: string, what: string): ExecutionResult {
  return { kind: 'cancelled', title: `${what} cancelled`, message: '', operation, fieldProblems: [], durationMs: 0 };
}
