/**
 * The adversarial corpus (corpus.ts) through the protocol: the built server as a child process.
 * Each hostile document is opened and must get its diagnostics within 2 s of didOpen (the typing
 * delay included); completion, hover and code actions on it answer; and after it a normal document
 * still gets its diagnostics, completion and hover. Run `node scripts/build.mjs` first.
 */
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { CORPUS, type HostileCase } from './corpus';
import { codeActionProblems, completionProblems, diagnosticProblems, hoverProblems } from './invariants';
import { LspServer } from '../support/lsp-client';

/** From didOpen to published diagnostics, for every hostile document. */
const BOUND_MS = 2_000;
const directory = path.join(os.tmpdir(), 'eni-requests-hardening');
const uriOf = (name: string) => pathToFileURL(path.join(directory, name)).href;

const NORMAL_URI = uriOf('normal.create-network-interface.json');
const NORMAL = '{\n  "SubnetID": "subnet-0123456789abcdef0",\n  "Description": 5\n}\n';

describe('hostile documents through the language server', () => {
  let server: LspServer;
  let normalVersion = 1;

  before(async () => {
    server = await LspServer.start({ pushSettings: true });
    const published = await server.open(NORMAL_URI, NORMAL, { version: normalVersion });
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['unknown-parameter', 'wrong-type']);
  });

  after(async () => {
    await server?.stop();
  });

  /** The normal document still answers: a new version gets diagnostics, and completion and hover work. */
  async function normalDocumentStillServed(): Promise<void> {
    normalVersion++;
    const published = server.diagnostics(NORMAL_URI, (p) => p.version === normalVersion);
    // Toggle Description between 5 and 6: same diagnostics, new version.
    await server.change(NORMAL_URI, normalVersion, [
      { range: { start: { line: 2, character: 17 }, end: { line: 2, character: 18 } }, text: String(4 + (normalVersion % 2)) },
    ]);
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['unknown-parameter', 'wrong-type']);
    const completion = await server.completion(NORMAL_URI, { line: 2, character: 3 });
    assert.ok(
      completion?.items.some((item) => item.label === 'Groups'),
      'completion still offers members',
    );
    const hover = await server.hover(NORMAL_URI, { line: 2, character: 5 });
    assert.match((hover?.contents as MarkupContent).value, /\*\*Description\*\*/);
  }

  async function check(hostile: HostileCase, index: number): Promise<void> {
    const text = hostile.text();
    const slug = hostile.name
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    const uri = uriOf(`${index}-${slug}.${hostile.cliCommand}.${hostile.syntax}`);
    const document = TextDocument.create(uri, hostile.syntax, 1, text);

    const start = performance.now();
    const cpuBefore = server.cpuMs();
    // Waits longer than the bound: a busy machine may delay the answer; what counts is below.
    const { diagnostics } = await server.open(uri, text, { languageId: hostile.syntax, ms: 4 * BOUND_MS });
    const elapsed = performance.now() - start;
    const cpu = cpuBefore === undefined ? undefined : server.cpuMs()! - cpuBefore;
    // The wall-clock time, unless the server was starved of CPU (test files run in parallel): then its CPU time.
    assert.ok(Math.min(elapsed, cpu ?? elapsed) < BOUND_MS, `diagnostics after ${elapsed.toFixed(0)} ms, ${cpu?.toFixed(0)} ms of server CPU time`);
    assert.deepEqual(diagnosticProblems(document, diagnostics), []);
    hostile.expect(diagnostics, document);

    const middle = document.positionAt(Math.floor(text.length / 2));
    const end = document.positionAt(text.length);
    for (const position of [{ line: 0, character: 0 }, middle, end]) {
      assert.deepEqual(completionProblems(document, position, await server.completion(uri, position, 4 * BOUND_MS)), []);
      assert.deepEqual(hoverProblems(document, await server.hover(uri, position, 4 * BOUND_MS)), []);
    }
    const actions = await server.codeActions(uri, { range: { start: { line: 0, character: 0 }, end }, diagnostics, only: ['quickfix'] }, 4 * BOUND_MS);
    assert.deepEqual(codeActionProblems(document, actions), []);

    const cleared = server.diagnostics(uri, (p) => p.diagnostics.length === 0);
    await server.close(uri);
    await cleared;
    assert.deepEqual(server.takeFailures(), []);
    await normalDocumentStillServed();
  }

  CORPUS.forEach((hostile, index) => {
    it(hostile.name, { timeout: 30_000 }, () => check(hostile, index));
  });

  it('logged nothing and wrote nothing on stderr', () => {
    assert.ok(server.alive);
    assert.deepEqual(server.takeFailures(), []);
  });
});
