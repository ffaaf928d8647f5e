/**
 * "▶ Dry run | Preview" above a request: on line 0 of documents that look like requests (file
 * name or modeline, see request-file.ts). Computing the lenses asks the server nothing.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../contract/protocol';
import { isRequestDocument } from './request-file';

export class RequestCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SETTINGS_SECTION}.fileAssociations`)) this.changed.fire();
  });

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isRequestDocument(document)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, {
        title: '▶ Dry run',
        command: 'eniRequests.dryRun',
        arguments: [document.uri],
        tooltip: 'Send this request with DryRun=true: EC2 checks it and changes nothing',
      }),
      new vscode.CodeLens(top, {
        title: 'Preview',
        command: 'eniRequests.preview',
        arguments: [document.uri],
        tooltip: 'The HTTP request and the aws CLI command line, nothing sent',
      }),
    ];
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
