/**
 * Regression tests, through the service, for what the hostile corpus and the protocol fuzzer found.
 * Each test names the failure it guards against; times are bounds, far above what the fixed code
 * takes and far below what the broken code took.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/service/document/parse';
import { pathOf } from '../../server/src/service/document/navigate';
import type { ArrayNode, ObjectNode } from '../../server/src/service/document/tree';
import { MAX_DIAGNOSTICS, RequestLanguageService } from '../../server/src/service/language-service';
import { OperationRegistry, schemaAtPath } from '../../server/src/model/registry';
import { suggestOperations } from '../../server/src/service/suggest-operation';
import { closestMatch, editDistance } from '../../server/src/service/text/suggest';
import { clip } from '../../server/src/service/validation/problem';
import { completionProblems, diagnosticProblems } from './invariants';

const SUBNET = 'subnet-0123456789abcdef0';

function check(cliCommand: string, text: string, syntax: 'json' | 'yaml' = 'json', uri = `file:///regressions/req.${cliCommand}.${syntax}`) {
  const service = new RequestLanguageService();
  const document = TextDocument.create(uri, syntax, 1, text);
  const [diagnostics, ms] = timed(() => service.validate(document));
  assert.deepEqual(diagnosticProblems(document, diagnostics), []);
  return { service, document, diagnostics, ms, codes: diagnostics.map((d) => String(d.code)) };
}

function within(ms: number, bound: number, what: string): void {
  assert.ok(ms < bound, `${what} took ${ms.toFixed(0)} ms (bound ${bound} ms)`);
}

/** The result and the time taken: wall-clock, or CPU time when less (a busy machine must not fail the bound). */
function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = run();
  const cpu = process.cpuUsage(cpuStart);
  return [result, Math.min(performance.now() - start, (cpu.user + cpu.system) / 1000)];
}

const fixesOf = (d: Diagnostic) => (d.data as { fixes?: { fix: string; value?: unknown }[] } | undefined)?.fixes ?? [];

