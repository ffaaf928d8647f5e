/**
 * The built language server (dist/server.js --stdio) as a client sees it: a child process spoken
 * to over stdio with vscode-jsonrpc. Run `node scripts/build.mjs` first. Every wait has a timeout,
 * so a broken server fails the test instead of hanging it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, CompletionList, Diagnostic, Hover, MarkupContent, Range } from 'vscode-languageserver-types';
import { ServerCommand } from '../../server/src/protocol';

const WAIT_MS = 5_000;
const TEST_OPTIONS = { timeout: 20_000 };

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** The project root: the nearest directory above this file with the project's package.json. */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'eni-requests') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no eni-requests package.json above ${__dirname}`);
  }
}

/** Everything the server sent unasked, and waiters for what it will send next. */
class Inbox {
  readonly received: { method: string; params: unknown }[] = [];
  private waiters: { method: string; accept: (params: never) => boolean; resolve: (params: unknown) => void }[] = [];

  push(method: string, params: unknown): void {
    this.received.push({ method, params });
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.method !== method || !waiter.accept(params as never)) return true;
      waiter.resolve(params);
      return false;
    });
  }

  /** The next message (from now on) with this method that `accept`s; call it before triggering the message. */
  next<T>(method: string, accept: (params: T) => boolean, what: string): Promise<T> {
    return within(new Promise<T>((resolve) => this.waiters.push({ method, accept, resolve: resolve as (params: unknown) => void })), what);
  }
}

let stderr = '';
/** The end of the server's stderr, for failure messages (lines cut: the bundle is minified). */
const stderrTail = () =>
  stderr
    .split('\n')
    .slice(-20)
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
    .join('\n');
/** Rejects when the server dies unasked, so every wait fails at once instead of timing out. */
let serverDied: Promise<never> = new Promise(() => {});

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; server stderr:\n${stderrTail()}`)), WAIT_MS);
  });
  const result = Promise.race([promise, timeout, serverDied]).finally(() => clearTimeout(timer));
  result.catch(() => {}); // a test that fails before awaiting it must not leave an unhandled rejection behind
  return result;
}

const directory = path.join(os.tmpdir(), 'eni-requests-lsp-test');
const uriOf = (name: string) => pathToFileURL(path.join(directory, name)).href;

const BROKEN = '{\n  "SubnetID": "subnet-0123456789abcdef0",\n  "Description": 5\n}\n';
const range = (line: number, start: number, endLine: number, end: number): Range => ({
  start: { line, character: start },
  end: { line: endLine, character: end },
});

