/**
 * The adversarial corpus (corpus.ts) through the service, in process: every hostile document gets
 * its expected diagnostics within 2 s, completion, hover and quick fixes answer on it within 2 s
 * with ranges inside the document, and nothing leaks into Object.prototype.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { CORPUS, type HostileCase } from './corpus';
import { codeActionProblems, completionProblems, diagnosticProblems, editsOf, hoverProblems, pollution, prototypeSnapshot } from './invariants';

/** The bound the issue sets for every hostile input, per request. */
const BOUND_MS = 2_000;

export function documentOf(hostile: HostileCase, text = hostile.text(), version = 1): TextDocument {
  const slug = hostile.name
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return TextDocument.create(`file:///hardening/${slug}.${hostile.cliCommand}.${hostile.syntax}`, hostile.syntax, version, text);
}

/**
 * Runs `run` and asserts it took less than the bound: in wall-clock time, or, when the machine is
 * busy (CI runs test files in parallel on 2 cores), in CPU time of this process.
 */
export function timed<T>(what: string, run: () => T, bound = BOUND_MS): T {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = run();
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  assert.ok(Math.min(elapsed, cpuMs) < bound, `${what} took ${elapsed.toFixed(0)} ms, ${cpuMs.toFixed(0)} ms of CPU time (bound ${bound} ms)`);
  return result;
}

/** Where to ask for completion and hover: the ends, the middle, and where the diagnostics point. */
function probePositions(document: TextDocument, diagnostics: Diagnostic[]): Position[] {
  const length = document.getText().length;
  const offsets = [0, 1, Math.floor(length / 2), length - 1, length];
  for (const d of diagnostics.slice(0, 5)) offsets.push(document.offsetAt(d.range.start), document.offsetAt(d.range.end));
  return [...new Set(offsets.filter((o) => o >= 0 && o <= length))].map((o) => document.positionAt(o));
}

describe('hostile documents through the service', () => {
  let snapshot: string;
  const log: string[] = [];
  const service = new RequestLanguageService({ log: (message) => log.push(message) });

  before(() => {
    snapshot = prototypeSnapshot();
  });

  for (const hostile of CORPUS) {
    it(hostile.name, { timeout: 30_000 }, () => {
      const document = documentOf(hostile);
      const diagnostics = timed('validate', () => service.validate(document));
      assert.deepEqual(diagnosticProblems(document, diagnostics), []);
      hostile.expect(diagnostics, document);

      for (const position of probePositions(document, diagnostics)) {
        const completion = timed(`completion at ${position.line}:${position.character}`, () => service.complete(document, position));
        assert.deepEqual(completionProblems(document, position, completion), []);
        const hover = timed(`hover at ${position.line}:${position.character}`, () => service.hover(document, position));
        assert.deepEqual(hoverProblems(document, hover), []);
      }
      const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
      const actions = timed('code actions', () => service.codeActions(document, whole, diagnostics));
      assert.deepEqual(codeActionProblems(document, actions), []);
      // Apply each quick fix: the result must still be checkable.
      for (const action of actions.slice(0, document.getText().length > 1_000_000 ? 1 : 20)) {
        const edits = editsOf(action, document.uri);
        if (!edits) continue;
        const fixed = TextDocument.create(document.uri, document.languageId, 2, TextDocument.applyEdits(document, edits));
        const after = timed(`validate after "${action.title}"`, () => service.validate(fixed));
        assert.deepEqual(diagnosticProblems(fixed, after), []);
      }
      service.forget(document.uri);
      assert.deepEqual(pollution(), []);
    });
  }

  it('leaves Object.prototype as it found it, and logs no failure', () => {
    assert.deepEqual(pollution(), []);
    assert.equal(prototypeSnapshot(), snapshot);
    assert.deepEqual(log, []);
  });

  after(() => service.configure({}));
});

