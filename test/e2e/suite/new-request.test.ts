/// <reference types="mocha" />
/** "New request…": the quick picks stubbed, a file by the convention in the workspace folder, valid. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, stub, waitFor, workspaceFolder } from './helpers';

describe('new request', () => {
  it('creates a valid request file named by the convention and opens it', async () => {
    const titles: string[] = [];
    const restore = stub('showQuickPick', ((items: readonly (vscode.QuickPickItem & Record<string, unknown>)[], options?: vscode.QuickPickOptions) => {
      titles.push(options?.title ?? '');
      const pick =
        items.find((item) => (item.operation as { cliCommand?: string } | undefined)?.cliCommand === 'create-network-interface') ??
        items.find((item) => item.syntax === 'yaml');
      return Promise.resolve(pick);
    }) as unknown as typeof vscode.window.showQuickPick);
    let uri: vscode.Uri | undefined;
    try {
      uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('eniRequests.newRequest');
    } finally {
      restore();
    }
    assert.equal(titles.length, 2, `an operation and a format picker, got ${JSON.stringify(titles)}`);
    assert.ok(uri, 'a file was created');
    assert.equal(uri.scheme, 'file');
    assert.match(uri.path, /\/new(-\d+)?\.create-network-interface\.yaml$/);
    assert.equal(vscode.Uri.joinPath(uri, '..').toString(), workspaceFolder().toString());
    await vscode.workspace.fs.stat(uri);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the new file is open');
    // Valid: every required member, nothing unknown, no syntax error: no error and no warning (ID
    // placeholders such as subnet-00000000 get an information note). A hover over the first member
    // proves the server has the file as a request; its validation follows shortly.
    const document = vscode.window.activeTextEditor!.document;
    const line = [...Array(document.lineCount).keys()].find((i) => /^\s*"?[A-Z]/.test(document.lineAt(i).text));
    assert.ok(line !== undefined, `a member in the template:\n${document.getText()}`);
    const position = new vscode.Position(line, document.lineAt(line).firstNonWhitespaceCharacterIndex + 1);
    await waitFor('the server to hover over the first member', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      return hovers.length > 0;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const serious = ours(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(
      serious.map((d) => `${codeOf(d)}: ${d.message}`),
      [],
      `errors or warnings in the new file:\n${document.getText()}`,
    );
    assert.ok(
      ours(uri).some((d) => codeOf(d) === 'placeholder-value'),
      'the subnet placeholder is pointed out',
    );
  });
});
