/// <reference types="mocha" />
/**
 * The language server dies (killed): the client restarts it, and diagnostics work again, from the
 * new process. The server is found as a child of this extension host running dist/server.js.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, open, waitFor } from './helpers';

/** The pids of the language servers this extension host started. */
function serverPids(): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => !!m && Number(m[2]) === process.pid && /dist[\\/]server\.js/.test(m[3]))
    .map((m) => Number(m[1]));
}

describe('language server restarts', () => {
  it('comes back after being killed, with diagnostics', async () => {
    const broken = await open('broken.create-network-interface.json');
    const uri = broken.document.uri;
    await diagnosticsFor(uri, 'diagnostics before the kill', (ds) => ds.some((d) => codeOf(d) === 'unknown-parameter'));
    const [pid] = await waitFor('the language server process', () => {
      const pids = serverPids();
      return pids.length === 1 ? pids : undefined;
    });
    process.kill(pid, 'SIGKILL');
    const [restarted] = await waitFor('a new language server process', () => {
      const pids = serverPids().filter((p) => p !== pid);
      return pids.length ? pids : undefined;
    });
    assert.notEqual(restarted, pid);
    // The new server validates: a change brings a new diagnostic, and the old one is still there.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(1, 0), '  "Bogus": 1,\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await diagnosticsFor(
      uri,
      'diagnostics from the restarted server',
      (ds) => ds.filter((d) => codeOf(d) === 'unknown-parameter').length === 2,
    );
    assert.ok(diagnostics.some((d) => /Bogus/.test(d.message)));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsFor(uri, 'diagnostics after the revert', (ds) => ds.filter((d) => codeOf(d) === 'unknown-parameter').length === 1);
  });
});
