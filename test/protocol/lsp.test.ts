/**
 * The built language server (dist/server.js --stdio) as a client sees it: a child process spoken
 * to over stdio with vscode-jsonrpc. Run `node scripts/build.mjs` first. Every wait has a timeout,
 * so a broken server fails the test instead of hanging it.
 */
import type { CodeActionOptions } from 'vscode-languageserver';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, MarkupContent, Range } from 'vscode-languageserver-types';
import { ServerCommand } from '../../contract/protocol';
import { LspServer, type MessageParams } from '../support/lsp-client';

const TEST_OPTIONS = { timeout: 20_000 };

const directory = path.join(os.tmpdir(), 'eni-requests-lsp-test');
const uriOf = (name: string) => pathToFileURL(path.join(directory, name)).href;

const BROKEN = '{\n  "SubnetID": "subnet-0123456789abcdef0",\n  "Description": 5\n}\n';
const range = (line: number, start: number, endLine: number, end: number): Range => ({
  start: { line, character: start },
  end: { line: endLine, character: end },
});

describe('language server over stdio', () => {
  let server: LspServer;
  const requestUri = uriOf('web.create-network-interface.json');
  let brokenDiagnostics: Diagnostic[] = [];

  before(() => {
    // Initialized by the first test, which checks the answer.
    server = LspServer.spawn({ settings: { fileAssociations: { '**/assoc/*.json': 'create-network-interface' } } });
  });

  after(async () => {
    await server?.stop();
  });

  it('initializes with incremental sync, completion, hover, quick fixes and the explain command', TEST_OPTIONS, async () => {
    const result = await server.initialize();
    const { capabilities } = result;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters, ['"', ':', ' ', '-']);
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual((capabilities.codeActionProvider as CodeActionOptions | undefined)?.codeActionKinds, ['quickfix', 'source']);
    assert.deepEqual(capabilities.executeCommandProvider?.commands, Object.values(ServerCommand));
    assert.equal(result.serverInfo?.name, 'eni-requests');
  });

  it('publishes diagnostics with our codes and exact ranges for a broken request', TEST_OPTIONS, async () => {
    const { version, diagnostics } = await server.open(requestUri, BROKEN);
    assert.equal(version, 1);
    const byPosition = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(
      byPosition.map((d) => ({ code: d.code, range: d.range, severity: d.severity, source: d.source })),
      [
        { code: 'unknown-parameter', range: range(1, 2, 1, 12), severity: 1, source: 'eni-requests' },
        { code: 'wrong-type', range: range(2, 17, 2, 18), severity: 1, source: 'eni-requests' },
      ],
    );
    // SubnetId is not reported missing as well: the did-you-mean already names it.
    const unknown = byPosition[0];
    assert.match(unknown.message as string, /Did you mean SubnetId \(a required member\)\?/);
    // The quick-fix data survives the trip to the client and back.
    assert.deepEqual(unknown.data, { fixes: [{ fix: 'rename-key', path: ['SubnetID'], newKey: 'SubnetId' }] });
    brokenDiagnostics = diagnostics;
  });

  it('answers codeAction for the published diagnostics', TEST_OPTIONS, async () => {
    const actions = await server.codeActions(requestUri, { range: range(1, 2, 1, 12), diagnostics: brokenDiagnostics, only: ['quickfix'] });
    assert.ok(Array.isArray(actions));
  });

  it('turns the did-you-mean diagnostic into a quick fix that renames the key', TEST_OPTIONS, async () => {
    const actions = await server.codeActions(requestUri, {
      range: range(1, 2, 1, 12),
      diagnostics: brokenDiagnostics.filter((d) => d.code === 'unknown-parameter'),
      only: ['quickfix'],
    });
    const rename = actions!.find((a) => a.kind === 'quickfix' && a.edit?.changes?.[requestUri]);
    assert.ok(rename, JSON.stringify(actions));
    assert.deepEqual(rename.edit!.changes![requestUri], [{ range: range(1, 2, 1, 12), newText: '"SubnetId"' }]);
  });

  it('clears the diagnostics after an incremental edit fixes the request', TEST_OPTIONS, async () => {
    const published = server.diagnostics(requestUri, (p) => p.version === 2);
    await server.change(requestUri, 2, [
      { range: range(1, 9, 1, 11), text: 'Id' },
      { range: range(2, 17, 2, 18), text: '"web"' },
    ]);
    assert.deepEqual((await published).diagnostics, []);
  });

  it('validates the last version of a burst of changes', TEST_OPTIONS, async () => {
    const published = server.diagnostics(requestUri, (p) => p.version === 5);
    // The value of Description, "web", becomes "a", then "ab", then 7 (a wrong type).
    const burst: [number, Range, string][] = [
      [3, range(2, 17, 2, 22), '"a"'],
      [4, range(2, 17, 2, 20), '"ab"'],
      [5, range(2, 17, 2, 21), '7'],
    ];
    for (const [version, changed, text] of burst) {
      void server.change(requestUri, version, [{ range: changed, text }]);
    }
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['wrong-type', range(2, 17, 2, 18)]],
    );
  });

  it('answers completion and hover from the service', TEST_OPTIONS, async () => {
    const completion = await server.completion(requestUri, { line: 2, character: 3 });
    const labels = completion!.items.map((item) => item.label);
    assert.ok(labels.includes('Groups') && labels.includes('InterfaceType'), labels.join(', '));
    assert.ok(!labels.includes('SubnetId'), 'a member already present is not offered again');

    const hover = await server.hover(requestUri, { line: 2, character: 5 });
    assert.ok(hover);
    assert.match((hover.contents as MarkupContent).value, /\*\*Description\*\*/);
    assert.deepEqual(hover.range, range(2, 2, 2, 15));
  });

  it('publishes no diagnostics for a JSON file that is not a request', TEST_OPTIONS, async () => {
    const uri = uriOf('package.json');
    const published = await server.open(uri, '{ "name": "not-a-request", "version": "1.0.0" }\n');
    assert.deepEqual(published.diagnostics, []);
  });

  it('reads the eniRequests settings through workspace/configuration, and again when they change', TEST_OPTIONS, async () => {
    assert.ok(server.registrations.includes('workspace/didChangeConfiguration'), 'the server registers for configuration changes');
    const uri = uriOf('assoc/nic.json');
    const published = await server.open(uri, '{ "SubnetId": "subnet-0123456789abcdef0", "Description": 5 }\n');
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['wrong-type'],
    );

    const tooLarge = server.diagnostics(uri);
    await server.changeSettings({ ...server.settings, maxFileSize: 10 });
    assert.deepEqual(
      (await tooLarge).diagnostics.map((d) => [d.code, d.severity]),
      [['too-large', 3]],
    );

    const republished = server.diagnostics(uri);
    await server.changeSettings({ fileAssociations: {} });
    // No longer a request: only the hint that it looks like one.
    assert.deepEqual(
      (await republished).diagnostics.map((d) => [d.code, d.severity]),
      [['no-operation', 4]],
    );
  });

  it('shows the message of eni-requests.explain with window/showMessage', TEST_OPTIONS, async () => {
    const shown = server.next<MessageParams>('window/showMessage');
    const result = await server.execute('eni-requests.explain', ['Groups takes sg-… IDs, not names.']);
    assert.equal(result, null);
    assert.deepEqual(await shown, { type: 3, message: 'Groups takes sg-… IDs, not names.' });
  });

  it('logs a failing handler and answers empty instead of dying', TEST_OPTIONS, async () => {
    const logged = server.next<MessageParams>('window/logMessage', (p) => /Code actions failed/.test(p.message), 'the failure in the log');
    // No context: reading its diagnostics throws inside the handler.
    const actions = await server.request('textDocument/codeAction', { textDocument: { uri: requestUri }, range: range(0, 0, 0, 0) });
    assert.deepEqual(actions, []);
    assert.equal((await logged).type, 1);
    const completion = await server.completion(uriOf('never-opened.json'), { line: 0, character: 0 });
    assert.equal(completion, null);
  });

  it('clears the diagnostics of a closed document', TEST_OPTIONS, async () => {
    const published = server.diagnostics(requestUri);
    await server.close(requestUri);
    assert.deepEqual((await published).diagnostics, []);
  });

  it('shuts down and exits, having written nothing but LSP messages to stdout', TEST_OPTIONS, async () => {
    const exited = server.waitForExit();
    assert.equal(await server.request('shutdown'), null);
    await server.notify('exit');
    assert.equal(await exited, 0);
    assert.deepEqual(server.readerErrors, []);
  });
});

