/// <reference types="mocha" />
/**
 * Activation stays light: the extension host loads only dist/extension.js from the project (the
 * AWS SDK lives in dist/execution.js, which the language server requires on its first run), and
 * the extension reports how long its activation took.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import { EXTENSION_ID } from './helpers';

function extension(): vscode.Extension<ExtensionApi> {
  const found = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(found?.isActive, `${EXTENSION_ID} is not active`);
  return found;
}

describe('activation', () => {
  it('reports its own activation time and when the language server was ready', () => {
    const times = extension().exports.activationTimes();
    assert.ok(Number.isFinite(times.loadMs) && times.loadMs > 0, `loadMs: ${times.loadMs}`);
    assert.ok(Number.isFinite(times.activateMs) && times.activateMs > 0, `activateMs: ${times.activateMs}`);
    assert.ok(Number.isFinite(times.serverReadyMs) && times.serverReadyMs! >= 0, `serverReadyMs: ${times.serverReadyMs}`);
  });

  it('loads dist/extension.js and not the execution bundle or the AWS SDK', () => {
    // The suite (mocha, from the project's node_modules) shares this extension host's module cache:
    // look at the project's bundles, which require nothing but Node built-ins and vscode, and at the SDK anywhere.
    const dist = path.join(extension().extensionPath, 'dist') + path.sep;
    const bundles = Object.keys(require.cache).filter((file) => file.startsWith(dist));
    assert.deepEqual(
      bundles.map((file) => path.basename(file)),
      ['extension.js'],
    );
    assert.deepEqual(
      Object.keys(require.cache).filter((file) => /[\\/]@aws-sdk[\\/]/.test(file)),
      [],
    );
  });
});
