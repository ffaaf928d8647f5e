/**
 * Settings from clients without workspace/configuration (Neovim's and Helix's simplest configs):
 * in the initialization options, then pushed with workspace/didChangeConfiguration.
 */
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { InitializationOptions } from '../../contract/protocol';
import { LspServer } from '../support/lsp-client';

const TEST_OPTIONS = { timeout: 20_000 };
const uri = pathToFileURL(path.join(os.tmpdir(), 'eni-requests-settings', 'assoc', 'nic.json')).href;
const REQUEST = '{ "SubnetID": "subnet-0123456789abcdef0" }\n';

describe('settings for a client without workspace/configuration', () => {
  let server: LspServer | undefined;
  after(async () => server?.stop());

  it('reads them from the initialization options, and from a later push', TEST_OPTIONS, async () => {
    const initializationOptions = { eniRequests: { fileAssociations: { '**/assoc/*.json': 'create-network-interface' } } } as InitializationOptions;
    server = await LspServer.start({ pushSettings: true, initializationOptions });
    const first = await server.open(uri, REQUEST);
    assert.deepEqual(
      first.diagnostics.map((d) => d.code),
      ['unknown-parameter'],
      'the association from the initialization options applies',
    );
    // A push without the association: the file is no request any more.
    await server.changeSettings({});
    const pushed = await server.settle(uri, 1);
    assert.deepEqual(pushed.diagnostics, []);
  });
});
