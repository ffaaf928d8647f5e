/// <reference types="mocha" />
/**
 * Selecting the AWS profile (from the shared config and credentials files the runner wrote) and
 * the region: the pickers stubbed, the settings written.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stub } from './helpers';

type Item = vscode.QuickPickItem & { value?: string };

async function pick(command: string, choose: (items: readonly Item[]) => Item | undefined): Promise<{ result: unknown; labels: string[] }> {
  let labels: string[] = [];
  const restore = stub('showQuickPick', ((items: readonly Item[]) => {
    labels = items.map((item) => item.label);
    return Promise.resolve(choose(items));
  }) as unknown as typeof vscode.window.showQuickPick);
  try {
    return { result: await vscode.commands.executeCommand(command), labels };
  } finally {
    restore();
  }
}

const settings = () => vscode.workspace.getConfiguration('eniRequests');

describe('profile and region', () => {
  after(async () => {
    await settings().update('profile', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('region', undefined, vscode.ConfigurationTarget.Global);
  });

  it('offers the profiles of ~/.aws/config and ~/.aws/credentials and writes the one picked', async () => {
    const { result, labels } = await pick('eniRequests.selectProfile', (items) => items.find((item) => item.label === 'e2e-admin'));
    assert.deepEqual(labels.slice(1), ['default', 'e2e-admin'], `offered: ${labels.join(', ')}`);
    assert.equal(result, 'e2e-admin');
    assert.equal(settings().get('profile'), 'e2e-admin');
  });

  it('offers the regions and writes the one picked', async () => {
    const { result, labels } = await pick('eniRequests.selectRegion', (items) => items.find((item) => item.label === 'eu-central-1'));
    assert.ok(labels.includes('us-east-1') && labels.includes('eu-west-1'), `offered: ${labels.join(', ')}`);
    assert.equal(result, 'eu-central-1');
    assert.equal(settings().get('region'), 'eu-central-1');
  });
});