describe('completion item defaults over stdio', () => {
  const uri = uriOf('big.run-instances.json');
  const text = '{\n  "ImageId": "ami-0123456789abcdef0",\n  "InstanceType": "",\n  "MinCount": 1,\n  "MaxCount": 1\n}\n';
  const insideQuotes = { line: 2, character: 19 };
  const servers: LspServer[] = [];

  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  async function instanceTypes(completionItemDefaults?: string[]) {
    const server = await LspServer.start({ completionItemDefaults });
    servers.push(server);
    await server.open(uri, text);
    const list = await server.completion(uri, insideQuotes);
    assert.ok(list && list.items.length > 1000, `InstanceType values: ${list?.items.length}`);
    return list;
  }

  it('sends the shared range, format and mode once to a client that declares item defaults, and on every item otherwise', TEST_OPTIONS, async () => {
    const [full, compact] = await Promise.all([
      instanceTypes(),
      instanceTypes(['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data']),
    ]);
    const quotes = range(2, 18, 2, 20);
    assert.equal(full.itemDefaults, undefined);
    assert.deepEqual(compact.itemDefaults, { editRange: quotes, insertTextFormat: 2, insertTextMode: 1 });
    assert.equal(compact.items.length, full.items.length);
    const label = 'c6i.8xlarge';
    const plain = full.items.find((item) => item.label === label);
    const shared = compact.items.find((item) => item.label === label);
    assert.deepEqual(plain?.textEdit, { range: quotes, newText: '"c6i.8xlarge"' });
    assert.deepEqual([shared?.textEdit, shared?.textEditText, shared?.insertTextFormat], [undefined, '"c6i.8xlarge"', undefined]);
    assert.ok(JSON.stringify(compact).length < JSON.stringify(full).length * 0.6);
  });
});
