/**
 * "▶ Dry run | Preview" above a request: on line 0 of documents that look like requests (file
 * name or modeline, see request-file.ts). Computing the lenses asks the server nothing.
 *
 * "Show network layout" on the `NetworkInterfaces` line of a RunInstances, launch template, Spot
 * or Spot Fleet request that has one. Not on every request of those operations: a RunInstances
 * with the instance-level SubnetId has no entries, and its lens would only answer "no entries".
 * Not by asking the server: VS Code asks for lenses after every edit, and a layout costs a
 * validation; reading the lines for the key is enough to decide, and a false positive (the key in
 * a string) answers with the server's "no entries".
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../contract/protocol';
import { interfaceEntriesLine, isRequestDocument } from './request-file';

export class RequestCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SETTINGS_SECTION}.fileAssociations`)) this.changed.fire();
  });

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isRequestDocument(document)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const entriesLine = interfaceEntriesLine(document);
    const layout =
      entriesLine === undefined
        ? []
        : [
            new vscode.CodeLens(new vscode.Range(entriesLine, 0, entriesLine, 0), {
              title: 'Show network layout',
              command: 'eniRequests.showLayout',
              arguments: [document.uri],
              tooltip: 'The interface entries as a grid of network cards × device indexes, with their problems (Markdown preview)',
            }),
          ];
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
      ...layout,
    ];
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
