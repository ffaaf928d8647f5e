/**
 * "Show network layout": the server's Markdown layout of a request (eni-requests.layout) in VS
 * Code's Markdown preview, beside the request, following its edits.
 *
 * The preview shows a virtual document, `eni-requests-layout:/<file name>.layout.md?<request uri>`,
 * whose content this provider asks the server for each time VS Code reads it. When the request
 * changes (an edit, or new diagnostics: the grid carries their codes) the provider says its layout
 * document changed, a little later so that a burst of keystrokes costs one layout; VS Code reads it
 * again and the Markdown preview, which follows its document, redraws. Which layouts are open is
 * VS Code's own list of documents: nothing to keep in step here.
 *
 * Also the context key `eniRequests.layoutPaths`: the paths of the visible editors whose file has
 * interface entries (request-file.ts's guess), for the editor title button (package.json,
 * `menus.editor/title`: `resourcePath in eniRequests.layoutPaths`, decided per editor group). Paths,
 * not URIs: in a remote window the workbench knows the file as `vscode-remote://…` where this
 * extension host sees `file://…`. The workbench's `resourcePath` is the file system path of a
 * `file` URI and the URI's path otherwise, so both are listed.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_SECTION, ServerCommand, type LayoutOptions, type LayoutResult } from '../../contract/protocol';
import type { RequestLanguageClient } from './language-client';
import { interfaceEntriesLine } from './request-file';

export const LAYOUT_SCHEME = 'eni-requests-layout';
export const LAYOUT_PATHS_KEY = 'eniRequests.layoutPaths';
/** After the last change of a request, before its layout is asked for again. */
const REFRESH_DELAY_MS = 300;

export class LayoutPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly server: RequestLanguageClient) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(LAYOUT_SCHEME, this),
      vscode.workspace.onDidChangeTextDocument((event) => this.sourceChanged(event.document.uri)),
      vscode.languages.onDidChangeDiagnostics((event) => event.uris.forEach((uri) => this.sourceChanged(uri))),
    ];
  }

  /** The layout document of a request. */
  static uriFor(source: vscode.Uri): vscode.Uri {
    return vscode.Uri.from({ scheme: LAYOUT_SCHEME, path: `/${path.posix.basename(source.path)}.layout.md`, query: source.toString() });
  }

  /** The request a layout document shows. */
  static sourceOf(layout: vscode.Uri): vscode.Uri {
    return vscode.Uri.parse(layout.query, true);
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const source = LayoutPreviews.sourceOf(uri);
    try {
      const result = await this.server.execute<LayoutResult>(ServerCommand.layout, [source.toString(), { format: 'markdown' } satisfies LayoutOptions], token);
      return result?.markdown ?? `The language server gave no layout of ${source.toString()}.\n`;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.server.log.error(`Network layout of ${source.toString()}: ${message}`);
      return `The network layout could not be made: ${message}\n`;
    }
  }

  /** Opens the layout of `source` in the Markdown preview beside it (as text beside it without the Markdown extension). */
  async show(source: vscode.Uri): Promise<vscode.Uri> {
    const uri = LayoutPreviews.uriFor(source);
    this.changed.fire(uri); // an open one shows the current layout
    try {
      // Locked: a dynamic preview would follow the next Markdown file the user opens and lose the layout.
      await vscode.commands.executeCommand('markdown.showLockedPreviewToSide', uri);
    } catch (error) {
      // The built-in Markdown extension is disabled: the Markdown as text is still a picture.
      this.server.log.warn(`Markdown preview unavailable (${error instanceof Error ? error.message : String(error)}); showing the layout as text.`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return uri;
  }

  private sourceChanged(source: vscode.Uri): void {
    if (source.scheme === LAYOUT_SCHEME) return;
    const key = source.toString();
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === LAYOUT_SCHEME && d.uri.query === key);
    if (!open.length) return;
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        for (const document of open) this.changed.fire(document.uri);
      }, REFRESH_DELAY_MS),
    );
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** Keeps `eniRequests.layoutPaths` to the visible editors that have interface entries; set only when it changes. */
export class LayoutPathsContext implements vscode.Disposable {
  private current = '';
  private readonly subscriptions = [
    vscode.window.onDidChangeVisibleTextEditors(() => this.update()),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (vscode.window.visibleTextEditors.some((editor) => editor.document === event.document)) this.update();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.fileAssociations`)) this.update();
    }),
  ];

  constructor() {
    this.update();
  }

  private update(): void {
    const uris = vscode.window.visibleTextEditors.filter((e) => interfaceEntriesLine(e.document) !== undefined).map((e) => e.document.uri);
    const paths = [...new Set(uris.flatMap((uri) => [uri.fsPath, uri.path]))].sort();
    const key = JSON.stringify(paths);
    if (key === this.current) return;
    this.current = key;
    void vscode.commands.executeCommand('setContext', LAYOUT_PATHS_KEY, paths);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
