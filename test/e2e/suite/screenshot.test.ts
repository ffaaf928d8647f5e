/// <reference types="mocha" />
/**
 * Stages the editor for docs/images/editor.png and asks the runner to take it (it does only when
 * E2E_SCREENSHOT is set): a RunInstances request the AWS CLI rewrites, with its warning (the CLI's
 * move of PrivateIpAddress replaces the interface's addresses) and its hover, the Problems
 * panel, and the notification of a dry run that would succeed. First, and it tidies up after itself.
 *
 * With the smoke-test driver (which the test payload needs) the workbench shows no notification
 * toasts, so the notification is shown in the notification center.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExecutionResult } from '../../../contract/outcome';
import { codeOf, diagnosticsFor, open, screenshot } from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('screenshot', () => {
  it('shows a diagnostic and a dry-run result in the editor', async () => {
    const editor = await open('scene.run-instances.yaml');
    const [overwrite] = (
      await diagnosticsFor(editor.document.uri, 'the cli-overwrites-member warning', (ds) => ds.some((d) => codeOf(d) === 'cli-overwrites-member'))
    ).filter((d) => codeOf(d) === 'cli-overwrites-member');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('notifications.clearAll');
    const result = await vscode.commands.executeCommand<ExecutionResult | undefined>('eniRequests.dryRun', editor.document.uri);
    assert.equal(result?.kind, 'would-succeed', JSON.stringify(result));
    await vscode.commands.executeCommand('notifications.showList');
    await vscode.commands.executeCommand('notification.expand').then(undefined, () => {});
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    editor.selection = new vscode.Selection(overwrite.range.start.translate(0, 3), overwrite.range.start.translate(0, 3));
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1500); // hover, squiggles and the notification render
    await screenshot();
    await vscode.commands.executeCommand('notifications.hideList');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
