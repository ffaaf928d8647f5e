/**
 * "New request…": pick an operation (the server's list), pick JSON or YAML, get the template from
 * the server (the required members, and a file name by the convention `new.<cli-command>.<ext>`),
 * write it into the workspace folder (or an untitled editor without one) and open it.
 */
import * as vscode from 'vscode';
import { ServerCommand, type NewRequestTemplate, type OperationSummary } from '../../contract/protocol';
import type { RequestLanguageClient } from './language-client';

export interface OperationPick extends vscode.QuickPickItem {
  operation: OperationSummary;
}

export interface SyntaxPick extends vscode.QuickPickItem {
  syntax: 'json' | 'yaml';
}

export const SYNTAX_PICKS: readonly SyntaxPick[] = [
  { label: 'JSON', description: 'aws ec2 … --cli-input-json file://…', syntax: 'json' },
  { label: 'YAML', description: 'aws ec2 … --cli-input-yaml file://…', syntax: 'yaml' },
];

export async function newRequest(server: RequestLanguageClient): Promise<vscode.Uri | undefined> {
  const operations = await server.execute<OperationSummary[]>(ServerCommand.operations, []);
  if (!operations?.length) {
    void vscode.window.showErrorMessage('ENI Requests: the language server listed no operations. See "ENI Requests: Show log".');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick<OperationPick>(
    operations.map((operation) => ({
      label: operation.name,
      description: operation.cliCommand + (operation.hasDryRun ? '' : ' · no dry run'),
      detail: operation.description,
      operation,
    })),
    { title: 'New request (1/2): operation', placeHolder: 'The EC2 operation the request is for', matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return undefined;
  const syntax = await vscode.window.showQuickPick<SyntaxPick>(SYNTAX_PICKS, { title: 'New request (2/2): format', placeHolder: 'JSON or YAML' });
  if (!syntax) return undefined;
  const template = await server.execute<NewRequestTemplate>(ServerCommand.newRequest, [picked.operation.name, syntax.syntax]);
  if (!template) {
    void vscode.window.showErrorMessage(`ENI Requests: the language server gave no template for ${picked.operation.name}.`);
    return undefined;
  }
  const fileName = template.fileName || `new.${picked.operation.cliCommand}.${syntax.syntax}`;
  const folder = targetFolder();
  let document: vscode.TextDocument;
  if (folder) {
    const uri = await freeName(folder.uri, fileName);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(template.content));
    document = await vscode.workspace.openTextDocument(uri);
  } else {
    // Untitled, but named by the convention: the server detects the operation from the name.
    document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: fileName }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), template.content);
    await vscode.workspace.applyEdit(edit);
  }
  await vscode.window.showTextDocument(document);
  return document.uri;
}

/** The folder of the active editor, else the first workspace folder. */
function targetFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) || vscode.workspace.workspaceFolders?.[0];
}

/** `new.x.json`, else `new-2.x.json`, `new-3.x.json`, …: never overwrites a file. */
async function freeName(folder: vscode.Uri, fileName: string): Promise<vscode.Uri> {
  const dot = fileName.indexOf('.');
  const [stem, rest] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, n === 1 ? fileName : `${stem}-${n}${rest}`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}