describe('language server over stdio', () => {
  let child: ChildProcessWithoutNullStreams;
  let connection: MessageConnection;
  const inbox = new Inbox();
  const readerErrors: unknown[] = [];
  const registrations: string[] = [];
  let settings: Record<string, unknown> = { fileAssociations: { '**/assoc/*.json': 'create-network-interface' } };
  const requestUri = uriOf('web.create-network-interface.json');
  let brokenDiagnostics: Diagnostic[] = [];
  let exitExpected = false;

  const open = (uri: string, text: string) =>
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
  const diagnosticsFor = (uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true) =>
    inbox.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && accept(p), `diagnostics for ${uri}`);

  before(() => {
    const server = path.join(projectRoot(), 'dist', 'server.js');
    assert.ok(fs.existsSync(server), `${server} is missing: run node scripts/build.mjs first`);
    child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    serverDied = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => {
        if (!exitExpected) reject(new Error(`the server exited (code ${code}, signal ${signal}); stderr:\n${stderrTail()}`));
      }),
    );
    serverDied.catch(() => {}); // observed through within()
    connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onError(([error]) => readerErrors.push(error));
    connection.onNotification((method, params) => inbox.push(method, params));
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'eniRequests' ? settings : null)),
    );
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string }[] }) => {
      registrations.push(...params.registrations.map((r) => r.method));
      return null;
    });
    connection.listen();
  });

  after(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
  });

  it('initializes with incremental sync, completion, hover, quick fixes and the explain command', TEST_OPTIONS, async () => {
    const result = await within(
      connection.sendRequest<{ capabilities: Record<string, any>; serverInfo?: { name: string } }>('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
        },
      }),
      'the initialize result',
    );
    const { capabilities } = result;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(capabilities.completionProvider.triggerCharacters, ['"', ':', ' ', '-']);
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source']);
    assert.deepEqual(capabilities.executeCommandProvider.commands, Object.values(ServerCommand));
    assert.equal(result.serverInfo?.name, 'eni-requests');
    await connection.sendNotification('initialized', {});
  });

  it('publishes diagnostics with our codes and exact ranges for a broken request', TEST_OPTIONS, async () => {
    const published = diagnosticsFor(requestUri);
    await open(requestUri, BROKEN);
    const { version, diagnostics } = await published;
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
    const actions = await within(
      connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri: requestUri },
        range: range(1, 2, 1, 12),
        context: { diagnostics: brokenDiagnostics, only: ['quickfix'] },
      }),
      'code actions',
    );
    assert.ok(Array.isArray(actions));
  });

  it('turns the did-you-mean diagnostic into a quick fix that renames the key', TEST_OPTIONS, async () => {
    const actions = await within(
      connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: requestUri },
        range: range(1, 2, 1, 12),
        context: { diagnostics: brokenDiagnostics.filter((d) => d.code === 'unknown-parameter'), only: ['quickfix'] },
      }),
      'code actions',
    );
    const rename = actions.find((a) => a.kind === 'quickfix' && a.edit?.changes?.[requestUri]);
    assert.ok(rename, JSON.stringify(actions));
    assert.deepEqual(rename.edit!.changes![requestUri], [{ range: range(1, 2, 1, 12), newText: '"SubnetId"' }]);
  });

  it('clears the diagnostics after an incremental edit fixes the request', TEST_OPTIONS, async () => {
    const published = diagnosticsFor(requestUri, (p) => p.version === 2);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: requestUri, version: 2 },
      contentChanges: [
        { range: range(1, 9, 1, 11), text: 'Id' },
        { range: range(2, 17, 2, 18), text: '"web"' },
      ],
    });
    assert.deepEqual((await published).diagnostics, []);
  });

  it('validates the last version of a burst of changes', TEST_OPTIONS, async () => {
    const published = diagnosticsFor(requestUri, (p) => p.version === 5);
    // The value of Description, "web", becomes "a", then "ab", then 7 (a wrong type).
    const burst: [number, Range, string][] = [
      [3, range(2, 17, 2, 22), '"a"'],
      [4, range(2, 17, 2, 20), '"ab"'],
      [5, range(2, 17, 2, 21), '7'],
    ];
    for (const [version, changed, text] of burst) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri: requestUri, version }, contentChanges: [{ range: changed, text }] });
    }
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [['wrong-type', range(2, 17, 2, 18)]]);
  });

  it('answers completion and hover from the service', TEST_OPTIONS, async () => {
    const completion = await within(
      connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: requestUri }, position: { line: 2, character: 3 } }),
      'completion',
    );
    const labels = completion.items.map((item) => item.label);
    assert.ok(labels.includes('Groups') && labels.includes('InterfaceType'), labels.join(', '));
    assert.ok(!labels.includes('SubnetId'), 'a member already present is not offered again');

    const hover = await within(
      connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: requestUri }, position: { line: 2, character: 5 } }),
      'hover',
    );
    assert.ok(hover);
    assert.match((hover.contents as MarkupContent).value, /\*\*Description\*\*/);
    assert.deepEqual(hover.range, range(2, 2, 2, 15));
  });

  it('publishes no diagnostics for a JSON file that is not a request', TEST_OPTIONS, async () => {
    const uri = uriOf('package.json');
    const published = diagnosticsFor(uri);
    await open(uri, '{ "name": "not-a-request", "version": "1.0.0" }\n');
    assert.deepEqual((await published).diagnostics, []);
  });

  it('reads the eniRequests settings through workspace/configuration, and again when they change', TEST_OPTIONS, async () => {
    assert.ok(registrations.includes('workspace/didChangeConfiguration'), 'the server registers for configuration changes');
    const uri = uriOf('assoc/nic.json');
    const published = diagnosticsFor(uri);
    await open(uri, '{ "SubnetId": "subnet-0123456789abcdef0", "Description": 5 }\n');
    assert.deepEqual((await published).diagnostics.map((d) => d.code), ['wrong-type']);

    settings = { ...settings, maxFileSize: 10 };
    const tooLarge = diagnosticsFor(uri);
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await tooLarge).diagnostics.map((d) => [d.code, d.severity]), [['too-large', 3]]);

    settings = { fileAssociations: {} };
    const republished = diagnosticsFor(uri);
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // No longer a request: only the hint that it looks like one.
    assert.deepEqual((await republished).diagnostics.map((d) => [d.code, d.severity]), [['no-operation', 4]]);
  });

  it('shows the message of eni-requests.explain with window/showMessage', TEST_OPTIONS, async () => {
    const shown = inbox.next<{ type: number; message: string }>('window/showMessage', () => true, 'window/showMessage');
    const result = await within(
      connection.sendRequest('workspace/executeCommand', { command: 'eni-requests.explain', arguments: ['Groups takes sg-… IDs, not names.'] }),
      'executeCommand',
    );
    assert.equal(result, null);
    assert.deepEqual(await shown, { type: 3, message: 'Groups takes sg-… IDs, not names.' });
  });

  it('logs a failing handler and answers empty instead of dying', TEST_OPTIONS, async () => {
    const logged = inbox.next<{ type: number; message: string }>('window/logMessage', (p) => /Code actions failed/.test(p.message), 'the failure in the log');
    // No context: reading its diagnostics throws inside the handler.
    const actions = await within(connection.sendRequest('textDocument/codeAction', { textDocument: { uri: requestUri }, range: range(0, 0, 0, 0) }), 'codeAction');
    assert.deepEqual(actions, []);
    assert.equal((await logged).type, 1);
    const completion = await within(
      connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri: uriOf('never-opened.json') }, position: { line: 0, character: 0 } }),
      'completion for a document that was never opened',
    );
    assert.equal(completion, null);
  });

  it('clears the diagnostics of a closed document', TEST_OPTIONS, async () => {
    const published = diagnosticsFor(requestUri);
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri: requestUri } });
    assert.deepEqual((await published).diagnostics, []);
  });

  it('shuts down and exits, having written nothing but LSP messages to stdout', TEST_OPTIONS, async () => {
    exitExpected = true;
    const exited = within(new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))), 'the server to exit');
    assert.equal(await within(connection.sendRequest('shutdown'), 'shutdown'), null);
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
    assert.deepEqual(readerErrors, []);
  });
});
