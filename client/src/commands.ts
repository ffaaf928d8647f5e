/**
 * The palette commands (`eniRequests.*`). They wrap the server's `eni-requests.*` commands (which
 * the language client registers as they are) in what an editor user expects: the active file as the
 * target, a cancellable progress notification, a modal confirmation before a real run, the result
 * as a notification, and pickers. Every command returns what it got, for scripts and tests.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DecodeResult, ExecutionResult, PreflightResult, PreviewResult } from '../../contract/outcome';
import { ServerCommand, type ConfirmationInfo, type LayoutOptions, type LayoutResult, type ServerCommandId } from '../../contract/protocol';
import { REGIONS, readProfiles } from './aws-config';
import type { RequestLanguageClient } from './language-client';
import type { LayoutPreviews } from './layout-preview';
import { newRequest } from './new-request';
import { previewText, type VirtualDocuments } from './preview-document';
import { REQUEST_LANGUAGES } from './request-file';
import { cancelledResult, noAnswer, preflightSummary, showResult } from './results';
import { profileSetting, refuseIfUntrusted, regionSetting, writeSetting } from './settings';

export const Commands = {
  dryRun: 'eniRequests.dryRun',
  run: 'eniRequests.run',
  preview: 'eniRequests.preview',
  showLayout: 'eniRequests.showLayout',
  preflight: 'eniRequests.preflight',
  newRequest: 'eniRequests.newRequest',
  selectProfile: 'eniRequests.selectProfile',
  selectRegion: 'eniRequests.selectRegion',
  showLog: 'eniRequests.showLog',
  restartServer: 'eniRequests.restartServer',
} as const;

const REQUEST_CANCELLED = -32800; // LSP RequestCancelled

export function registerCommands(server: RequestLanguageClient, documents: VirtualDocuments, layouts: LayoutPreviews): vscode.Disposable[] {
  const showLog = () => server.log.show(true);

  /** The document a command acts on: its argument (a lens passes the uri), else the active editor. */
  async function target(arg: unknown): Promise<vscode.TextDocument | undefined> {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
    const document = uri && (vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri)));
    if (!document || !(REQUEST_LANGUAGES as readonly string[]).includes(document.languageId)) {
      void vscode.window.showErrorMessage('ENI Requests: open a request file (JSON or YAML) first.');
      return undefined;
    }
    return document;
  }

  /** One server command behind a cancellable progress notification; errors become results. */
  async function execute<T extends ExecutionResult>(what: string, document: vscode.TextDocument, command: ServerCommandId, args: unknown[]): Promise<T> {
    const name = path.basename(document.uri.path);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${what}: ${name}`, cancellable: true },
      async (_progress, token) => {
        try {
          const result = await server.execute<T>(command, args, token);
          if (result) return result;
          return (token.isCancellationRequested ? cancelledResult(name, what) : noAnswer(name, what)) as T;
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if (token.isCancellationRequested || code === REQUEST_CANCELLED) return cancelledResult(name, what) as T;
          const message = error instanceof Error ? error.message : String(error);
          server.log.error(`${what} of ${name}: ${message}`);
          return { ...noAnswer(name, what), title: `${what} failed`, message } as T;
        }
      },
    );
  }

  const resultActions = (document: vscode.TextDocument) => ({
    decode: (encoded: string) => decode(encoded, document),
    preflight: () => preflight(document.uri),
    showLog,
  });

  async function dryRun(arg?: unknown): Promise<ExecutionResult | undefined> {
    const document = await target(arg);
    if (!document || refuseIfUntrusted()) return undefined;
    const result = await execute<ExecutionResult>('Dry run', document, ServerCommand.dryRun, [document.uri.toString()]);
    void showResult(result, resultActions(document));
    return result;
  }

  async function run(arg?: unknown): Promise<ExecutionResult | undefined> {
    const document = await target(arg);
    if (!document || refuseIfUntrusted()) return undefined;
    // Who and where first: the confirmation names the operation, account, region and profile.
    const who = await execute<ExecutionResult & Partial<ConfirmationInfo>>('Checking who would run it', document, ServerCommand.whoAmI, [
      document.uri.toString(),
    ]);
    if (typeof who.prompt !== 'string') {
      void showResult(who, resultActions(document));
      return who;
    }
    const choice = await vscode.window.showWarningMessage(
      who.prompt,
      { modal: true, detail: 'This is a real run: it changes your AWS account. A dry run (DryRun=true) only checks.' },
      'Run',
    );
    if (choice !== 'Run') return undefined;
    const result = await execute<ExecutionResult>('Run', document, ServerCommand.run, [document.uri.toString(), { confirmed: true }]);
    void showResult(result, resultActions(document));
    return result;
  }

  async function preflight(arg?: unknown): Promise<PreflightResult | undefined> {
    const document = await target(arg);
    if (!document || refuseIfUntrusted()) return undefined;
    const result = await execute<PreflightResult>('Preflight', document, ServerCommand.preflight, [document.uri.toString()]);
    const summary = preflightSummary(result);
    void showResult(summary ? { ...result, message: `${result.message} ${summary}`.trim() } : result, resultActions(document));
    return result;
  }

  async function preview(arg?: unknown): Promise<PreviewResult | undefined> {
    const document = await target(arg);
    if (!document) return undefined;
    // Nothing is sent: allowed in an untrusted workspace too (the server decides what it resolves).
    const result = await execute<PreviewResult>('Preview', document, ServerCommand.preview, [document.uri.toString()]);
    if (!result.preview) {
      void showResult(result, resultActions(document));
      return result;
    }
    const name = path.basename(document.uri.path);
    await documents.open(`${name}.preview.http`, previewText(result, name));
    return result;
  }

  /**
   * The layout beside the request, in the Markdown preview; a message instead when the file is not
   * a request or has no interface entries. Nothing is sent to AWS: allowed in an untrusted workspace.
   */
  async function showLayout(arg?: unknown): Promise<LayoutResult | undefined> {
    const document = await target(arg);
    if (!document) return undefined;
    const name = path.basename(document.uri.path);
    let result: LayoutResult | null;
    try {
      result = await server.execute<LayoutResult>(ServerCommand.layout, [document.uri.toString(), { format: 'markdown' } satisfies LayoutOptions]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      server.log.error(`Network layout of ${name}: ${message}`);
      void vscode.window.showErrorMessage(`ENI Requests: no network layout of ${name}: ${message}`);
      return undefined;
    }
    if (!result) {
      void vscode.window.showErrorMessage(`ENI Requests: the language server gave no network layout of ${name}.`);
      return undefined;
    }
    if (result.kind !== 'layout') {
      void vscode.window.showInformationMessage(`ENI Requests: ${result.message ?? `no network layout of ${name}.`}`);
      return result;
    }
    await layouts.show(document.uri);
    return result;
  }

  async function decode(encoded: string, document: vscode.TextDocument): Promise<DecodeResult | undefined> {
    if (refuseIfUntrusted()) return undefined;
    const result = await execute<DecodeResult>('Decoding the authorization message', document, ServerCommand.decodeAuthorizationMessage, [
      encoded,
      document.uri.toString(),
    ]);
    if (result.decoded) await documents.open(`${path.basename(document.uri.path)}.authorization.json`, result.decoded + '\n', 'json');
    else void showResult(result, resultActions(document));
    return result;
  }

  async function selectProfile(): Promise<string | undefined> {
    const current = profileSetting();
    const profiles = await readProfiles();
    const items: (vscode.QuickPickItem & { value: string | undefined })[] = [
      {
        label: '$(circle-slash) No profile setting',
        description: process.env.AWS_PROFILE ? `AWS_PROFILE=${process.env.AWS_PROFILE}` : 'the default profile',
        value: undefined,
      },
      ...profiles.map((p) => ({
        label: p.name,
        description: [p.region, p.ssoStartUrl ? 'SSO' : undefined, p.name === current ? 'current' : undefined].filter(Boolean).join(' · '),
        detail: `from ${p.sources.join(' and ')}`,
        value: p.name,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'AWS profile for dry runs and runs',
      placeHolder: profiles.length ? 'Profiles from ~/.aws/config and ~/.aws/credentials' : 'No profiles found in ~/.aws/config or ~/.aws/credentials',
    });
    if (!picked) return undefined;
    await writeSetting('profile', picked.value);
    return picked.value ?? '';
  }

  async function selectRegion(): Promise<string | undefined> {
    const current = regionSetting();
    const items: (vscode.QuickPickItem & { value: string | undefined })[] = [
      { label: '$(circle-slash) No region setting', description: 'AWS_REGION / AWS_DEFAULT_REGION, else the profile’s region', value: undefined },
      ...REGIONS.map((r) => ({ label: r.id, description: r.id === current ? `${r.name} · current` : r.name, value: r.id })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Region for dry runs and runs', matchOnDescription: true });
    if (!picked) return undefined;
    await writeSetting('region', picked.value);
    return picked.value ?? '';
  }

  return [
    vscode.commands.registerCommand(Commands.dryRun, dryRun),
    vscode.commands.registerCommand(Commands.run, run),
    vscode.commands.registerCommand(Commands.preview, preview),
    vscode.commands.registerCommand(Commands.showLayout, showLayout),
    vscode.commands.registerCommand(Commands.preflight, preflight),
    vscode.commands.registerCommand(Commands.newRequest, () => newRequest(server)),
    vscode.commands.registerCommand(Commands.selectProfile, selectProfile),
    vscode.commands.registerCommand(Commands.selectRegion, selectRegion),
    vscode.commands.registerCommand(Commands.showLog, showLog),
    vscode.commands.registerCommand(Commands.restartServer, () => server.restart()),
  ];
}