describe('no prototype pollution from hostile keys', () => {
  const texts: [string, 'json' | 'yaml', string][] = [
    [
      'create-network-interface',
      'json',
      '{"__proto__": {"polluted": true, "SubnetId": "x"}, "constructor": {"prototype": {"polluted": true}}, "prototype": {"polluted": 1},' +
        ' "SubnetId": "subnet-0123456789abcdef0", "TagSpecifications": [{"ResourceType": "network-interface", "Tags": [{"Key": "__proto__", "Value": "polluted"}, {"Key": "__proto__", "Value": "polluted"}], "__proto__": {"polluted": true}}]}',
    ],
    [
      'delete-tags',
      'json',
      '{"Resources": ["eni-0123456789abcdef0"], "Tags": [{"Key": "__proto__", "Value": {"polluted": true}}, {"Key": "__proto__", "Value": {"polluted": true}}]}',
    ],
    [
      'run-instances',
      'yaml',
      'MinCount: 1\nMaxCount: 1\nSubnetId: subnet-0123456789abcdef0\nPrivateIpAddress: 10.0.0.5\nNetworkInterfaces:\n  - DeviceIndex: 0\n    __proto__: {polluted: true}\n    constructor: {prototype: {polluted: true}}\n',
    ],
    [
      'modify-network-interface-attribute',
      'yaml',
      'NetworkInterfaceId: eni-0123456789abcdef0\n__proto__: &p {polluted: true}\nDescription: {<<: *p, Value: x}\nprototype: *p\n',
    ],
    [
      'modify-network-interface-attribute',
      'json',
      '{"NetworkInterfaceId": "eni-0123456789abcdef0", "Description": "__proto__", "SourceDestCheck": {"__proto__": true}}',
    ],
  ];

  for (const [cliCommand, syntax, text] of texts) {
    it(`validating, completing, hovering and quick-fixing ${cliCommand}.${syntax} changes no prototype`, () => {
      const snapshot = prototypeSnapshot();
      const service = new RequestLanguageService();
      const document = TextDocument.create(`file:///proto/req.${cliCommand}.${syntax}`, syntax, 1, text);
      const diagnostics = service.validate(document);
      assert.ok(diagnostics.length > 0);
      for (let offset = 0; offset <= text.length; offset++) {
        const position = document.positionAt(offset);
        service.complete(document, position);
        service.hover(document, position);
      }
      const actions = service.codeActions(document, { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, diagnostics);
      for (const action of actions) {
        const edits = editsOf(action, document.uri);
        if (edits) service.validate(TextDocument.create(document.uri, syntax, 2, TextDocument.applyEdits(document, edits)));
      }
      assert.deepEqual(pollution(), []);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(prototypeSnapshot(), snapshot);
    });
  }
});

describe('hostile diagnostics sent back by a client', () => {
  it('malformed fix data offers no wrong edit and throws nothing', () => {
    const log: string[] = [];
    const service = new RequestLanguageService({ log: (message) => log.push(message) });
    const text = '{\n  "SubnetID": "subnet-0123456789abcdef0",\n  "Description": 5,\n  "Groups": ["sg-0f1e2d3c4b5a69788"]\n}\n';
    const document = TextDocument.create('file:///hostile/fixes.create-network-interface.json', 'json', 1, text);
    const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    const weird = [
      null,
      undefined,
      5,
      'x',
      {},
      [],
      [null],
      [{}],
      ['__proto__'],
      ['constructor', 'prototype'],
      [-1],
      [1e9],
      [0.5],
      ['Groups', 99],
      ['Groups', 'x'],
    ];
    const fixes: unknown[] = [null, 5, 'rename-key', { fix: 'no-such-fix' }];
    for (const path of weird) {
      fixes.push(
        { fix: 'rename-key', path, newKey: path },
        { fix: 'replace-value', path, value: path },
        { fix: 'wrap-value', path, key: path },
        { fix: 'insert-member', objectPath: path, key: path, value: path },
        { fix: 'remove-member', path },
        { fix: 'move-members', paths: [path, path], targetPath: path, renames: path, title: path },
        { fix: 'move-members', paths: path, targetPath: [], title: 'x' },
        { fix: 'explain', message: path },
        { fix: 'choose-operation', operations: path },
      );
    }
    const diagnostics = fixes.map((fix) => ({ range, source: 'eni-requests', message: 'x', data: { fixes: [fix] } })) as unknown as Diagnostic[];
    diagnostics.push(
      { range, source: 'eni-requests', message: 'x', data: { fixes: 'all' } } as unknown as Diagnostic,
      { range, source: 'eni-requests', message: 'x', data: null } as unknown as Diagnostic,
    );
    const actions = service.codeActions(document, range, diagnostics);
    assert.deepEqual(log, []);
    assert.deepEqual(codeActionProblems(document, actions), []);
    for (const action of actions) {
      const edits = editsOf(action, document.uri);
      if (!edits) continue;
      const fixed = TextDocument.applyEdits(document, edits);
      const after = service.validate(TextDocument.create(document.uri, 'json', 2, fixed));
      assert.ok(after.filter((d) => d.code === 'syntax-error').length === 0, `"${action.title}" broke the JSON: ${fixed}`);
    }
    assert.deepEqual(pollution(), []);
  });
});