describe('nesting', () => {
  it('JSON deeper than 128 levels is refused with one error at the 129th bracket (was "Maximum call stack size exceeded")', () => {
    const text = `{"SubnetId": "${SUBNET}", "Groups": ${'['.repeat(128)}${']'.repeat(128)}}`;
    const doc = parseDocument(text, 'json');
    assert.equal(doc.root, undefined);
    assert.deepEqual(doc.problems, [
      { offset: text.indexOf('[') + 127, length: 1, message: 'The document is nested more than 128 levels deep; it is not read further', severity: 'error' },
    ]);
    const deep = parseDocument('{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000), 'json');
    assert.deepEqual(
      deep.problems.map((p) => [p.offset, p.message]),
      [[5 * 128, 'The document is nested more than 128 levels deep; it is not read further']],
    );
  });

  it('JSON exactly 128 levels deep is read; brackets in strings and comments do not count', () => {
    const doc = parseDocument(`// [[[[\n{"a": "[[[[[[", "b": ${'['.repeat(127)}${']'.repeat(127)}}`, 'json', { jsonc: true });
    assert.deepEqual(
      doc.problems.map((p) => p.severity),
      ['information'],
      'only the note on the comment',
    );
    assert.equal(doc.root?.kind, 'object');
  });

  it('YAML deeper than 128 levels is reported where the 129th level starts', () => {
    const text = `A: ${'['.repeat(200)}`;
    const doc = parseDocument(text, 'yaml');
    assert.equal(doc.problems.length, 1);
    assert.equal(doc.problems[0].offset, 3 + 127);
    assert.match(doc.problems[0].message, /nested more than 128 levels deep/);
  });
});

describe('slow paths', () => {
  it('a 1 MB string against an enum or member names is not measured by edit distance (5 MB took 17 s)', () => {
    for (const [text, syntax] of [
      [`{"SubnetId": "${SUBNET}", "InterfaceType": "${'e'.repeat(1_000_000)}"}`, 'json'],
      [`SubnetId: ${SUBNET}\n${'k'.repeat(1_000_000)}: 1\n`, 'yaml'],
    ] as const) {
      const { ms, codes } = check('create-network-interface', text, syntax);
      within(ms, 500, `validating a 1 MB ${syntax} value`);
      assert.ok(codes.includes(syntax === 'json' ? 'interface-type' : 'unknown-parameter'), codes.join());
    }
    const [match, ms] = timed(() => closestMatch('x'.repeat(1_000_000), ['interface', 'efa', 'trunk']));
    assert.equal(match, undefined);
    within(ms, 50, 'closestMatch of a 1 MB word');
  });

  it('edit distance keeps three rows, not a matrix, and stays symmetric with transpositions', () => {
    assert.equal(editDistance('SubnetID', 'SubnetId'), 1);
    assert.equal(editDistance('Subentid', 'subnetid'), 2);
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('kitten', 'sitting'), editDistance('sitting', 'kitten'));
    assert.equal(closestMatch('subnetid', ['SubnetId', 'Description']), 'SubnetId');
  });

  it('a mistyped 200 KB modeline command gets its suggestions at once (was 23 s)', () => {
    const text = `# ec2: ${'x'.repeat(200_000)}\nSubnetId: a\n`;
    const { ms, diagnostics } = check('x', text, 'yaml', 'file:///regressions/odd.yaml');
    within(ms, 2_000, 'validating a 200 KB modeline');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['no-operation'],
    );
    assert.ok(String(diagnostics[0].message).length < 1_000);
    assert.equal(suggestOperations('create-network-interfac', ['delete-tags', 'create-network-interface', 'create-tags'])[0], 'create-network-interface');
  });

  it('20,000 unknown keys in one object: each is checked against the absent members once (was 25 s for 10,000)', () => {
    const text = '{' + Array.from({ length: 20_000 }, (_, i) => `"K${i}": ${i}`).join(', ') + '}';
    const { ms, diagnostics } = check('create-network-interface', text);
    within(ms, 2_000, 'validating 20,000 unknown keys');
    assert.match(String(diagnostics[0].message), /^K0 is not a parameter of CreateNetworkInterface\. Valid: ClientToken, /);
  });

  it('40,000 unknown filter names: paths of list items are found without indexOf each time (was 5.3 s)', () => {
    const text = '{"Filters": [' + Array.from({ length: 40_000 }, (_, i) => `{"Name": "f${i}", "Values": ["a"]}`).join(', ') + ']}';
    const { ms, diagnostics } = check('describe-network-interfaces', text);
    within(ms, 2_000, 'validating 40,000 unknown filters');
    assert.equal(diagnostics.length, MAX_DIAGNOSTICS + 1);
    const root = parseDocument('[1, 2, 1, ' + Array.from({ length: 100 }, (_, i) => i).join(', ') + ']', 'json').root as ArrayNode;
    assert.deepEqual(pathOf(root.items[50]), [50]);
    assert.deepEqual(pathOf(root.items[2]), [2]);
  });

  it('quick fixes for 1,000 problems on one 1 MB line are offered within 2 s (one re-parse per fix: 4 MB took 180 s)', () => {
    const text = `{"SubnetId": "${SUBNET}", "Groups": [${Array(42_000).fill('"sg-0f1e2d3c4b5a69788"').join(', ')}]}`;
    const { service, document, diagnostics } = check('create-network-interface', text);
    // The cursor's line holds all 1,000 diagnostics: the client sends them all.
    const [actions, ms] = timed(() =>
      service.codeActions(document, { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } }, diagnostics),
    );
    within(ms, 2_000, 'code actions for 1,000 diagnostics on a 1 MB line');
    assert.ok(actions.length >= 1 && actions.length <= 20, `${actions.length} actions`);
    assert.match(actions[0].title, /^Remove the repeated Groups\[1\]$/);
  });

  it('at most 1,000 diagnostics, then one notice (50,000 duplicate keys made 50,000 diagnostics)', () => {
    const text = '{' + Array(50_000).fill(`"SubnetId": "${SUBNET}"`).join(', ') + '}';
    const { ms, diagnostics } = check('create-network-interface', text);
    within(ms, 2_000, 'validating 200,000 duplicate keys');
    assert.equal(diagnostics.length, 1001);
    assert.deepEqual(diagnostics[1000], {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 3,
      source: 'eni-requests',
      code: 'too-many-problems',
      message: '48,999 more problems in this file are not shown: only the first 1,000 are.',
    });
  });
});

