/**
 * Read-only virtual documents: the preview of a request (the exact HTTP request the SDK would send,
 * and the equivalent `aws ec2 …` command line) and a decoded authorization message. A
 * TextDocumentContentProvider's documents cannot be edited or saved.
 */
import * as vscode from 'vscode';
import type { PreviewResult } from '../../contract/outcome';

export const PREVIEW_SCHEME = 'eni-requests-preview';

export class VirtualDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens (or refreshes) a read-only document named `name` with this text, beside the active editor. */
  async open(name: string, text: string, language?: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${name}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    let document = await vscode.workspace.openTextDocument(uri);
    if (language && document.languageId !== language)
      document = await vscode.languages.setTextDocumentLanguage(document, language).then(
        (d) => d,
        () => document,
      );
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
    return document;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** The preview as text: notes as comments, the HTTP request as it goes on the wire, then the CLI line. */
export function previewText(result: PreviewResult, sourceName: string): string {
  const lines = [`# ${result.title}: ${sourceName}`];
  if (result.message) lines.push(...wrap(result.message).map((line) => `# ${line}`));
  const preview = result.preview;
  if (preview) {
    const url = new URL(preview.url);
    lines.push('', `${preview.method} ${url.pathname}${url.search} HTTP/1.1`);
    const headers = Object.entries(preview.headers);
    if (!headers.some(([name]) => name.toLowerCase() === 'host')) lines.push(`host: ${url.host}`);
    for (const [name, value] of headers) lines.push(`${name}: ${value}`);
    lines.push('', preview.body, '', '# The same request with the AWS CLI:', preview.cliCommand);
  }
  return lines.join('\n') + '\n';
}

function wrap(text: string, width = 98): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
