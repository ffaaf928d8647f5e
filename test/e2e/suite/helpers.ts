/**
 * Shared by the end-to-end tests, which run inside the real extension host: opening fixtures,
 * waiting for the language server's diagnostics (source `eni-requests`: VS Code's own JSON support
 * reports its own problems), and the runner's control server for the EC2 test double.
 */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';

export const SOURCE = 'eni-requests';
export const EXTENSION_ID = 'eni-requests.eni-requests';

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e workbench has no workspace folder');
  return folder.uri;
}

export function fixture(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixture(name));
  return vscode.window.showTextDocument(document);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/** Waits until the server has published diagnostics for the document that satisfy `accept`. */
export function diagnosticsFor(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs?: number,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    what,
    () => {
      const diagnostics = ours(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    timeoutMs,
  );
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in the extension host`);
  const api = await extension.activate();
  await api.ready();
  const times = api.activationTimes();
  // The README's activation figure comes from this line.
  console.log(
    `[e2e] activation: loading dist/extension.js ${times.loadMs.toFixed(1)} ms, activate() ${times.activateMs.toFixed(1)} ms, language server ready ${times.serverReadyMs?.toFixed(0)} ms later`,
  );
}

// ------------------------------------------------------------------------------------------
// The runner's control server (test/e2e/double-host.ts)

export interface Recorded {
  service: 'ec2' | 'sts';
  action: string;
  params: Record<string, string>;
}

function controlUrl(path: string): string {
  const base = process.env.E2E_CONTROL_URL;
  if (!base) throw new Error('E2E_CONTROL_URL is not set: the runner did not pass the control server to code-server');
  return base + path;
}

export async function recordedRequests(): Promise<Recorded[]> {
  const response = await fetch(controlUrl('/requests'));
  return (await response.json()) as Recorded[];
}

export async function resetDouble(): Promise<void> {
  await fetch(controlUrl('/reset'), { method: 'POST' });
}

/** How the double answers `action` until the next reset: one of its preset answers (ec2-double.ts `answers`). */
export async function answerWith(
  action: string,
  preset: 'unauthorized' | 'subnetNotFound' | 'invalidParameterValue' | 'authFailure' | 'throttled',
  ...args: string[]
): Promise<void> {
  await fetch(controlUrl(`/answer?action=${encodeURIComponent(action)}`), { method: 'POST', body: JSON.stringify({ preset, args }) });
}

/** The active editor's document once it satisfies `accept`. */
export function activeDocument(what: string, accept: (document: vscode.TextDocument) => boolean): Promise<vscode.TextDocument> {
  return waitFor(what, () => {
    const document = vscode.window.activeTextEditor?.document;
    return document && accept(document) ? document : undefined;
  });
}

/** Asks the runner to take its screenshot now; resolves when it is written (or skipped). */
export async function screenshot(): Promise<string | null> {
  const response = await fetch(controlUrl('/screenshot'), { method: 'POST' });
  return ((await response.json()) as { path: string | null }).path;
}

/** Replaces `vscode.window[name]` until the returned restore() is called. */
export function stub<K extends keyof typeof vscode.window>(name: K, replacement: (typeof vscode.window)[K]): () => void {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  window[name] = replacement;
  if (window[name] !== replacement) throw new Error(`vscode.window.${String(name)} cannot be stubbed in this extension host`);
  return () => {
    window[name] = original;
  };
}
