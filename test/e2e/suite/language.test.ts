/// <reference types="mocha" />
/**
 * The language features through VS Code's public API, against the bundled server started by the
 * extension over IPC: diagnostics, completion, hover, quick fixes.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, fixture, open, ours, waitFor } from './helpers';

const BROKEN = 'broken.create-network-interface.json';
const VALID = 'valid.create-network-interface.json';
const FILTERS = 'filters.describe-network-interfaces.yaml';

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

async function insert(editor: vscode.TextEditor, position: vscode.Position, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(editor.document.uri, position, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was applied');
}

async function completionItems(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items;
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  return (await completionItems(uri, position)).map(labelOf);
}

describe('language features', () => {
  it('reports problems on a broken request and none on a valid one or an unrelated JSON file', async () => {
    // Opened first, validated first: when the broken file's diagnostics arrive, these have been validated too.
    await open(VALID);
    await open('notes.json');
    const broken = await open(BROKEN);
    const diagnostics = await diagnosticsFor(broken.document.uri, 'the unknown-parameter diagnostic', (ds) =>
      ds.some((d) => codeOf(d) === 'unknown-parameter'),
    );
    const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-parameter')!;
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(unknown.range.start.line, 1);
    assert.match(unknown.message, /SubnetID is not a parameter of CreateNetworkInterface\. Did you mean SubnetId/);
    assert.deepEqual(ours(fixture(VALID)), []);
    assert.deepEqual(ours(fixture('notes.json')), []);
  });

  it('judges files as the AWS CLI reads them: a JSON comment is an error, a RunInstances file the CLI repairs is clean', async () => {
    const commented = await open('commented.create-network-interface.json');
    const diagnostics = await diagnosticsFor(commented.document.uri, 'the cli-json-syntax diagnostic', (ds) => ds.some((d) => codeOf(d) === 'cli-json-syntax'));
    const comment = diagnostics.find((d) => codeOf(d) === 'cli-json-syntax')!;
    assert.equal(comment.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(comment.range.start.line, 0);
    const repaired = await open('repaired.run-instances.yaml');
    const notes = await diagnosticsFor(repaired.document.uri, 'the cli-moves-member note', (ds) => ds.some((d) => codeOf(d) === 'cli-moves-member'));
    assert.deepEqual(
      notes.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning).map(codeOf),
      [],
      'no error or warning on a file the AWS CLI repairs',
    );
    assert.deepEqual(notes.map(codeOf).sort(), ['cli-default-count', 'cli-moves-member']);
  });

  it('completes filter names and enum values', async () => {
    const filters = await open(FILTERS);
    const end = filters.document.lineAt(filters.document.lineCount - 1).range.end;
    await insert(filters, end, '\n  - Name: ');
    const names = await completionLabels(filters.document.uri, filters.document.lineAt(filters.document.lineCount - 1).range.end);
    assert.ok(names.includes('status') && names.includes('attachment.status') && names.includes('tag:<key>'), `filter names offered: ${names.join(', ')}`);
    await revert(filters);

    const valid = await open(VALID);
    await insert(valid, new vscode.Position(1, 0), '  "InterfaceType": "",\n');
    const items = await completionItems(valid.document.uri, new vscode.Position(1, 20));
    const values = items.map(labelOf);
    for (const value of ['interface', 'efa', 'efa-only', 'trunk']) assert.ok(values.includes(value), `enum value ${value} offered: ${values.join(', ')}`);
    // The server sends the shared range and insert format once (completion item defaults): the client applies them to each item.
    const efa = items.find((item) => labelOf(item) === 'efa')!;
    const insertText = efa.insertText instanceof vscode.SnippetString ? efa.insertText.value : efa.insertText;
    assert.equal(insertText, '"efa"');
    const range = efa.range instanceof vscode.Range ? efa.range : efa.range?.replacing;
    assert.deepEqual([range?.start.line, range?.start.character, range?.end.character], [1, 19, 21]);
    await revert(valid);
  });

  it('shows hover documentation for a member', async () => {
    const valid = await open(VALID);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', valid.document.uri, new vscode.Position(1, 6));
    const text = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*SubnetId\*\* · `string` · required/);
    assert.match(text, /The ID of the subnet to associate with the network interface/);
  });

  it('puts "▶ Dry run | Preview" lenses above requests, and none on other JSON', async () => {
    await open(VALID);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixture(VALID));
    const requestLenses = lenses.filter((lens) => lens.command?.command.startsWith('eniRequests.'));
    assert.deepEqual(
      requestLenses.map((lens) => [lens.range.start.line, lens.command?.title, lens.command?.command]),
      [
        [0, '▶ Dry run', 'eniRequests.dryRun'],
        [0, 'Preview', 'eniRequests.preview'],
      ],
    );
    assert.equal(String(requestLenses[0].command?.arguments?.[0]), fixture(VALID).toString());
    await open('notes.json');
    const none = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fixture('notes.json'));
    assert.deepEqual(
      none.filter((lens) => lens.command?.command.startsWith('eniRequests.')),
      [],
    );
  });

  it('applies a quick fix and the diagnostic goes away', async () => {
    const broken = await open(BROKEN);
    const uri = broken.document.uri;
    const [unknown] = await diagnosticsFor(uri, 'the unknown-parameter diagnostic', (ds) => ds.some((d) => codeOf(d) === 'unknown-parameter')).then((ds) =>
      ds.filter((d) => codeOf(d) === 'unknown-parameter'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      unknown.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const rename = actions.find((action) => /SubnetId/.test(action.title) && action.edit);
    assert.ok(rename, `a rename fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(rename.edit!), 'the fix was applied');
    if (rename.command) await vscode.commands.executeCommand(rename.command.command, ...(rename.command.arguments ?? []));
    assert.match(broken.document.lineAt(1).text, /"SubnetId": "subnet-0123456789abcdef0"/);
    await waitFor('the diagnostic to go', () => ours(uri).every((d) => codeOf(d) !== 'unknown-parameter'));
    assert.deepEqual(ours(uri).map(codeOf), []);
    await revert(broken);
    await diagnosticsFor(uri, 'the diagnostic back after revert', (ds) => ds.some((d) => codeOf(d) === 'unknown-parameter'));
  });
});
