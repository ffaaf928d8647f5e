/// <reference types="mocha" />
/**
 * "Show network layout": the lens on a p5 launch template's NetworkInterfaces, the command opening
 * VS Code's Markdown preview of the layout document, and that document following an edit of the
 * request; the messages for files without a layout.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LayoutResult } from '../../../contract/protocol';
import { fixture, open, stub, waitFor } from './helpers';

const P5 = 'p5.create-launch-template.yaml';
const VALID = 'valid.create-network-interface.json';
const FLEET = 'batch.request-spot-fleet.yaml';
const LAYOUT_SCHEME = 'eni-requests-layout';

/** The layout document of `source` once VS Code has it open and its text satisfies `accept`. */
function layoutDocument(source: vscode.Uri, what: string, accept: (text: string) => boolean): Promise<vscode.TextDocument> {
  return waitFor(what, () =>
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === LAYOUT_SCHEME && d.uri.query === source.toString() && accept(d.getText())),
  );
}

const cardRows = (text: string) => text.split('\n').filter((line) => /^\| \*\*\d+\*\* \|/.test(line));

describe('network layout', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('puts "Show network layout" on the NetworkInterfaces of a p5 template, which opens the Markdown preview of its grid', async () => {
    const editor = await open(P5);
    const uri = editor.document.uri;
    const entriesLine = [...Array(editor.document.lineCount).keys()].find((i) => /^\s*NetworkInterfaces:/.test(editor.document.lineAt(i).text));
    const lens = await waitFor('the layout lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return lenses.find((l) => l.command?.command === 'eniRequests.showLayout');
    });
    assert.equal(lens.command?.title, 'Show network layout');
    assert.equal(lens.range.start.line, entriesLine);
    assert.equal(String(lens.command?.arguments?.[0]), uri.toString());

    const result = await vscode.commands.executeCommand<LayoutResult>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(result?.kind, 'layout', JSON.stringify(result));
    const layout = await layoutDocument(uri, 'the layout document', (text) => text.includes('| card | device 0 | device 1 |'));
    assert.equal(layout.languageId, 'markdown');
    const text = layout.getText();
    assert.match(text, /^## Network layout of p5\.create-launch-template\.yaml\n/);
    assert.match(text, /\*\*33 interfaces on 32 network cards: 1 ENA, 32 EFA-only \(1 per card\)/);
    assert.equal(cardRows(text).length, 32);
    assert.equal(cardRows(text)[0], '| **0** | ★ **ENA** #0 | **EFA-only** #1 |');
    // VS Code's Markdown preview shows it (a webview), beside the request.
    await waitFor('the Markdown preview tab', () =>
      vscode.window.tabGroups.all.some((group) =>
        group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType)),
      ),
    );

    // Editing the request redraws the picture: card 0's second interface becomes an EFA with a problem.
    const document = editor.document;
    const offset = document.getText().indexOf('InterfaceType: efa-only');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + 'InterfaceType: efa-only'.length)), 'InterfaceType: efa');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was applied');
    const updated = await layoutDocument(uri, 'the layout after the edit', (t) => /\| \*\*0\*\* \| ★ \*\*ENA\*\* #0 \| \*\*EFA\*\* #1 \|/.test(t));
    assert.match(updated.getText(), /1 ENA, 1 EFA, 31 EFA-only/);

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await layoutDocument(uri, 'the layout after the revert', (t) => t.includes('| **0** | ★ **ENA** #0 | **EFA-only** #1 |'));
  });

  it('puts the lenses on a Spot Fleet request too (a request-* file name)', async () => {
    const editor = await open(FLEET);
    const lenses = await waitFor('the lenses of the Spot Fleet request', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return found.some((l) => l.command?.command === 'eniRequests.showLayout') && found;
    });
    assert.deepEqual(
      lenses.filter((l) => l.command?.command.startsWith('eniRequests.')).map((l) => l.command?.command),
      ['eniRequests.dryRun', 'eniRequests.preview', 'eniRequests.showLayout'],
    );
  });

  it('has no layout lens on a request without interface entries, and says why the command shows nothing', async () => {
    await open(VALID);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixture(VALID));
    assert.ok(!lenses.some((l) => l.command?.command === 'eniRequests.showLayout'));
    const messages: string[] = [];
    const restore = stub('showInformationMessage', ((message: string) => {
      messages.push(message);
      return Promise.resolve(undefined);
    }) as typeof vscode.window.showInformationMessage);
    try {
      const result = await vscode.commands.executeCommand<LayoutResult>('eniRequests.showLayout', fixture(VALID));
      assert.equal(result?.kind, 'no-entries');
      await open('notes.json');
      const notes = await vscode.commands.executeCommand<LayoutResult>('eniRequests.showLayout', fixture('notes.json'));
      assert.equal(notes?.kind, 'not-a-request');
    } finally {
      restore();
    }
    assert.equal(messages.length, 2, JSON.stringify(messages));
    assert.match(messages[0], /^ENI Requests: valid\.create-network-interface\.json: CreateNetworkInterface request without NetworkInterfaces entries/);
    assert.match(messages[1], /^ENI Requests: notes\.json: not a request file/);
  });
});