describe('messages', () => {
  it('values written in the file are quoted up to 100 characters (a 5 MB value made a 5 MB message)', () => {
    const long = 'x'.repeat(200_000);
    const cases: [string, string, 'json' | 'yaml'][] = [
      ['create-network-interface', `{"SubnetId": "${long}"}`, 'json'],
      ['create-network-interface', `{"SubnetId": "${SUBNET}", "PrivateIpAddress": "${long}"}`, 'json'],
      ['create-network-interface', `{"SubnetId": "${SUBNET}", "Groups": ["${long}"]}`, 'json'],
      ['create-network-interface', `{"SubnetId": "${SUBNET}", "${long}": 1, "${long}": 2}`, 'json'],
      ['create-network-interface', `{"SubnetId": "${SUBNET}", "SecondaryPrivateIpAddressCount": ${'9'.repeat(200_000)}.5}`, 'json'],
      ['describe-network-interfaces', `{"Filters": [{"Name": "${long}", "Values": ["a"]}, {"Name": "status", "Values": ["${long}"]}]}`, 'json'],
      ['create-tags', `Resources: [eni-0123456789abcdef0]\nTags:\n  - {Key: aws:${long}, Value: x}\n`, 'yaml'],
    ];
    for (const [cliCommand, text, syntax] of cases) {
      const { diagnostics } = check(cliCommand, text, syntax);
      assert.ok(diagnostics.length > 0);
      for (const d of diagnostics) {
        assert.ok(String(d.message).length < 1_000, `${d.code}: ${String(d.message).length} characters`);
        for (const related of d.relatedInformation ?? []) assert.ok(related.message.length < 1_000);
      }
    }
  });

  it('clip keeps surrogate pairs whole', () => {
    assert.equal(clip('abc'), 'abc');
    assert.equal(clip('a'.repeat(99) + '\uD83D\uDE00' + 'b'), `${'a'.repeat(99)}… (102 characters)`);
    assert.equal(clip('a'.repeat(100) + '\uD83D\uDE00'), `${'a'.repeat(100)}… (102 characters)`);
  });

  it("the yaml package's messages are cut to 200 characters (a binary file made a 35,000-character message)", () => {
    // After a complete document, the yaml package quotes the whole stray token.
    const doc = parseDocument(`"a"\n: ${'z'.repeat(50_000)}`, 'yaml');
    const stray = doc.problems.find((p) => p.message.startsWith('Unexpected scalar token in YAML stream: "zzz'));
    assert.ok(stray, doc.problems.map((p) => p.message.slice(0, 80)).join('\n'));
    for (const problem of doc.problems) assert.ok(problem.message.length <= 201, `${problem.message.length}: ${problem.message.slice(0, 80)}`);
  });
});

describe('prototype keys', () => {
  it('__proto__, constructor, toString and hasOwnProperty are unknown parameters (they matched Object.prototype and were accepted)', () => {
    const { diagnostics, document } = check(
      'create-network-interface',
      `{"__proto__": 1, "constructor": {}, "toString": 1, "hasOwnProperty": "x", "valueOf": [], "SubnetId": "${SUBNET}", "ConnectionTrackingSpecification": {"constructor": 1}}`,
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, document.getText(d.range)]),
      [
        ['unknown-parameter', '"__proto__"'],
        ['unknown-parameter', '"constructor"'],
        ['unknown-parameter', '"toString"'],
        ['unknown-parameter', '"hasOwnProperty"'],
        ['unknown-parameter', '"valueOf"'],
        ['unknown-parameter', '"constructor"'],
      ],
    );
  });

  it('hover and schema lookups do not describe Object.prototype members as request members', () => {
    const operation = new OperationRegistry().get('create-network-interface')!;
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.equal(schemaAtPath(operation, [key]), undefined, key);
    assert.equal(schemaAtPath(operation, ['TagSpecifications', 0, 'constructor']), undefined);
    const { service, document } = check('create-network-interface', `{"constructor": {"toString": 1}, "SubnetId": "${SUBNET}"}`);
    assert.equal(service.hover(document, { line: 0, character: 4 }), null);
    assert.equal(service.hover(document, { line: 0, character: 20 }), null);
  });

  it('a JSON file with keys like constructor and toString is not taken for a request of every operation', () => {
    const { diagnostics } = check('x', '{"constructor": 1, "toString": 2}', 'json', 'file:///regressions/package.json');
    assert.deepEqual(diagnostics, []);
  });
});

describe('numbers beyond 2^53', () => {
  it('no "change to the number" fix when the number would not be the one written', () => {
    const { diagnostics } = check('create-network-interface', `{"SubnetId": "${SUBNET}", "Ipv6PrefixCount": "99999999999999999999", "Ipv4PrefixCount": "3"}`);
    const [big, small] = diagnostics.filter((d) => d.code === 'wrong-type');
    assert.match(String(big.message), /^Ipv6PrefixCount must be a whole number, not the string "99999999999999999999"\. Remove the quotes\.$/);
    assert.deepEqual(fixesOf(big), []);
    assert.deepEqual(
      fixesOf(small).map((f) => [f.fix, f.value]),
      [['replace-value', 3]],
    );
  });

  it('MinCount above MaxCount offers only the fixes it can write exactly', () => {
    const { diagnostics } = check('run-instances', `{"MinCount": 99999999999999999999, "MaxCount": 2, "ImageId": "ami-12345678"}`);
    const problem = diagnostics.find((d) => d.code === 'min-max-count')!;
    assert.deepEqual(
      fixesOf(problem).map((f) => [f.fix, f.value]),
      [['replace-value', 2]],
    );
  });
});

describe('YAML text', () => {
  it('characters YAML forbids are a syntax error, as the AWS CLI refuses the file (a NUL key was taken as a key)', () => {
    const text = `SubnetId: ${SUBNET}\n\u0000\u0001: 1\nDescription: caf\u0085\u0007 \uFEFF ok \uD83D\uDE00 \uD800\n`;
    const doc = parseDocument(text, 'yaml');
    const nonPrintable = doc.problems.filter((p) => p.message.includes('not allowed in YAML'));
    assert.deepEqual(
      nonPrintable.map((p) => [text.slice(p.offset, p.offset + p.length), p.message]),
      [
        ['\u0000\u0001', 'Character U+0000 is not allowed in YAML; the AWS CLI cannot read this file'],
        ['\u0007', 'Character U+0007 is not allowed in YAML; the AWS CLI cannot read this file'],
        ['\uD800', 'Character U+D800 is not allowed in YAML; the AWS CLI cannot read this file'],
      ],
    );
  });

  it('a binary file gets 20 of those and one more that says so', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => String.fromCharCode((i * 7919) % 32)).join('');
    const problems = parseDocument(text, 'yaml').problems.filter((p) => /not allowed in YAML|does not allow/.test(p.message));
    assert.equal(problems.length, 21);
    assert.equal(problems[20].message, 'More characters that YAML does not allow follow; this looks like a binary file');
  });

  it('a lone CR ends a line, as in the editor (the yaml package read "A: 1\\rB: 2" as one line)', () => {
    const { diagnostics, document } = check('create-network-interface', `SubnetId: ${SUBNET}\rDescription: 5\rGroups:\r  - 7\r`, 'yaml');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, document.getText(d.range), d.range.start.line]),
      [
        ['wrong-type', '5', 1],
        ['wrong-type', '7', 3],
      ],
    );
    const root = parseDocument('A: "x\r  y"\rB: 1', 'yaml').root as ObjectNode;
    assert.deepEqual(
      root.properties.map((p) => p.key.value),
      ['A', 'B'],
    );
  });
});

describe('completion edits (found by the fuzzer)', () => {
  const completeAt = (cliCommand: string, marked: string, syntax: 'json' | 'yaml' = 'json') => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    const service = new RequestLanguageService();
    const document = TextDocument.create(`file:///regressions/c.${cliCommand}.${syntax}`, syntax, 1, text);
    const position = document.positionAt(offset);
    const list = service.complete(document, position);
    assert.deepEqual(completionProblems(document, position, list), []);
    return { list, document };
  };
  const item = (items: CompletionItem[], label: string) => items.find((i) => i.label === label)!;

  it('a comma missing right before the typed key is part of the main edit, not an overlapping additional edit', () => {
    // Seed 1, step 2 of desc.reset-network-interface-attribute.json: `"SourceDestChe"m9gd.medium"ck"`.
    const { list } = completeAt('create-network-interface', '{"SubnetId": "x"Gro|}');
    const groups = item(list.items, 'Groups');
    assert.equal((groups.textEdit as TextEdit).newText, ',"Groups": [$1]');
    assert.deepEqual((groups.textEdit as TextEdit).range, { start: { line: 0, character: 16 }, end: { line: 0, character: 19 } });
    assert.equal(groups.additionalTextEdits, undefined);
    // With white space in between, the comma still goes right after the previous value.
    const spaced = item(completeAt('create-network-interface', '{"SubnetId": "x" Gro|}').list.items, 'Groups');
    assert.deepEqual(spaced.additionalTextEdits, [{ range: { start: { line: 0, character: 16 }, end: { line: 0, character: 16 } }, newText: ',' }]);
  });

  it('a lone CR ends the line for completion too: the edit stays on the cursor line', () => {
    // Seed 2, step 59 of efa.create-network-interface.json: a CR typed into a key.
    const { list } = completeAt('create-network-interface', '{\n "E|\r');
    assert.ok(list.items.length > 0);
    const yaml = completeAt('create-network-interface', 'SubnetId: x\rDesc|\rGroups: []\r', 'yaml');
    assert.deepEqual(yaml.list.items.map((i) => i.label).includes('Description'), true);
  });
});

describe('quick fixes from client data', () => {
  it('a null or malformed entry in the fix data sent back is skipped; the other fixes are still offered (a null failed the whole request)', () => {
    const log: string[] = [];
    const service = new RequestLanguageService({ log: (message) => log.push(message) });
    const text = '{"SubnetID": "subnet-0123456789abcdef0"}';
    const document = TextDocument.create('file:///regressions/fixes.create-network-interface.json', 'json', 1, text);
    const [published] = service.validate(document);
    const data = published.data as { fixes: unknown[] };
    const sentBack = { ...published, data: { fixes: [null, 5, { nofix: true }, ...data.fixes] } } as Diagnostic;
    const actions = service.codeActions(document, published.range, [sentBack]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to SubnetId'],
    );
    assert.deepEqual(log, []);
  });
});
