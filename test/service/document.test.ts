import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, syntaxForLanguage } from '../../server/src/service/document/parse';
import { getProperty, nodeAtOffset, nodeAtPath, pathOf, propertyValue, toPlainValue } from '../../server/src/service/document/navigate';
import type { ArrayNode, ObjectNode, ParsedDocument, PropertyNode, StringNode, Syntax, ValueNode } from '../../server/src/service/document/tree';

function parse(text: string, syntax: Syntax): ParsedDocument {
  return parseDocument(text, syntax);
}

function rootObject(doc: ParsedDocument): ObjectNode {
  assert.equal(doc.root?.kind, 'object');
  return doc.root as ObjectNode;
}

function prop(obj: ValueNode | undefined, key: string): PropertyNode {
  assert.equal(obj?.kind, 'object', `expected an object holding ${key}`);
  const property = getProperty(obj as ObjectNode, key);
  assert.ok(property, `property ${key} missing`);
  return property;
}

/** Asserts the node (or problem) covers exactly `token`, found in `text` at or after `from`. */
function assertRange(text: string, node: { offset: number; length: number } | undefined, token: string, from = 0): void {
  assert.ok(node, `no node for ${token}`);
  const offset = text.indexOf(token, from);
  assert.ok(offset >= 0, `${token} not in text`);
  assert.deepEqual({ offset: node.offset, length: node.length }, { offset, length: token.length }, `range of ${token}`);
}

function messages(doc: ParsedDocument): string[] {
  return doc.problems.map((p) => `${p.severity}: ${p.message}`);
}

test('JSON: exact ranges of keys, values, properties and containers', () => {
  const text = '{\n  "Description": "eni one",\n  "Groups": ["sg-1", "sg-2"],\n  "Nested": {"Count": 12, "On": true, "Off": null}\n}\n';
  const doc = parse(text, 'json');
  assert.deepEqual(doc.problems, []);
  const root = rootObject(doc);
  assertRange(text, root, text.trimEnd());

  const description = prop(root, 'Description');
  assertRange(text, description.key, '"Description"');
  assertRange(text, description.value, '"eni one"');
  assertRange(text, description, '"Description": "eni one"');
  assert.equal(description.colonOffset, text.indexOf(':'));
  assert.equal(description.key.quoted, true);

  const groups = prop(root, 'Groups').value as ArrayNode;
  assertRange(text, groups, '["sg-1", "sg-2"]');
  assertRange(text, groups.items[1], '"sg-2"');
  assert.equal(groups.items[1].parent, groups);

  const nested = prop(root, 'Nested');
  assertRange(text, nested.value, '{"Count": 12, "On": true, "Off": null}');
  const count = prop(nested.value, 'Count');
  assertRange(text, count.key, '"Count"');
  assertRange(text, count.value, '12');
  assert.equal(count.value?.kind, 'number');
  assert.equal(prop(nested.value, 'On').value?.kind, 'boolean');
  assertRange(text, prop(nested.value, 'Off').value, 'null');
  assert.equal(count.parent, nested.value);
  assert.equal(count.value?.parent, count);
  assert.equal(count.key.parent, count);
});

test('YAML: exact ranges of keys, values, properties and containers', () => {
  const text = 'Description: eni one\nGroups:\n  - sg-1\n  - "sg-2"\nNested:\n  Count: 12\n  Flow: {On: true, Off: null}\n';
  const doc = parse(text, 'yaml');
  assert.deepEqual(doc.problems, []);
  const root = rootObject(doc);
  assertRange(text, root, text.trimEnd());

  const description = prop(root, 'Description');
  assertRange(text, description.key, 'Description');
  assertRange(text, description.value, 'eni one');
  assertRange(text, description, 'Description: eni one');
  assert.equal(description.colonOffset, text.indexOf(':'));

  const groups = prop(root, 'Groups');
  assertRange(text, groups.value, '- sg-1\n  - "sg-2"');
  assertRange(text, groups, 'Groups:\n  - sg-1\n  - "sg-2"');
  assertRange(text, (groups.value as ArrayNode).items[1], '"sg-2"');

  const nested = prop(root, 'Nested');
  assertRange(text, nested.value, 'Count: 12\n  Flow: {On: true, Off: null}');
  const count = prop(nested.value, 'Count');
  assertRange(text, count.key, 'Count');
  assertRange(text, count.value, '12');
  const flow = prop(nested.value, 'Flow');
  assertRange(text, flow.value, '{On: true, Off: null}');
  assertRange(text, prop(flow.value, 'Off').value, 'null');
  assert.equal(prop(flow.value, 'Off').colonOffset, text.indexOf('Off:') + 3);
  assert.equal(count.value?.parent, count);
  assert.equal(count.parent, nested.value);
});

test('YAML: quoted and plain scalars keep their types', () => {
  const text = 'A: 2\nB: "2"\nC: \'2\'\nD: true\nE: null\nF: ~\nG: x y\nH: |\n  block\nI: 1.50\n';
  const root = rootObject(parse(text, 'yaml'));
  const value = (key: string): ValueNode | undefined => propertyValue(root, key);
  assert.deepEqual(value('A'), { ...value('A'), kind: 'number', value: 2, raw: '2' });
  assert.deepEqual(value('B'), { ...value('B'), kind: 'string', value: '2', quoted: true });
  assert.deepEqual(value('C'), { ...value('C'), kind: 'string', value: '2', quoted: true });
  assert.equal(value('D')?.kind, 'boolean');
  assert.equal(value('E')?.kind, 'null');
  assert.equal(value('F')?.kind, 'null');
  assert.deepEqual(value('G'), { ...value('G'), kind: 'string', value: 'x y', quoted: false });
  assert.deepEqual(value('H'), { ...value('H'), kind: 'string', value: 'block\n', quoted: false });
  assert.deepEqual(value('I'), { ...value('I'), kind: 'number', value: 1.5, raw: '1.50' });
  assertRange(text, value('B'), '"2"');
  assertRange(text, value('C'), "'2'");
  assert.equal(prop(root, 'A').key.quoted, false);
});

test('JSON: a syntax error keeps the rest of the document', () => {
  const text = '{\n  "A": 1\n  "B": [1, 2,],\n  "C": {"D": tru},\n  "E": "ok"\n}';
  const doc = parse(text, 'json');
  assert.deepEqual(messages(doc), ['error: Expected a comma', 'error: Trailing commas are not allowed', "error: Invalid value 'tru'"]);
  assertRange(text, doc.problems[0], '"B"');
  assert.deepEqual([doc.problems[1].offset, doc.problems[1].length], [text.indexOf(',]'), 1]);
  assertRange(text, doc.problems[2], 'tru');
  const root = rootObject(doc);
  assert.deepEqual(toPlainValue(root), { A: 1, B: [1, 2], C: { D: null }, E: 'ok' });
  assert.equal(prop(prop(root, 'C').value, 'D').value, undefined);
  assertRange(text, prop(root, 'E').value, '"ok"');
});

test('JSON: clear messages for common mistakes', () => {
  const cases: [string, string][] = [
    ["{'A': 1}", 'Property keys must be double-quoted'],
    ['{A: 1}', 'Property keys must be double-quoted'],
    ['{"A": \'x y\'}', 'Strings must be double-quoted'],
    ['{"A": 1', "Unexpected end of file, expected '}'"],
    ['{"A": [1', "Unexpected end of file, expected ']'"],
    ['{"A" 1}', "Expected ':' after the property key"],
    ['{"A": 1} x', 'Unexpected content after the end of the document'],
    ['{"A": "x', 'Unterminated string: expected a closing double quote'],
  ];
  for (const [text, message] of cases) {
    const doc = parse(text, 'json');
    assert.equal(doc.problems[0]?.message, message, text);
  }
  const quoted = parse('{"A": \'x y\'}', 'json').problems;
  assert.equal(quoted.length, 1);
  assert.deepEqual([quoted[0].offset, quoted[0].length], [6, 5]);
});

test('YAML: a syntax error keeps the rest of the document', () => {
  const text = 'A: 1\nB: [1, 2\nC: "three"\n';
  const doc = parse(text, 'yaml');
  assert.equal(doc.problems.length, 1);
  assert.equal(doc.problems[0].severity, 'error');
  assert.ok(!doc.problems[0].message.includes('\n'));
  const root = rootObject(doc);
  assert.deepEqual(toPlainValue(root), { A: 1, B: [1, 2], C: 'three' });
  assertRange(text, prop(root, 'C').value, '"three"');
});

test('JSONC: comments are read; the AWS CLI refuses each in a .json file, a .jsonc file gets one note', () => {
  const text = '// request\n{\n  /* the group */ "A": 1, // trailing\n  "B": 2\n}';
  const doc = parse(text, 'json');
  assert.deepEqual(toPlainValue(doc.root as ValueNode), { A: 1, B: 2 });
  assertRange(text, prop(doc.root, 'A'), '"A": 1');
  assert.deepEqual(
    doc.problems.map((p) => [p.code, p.severity, text.slice(p.offset, p.offset + p.length)]),
    [
      ['cli-json-syntax', 'error', '// request'],
      ['cli-json-syntax', 'error', '/* the group */'],
      ['cli-json-syntax', 'error', '// trailing'],
    ],
  );
  const jsonc = parseDocument(text, 'json', { jsonc: true });
  assert.deepEqual(
    jsonc.problems.map((p) => [p.code, p.severity, text.slice(p.offset, p.offset + p.length)]),
    [['cli-json-syntax', 'information', '// request']],
  );
  assert.match(jsonc.problems[0].message, /AWS CLI cannot read/);
});

test('JSON the AWS CLI refuses although jsonc-parser reads it: a BOM, a top-level list or scalar', () => {
  const cases: [string, string][] = [
    ['\uFEFF{"A": 1}', '\uFEFF'],
    ['[{"A": 1}]', '['],
    ['"text"', '"text"'],
  ];
  for (const [text, at] of cases) {
    const doc = parse(text, 'json');
    assert.deepEqual(
      doc.problems.map((p) => [p.code, p.severity, text.slice(p.offset, p.offset + p.length)]),
      [['cli-json-syntax', 'error', at]],
      JSON.stringify(text),
    );
  }
  // Their legal neighbours: a string holding U+00A0 or a BOM, a plain object.
  for (const text of ['{"A": 1, "B": 2}', '{"A": "a\u00A0b\uFEFF"}', '{"A": [1]}\n']) assert.deepEqual(parse(text, 'json').problems, [], JSON.stringify(text));
});

test('duplicate keys stay in the tree, in source order; the last one wins', () => {
  for (const [text, syntax] of [
    ['{"A": 1, "B": 0, "A": 2}', 'json'],
    ['A: 1\nB: 0\nA: 2\n', 'yaml'],
  ] as const) {
    const doc = parse(text, syntax);
    assert.deepEqual(doc.problems, [], syntax);
    const root = rootObject(doc);
    assert.deepEqual(
      root.properties.map((p) => [p.key.value, toPlainValue(p.value as ValueNode)]),
      [
        ['A', 1],
        ['B', 0],
        ['A', 2],
      ],
    );
    assert.equal(getProperty(root, 'A'), root.properties[2]);
    assert.deepEqual(toPlainValue(root), { A: 2, B: 0 });
  }
});

test('empty documents have no root and no problem', () => {
  for (const [text, syntax] of [
    ['', 'json'],
    ['  \n', 'json'],
    ['', 'yaml'],
    ['# nothing yet\n', 'yaml'],
    ['---\n', 'yaml'],
  ] as const) {
    const doc = parse(text, syntax);
    assert.equal(doc.root, undefined, JSON.stringify(text));
    assert.deepEqual(doc.problems, [], JSON.stringify(text));
    assert.equal(doc.syntax, syntax);
  }
});

test('a key without a value', () => {
  const json = '{"A": , "B":}';
  const jsonDoc = parse(json, 'json');
  assert.ok(jsonDoc.problems.length > 0);
  const a = prop(jsonDoc.root, 'A');
  assert.equal(a.value, undefined);
  assert.equal(a.colonOffset, json.indexOf(':'));
  assertRange(json, a, '"A":');
  assert.equal(prop(jsonDoc.root, 'B').value, undefined);
  const noColon = prop(parse('{"A" }', 'json').root, 'A');
  assert.equal(noColon.colonOffset, undefined);
  assert.equal(noColon.length, 3);

  const yaml = 'A:\nB: 1\nC: # nothing\nD: null\n';
  const yamlDoc = parse(yaml, 'yaml');
  assert.deepEqual(yamlDoc.problems, []);
  const yamlA = prop(yamlDoc.root, 'A');
  assert.equal(yamlA.value, undefined);
  assert.equal(yamlA.colonOffset, 1);
  assertRange(yaml, yamlA, 'A:');
  assert.equal(prop(yamlDoc.root, 'C').value, undefined);
  assert.equal(prop(yamlDoc.root, 'D').value?.kind, 'null');
  assert.deepEqual(toPlainValue(yamlDoc.root as ValueNode), { A: null, B: 1, C: null, D: null });
});

test('a leading BOM does not shift offsets (the AWS CLI refuses it in JSON only)', () => {
  for (const [text, syntax] of [
    ['\uFEFF{"A": "x"}', 'json'],
    ['\uFEFFA: "x"\n', 'yaml'],
    ['\uFEFF{A: "x"}', 'yaml'],
  ] as const) {
    const doc = parse(text, syntax);
    assert.deepEqual(
      doc.problems.map((p) => p.code),
      syntax === 'json' ? ['cli-json-syntax'] : [],
      syntax,
    );
    const a = prop(doc.root, 'A');
    assertRange(text, a.value, '"x"');
    assert.equal(a.key.offset, text.indexOf('A') - (syntax === 'json' ? 1 : 0));
  }
});

test('CRLF line endings keep offsets exact', () => {
  const json = '{\r\n  "A": "x",\r\n  "B": [1,\r\n 2]\r\n}\r\n';
  const jsonRoot = rootObject(parse(json, 'json'));
  assertRange(json, prop(jsonRoot, 'B').value, '[1,\r\n 2]');
  assertRange(json, prop(jsonRoot, 'B').key, '"B"');

  const yaml = 'A: x\r\nB:\r\n  - 1\r\n  - two\r\nC: "q"\r\n';
  const yamlDoc = parse(yaml, 'yaml');
  assert.deepEqual(yamlDoc.problems, []);
  const yamlRoot = rootObject(yamlDoc);
  assertRange(yaml, prop(yamlRoot, 'A').value, 'x');
  assertRange(yaml, prop(yamlRoot, 'B').value, '- 1\r\n  - two');
  assertRange(yaml, prop(yamlRoot, 'C').key, 'C');
  assertRange(yaml, prop(yamlRoot, 'C').value, '"q"');
});

test('YAML: an alias is a copy of the anchored node that belongs where the alias is', () => {
  const text = 'A: &x {K: 1}\nB: *x\nC: *nope\n';
  const doc = parse(text, 'yaml');
  const root = rootObject(doc);
  const a = propertyValue(root, 'A') as ObjectNode;
  const b = propertyValue(root, 'B') as ObjectNode;
  assert.notEqual(b, a);
  assert.deepEqual(toPlainValue(b), toPlainValue(a));
  assert.equal(a.parent, prop(root, 'A'));
  assert.equal(a.use, undefined);
  // The copy: at the alias, in B's place, pointing at what is written under the anchor.
  assert.equal(b.parent, prop(root, 'B'));
  assertRange(text, b, '*x');
  assert.deepEqual(pathOf(b), ['B']);
  assert.deepEqual({ anchor: b.use?.anchor, whole: b.use?.whole, written: b.use?.written }, { anchor: 'x', whole: true, written: a });
  const k = prop(b, 'K');
  assertRange(text, k, '*x');
  assertRange(text, k.value, '*x');
  assert.deepEqual(pathOf(k.value!), ['B', 'K']);
  assert.deepEqual({ anchor: k.use?.anchor, whole: k.use?.whole, written: k.use?.written }, { anchor: 'x', whole: false, written: prop(a, 'K') });
  assert.equal(k.value?.use?.written, prop(a, 'K').value);
  assert.deepEqual(messages(doc), ['error: Unknown alias *nope: no anchor &nope is defined before it']);
  assertRange(text, doc.problems[0], '*nope');
  assertRange(text, propertyValue(root, 'C'), '*nope');
  assertRange(text, prop(root, 'B'), 'B: *x');
});

test('YAML: an alias inside an anchored node, used again, still points at where the text is', () => {
  const text = 'G: &g [sg-1]\nE: &e {Groups: *g}\nL: [*e, *e]\n';
  const root = rootObject(parse(text, 'yaml'));
  const [first, second] = (propertyValue(root, 'L') as ArrayNode).items as ObjectNode[];
  assertRange(text, first, '*e', text.indexOf('L:'));
  assertRange(text, second, '*e', text.indexOf('*e,') + 1);
  assert.deepEqual(pathOf(prop(second, 'Groups').value!), ['L', 1, 'Groups']);
  const groups = prop(second, 'Groups').value!;
  assert.equal(groups.use?.written, propertyValue(root, 'G'));
  assert.equal(groups.use?.anchor, 'g');
  assert.equal(groups.use?.whole, false);
});

test('YAML: at an alias, the node at the cursor is what the alias stands for', () => {
  const text = 'A: &x {K: 1}\nB: *x\nC:\n  <<: *x\n  L: 2\n';
  const root = rootObject(parse(text, 'yaml'));
  assert.equal(nodeAtOffset(root, text.indexOf('*x')), propertyValue(root, 'B'));
  // At a merge key's alias: the merging mapping, not a member it brings in.
  assert.equal(nodeAtOffset(root, text.lastIndexOf('*x')), propertyValue(root, 'C'));
  assert.equal(nodeAtOffset(root, text.indexOf('L:')), prop(propertyValue(root, 'C'), 'L'));
});

test('YAML: an alias bomb stops expanding with one error', () => {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const previous = `*${names[i - 1]}`;
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(previous).join(', ')}]`);
  }
  const text = lines.join('\n') + '\n';
  const started = Date.now();
  const doc = parse(text, 'yaml');
  const plain = JSON.stringify(toPlainValue(doc.root as ValueNode));
  assert.ok(Date.now() - started < 2000, 'took too long');
  assert.ok(plain.length < 200_000);
  const errors = doc.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(
    errors.map((p) => p.message),
    ['Too many alias expansions; the document is not expanded further'],
  );
  assert.equal(text.slice(errors[0].offset, errors[0].offset + errors[0].length), '*d');
  assert.equal(propertyValue(rootObject(doc), 'i')?.kind, 'array');
});

test('YAML: merge keys', () => {
  const text = [
    'base: &base {A: 1, B: 2}',
    'extra: &extra {C: 3, A: 9}',
    'one:',
    '  <<: *base',
    '  B: 20',
    'two: {<<: [*extra, *base], D: 4}',
    'bad:',
    '  <<: 5',
    '',
  ].join('\n');
  const doc = parse(text, 'yaml');
  const root = rootObject(doc);
  assert.deepEqual(toPlainValue(root), {
    base: { A: 1, B: 2 },
    extra: { C: 3, A: 9 },
    one: { A: 1, B: 20 },
    two: { C: 3, A: 9, B: 2, D: 4 },
    bad: {},
  });
  const one = propertyValue(root, 'one') as ObjectNode;
  assert.deepEqual(
    one.properties.map((p) => p.key.value),
    ['A', 'B'],
  );
  // The merged property is a copy that belongs to the merging mapping, at the alias; it points at the source's own node.
  const merged = getProperty(one, 'A')!;
  assert.equal(merged.parent, one);
  assert.equal(merged.use?.written, prop(propertyValue(root, 'base'), 'A'));
  assert.equal(merged.use?.anchor, 'base');
  assertRange(text, merged, '*base');
  assertRange(text, merged.value, '*base');
  assert.deepEqual(pathOf(merged.value!), ['one', 'A']);
  assert.equal(getProperty(one, '<<'), undefined);
  // From a mapping merged in place: a copy with its own range, no anchor.
  const inPlace = 'one:\n  <<: {E: 5}\n  F: 6\n';
  const e = prop(propertyValue(rootObject(parse(inPlace, 'yaml')), 'one'), 'E');
  assertRange(inPlace, e, 'E: 5');
  assert.deepEqual(pathOf(e.value!), ['one', 'E']);
  assert.equal(e.use?.anchor, undefined);
  assert.equal(e.use?.written.parent?.kind, 'object');
  assert.deepEqual(messages(doc), ['error: The merge key << needs a mapping or a list of mappings, such as *anchor or [*a, *b]']);
  assertRange(text, doc.problems[0], '5');
});

test('YAML: the first document is the request; the AWS CLI refuses a file with more', () => {
  const text = 'A: 1\n---\nB: 2\n--- # third\nC: [\n';
  const doc = parse(text, 'yaml');
  assert.deepEqual(toPlainValue(doc.root as ValueNode), { A: 1 });
  const more = doc.problems.filter((p) => p.code === 'cli-yaml-syntax');
  assert.deepEqual(
    more.map((p) => [p.severity, text.slice(p.offset, p.offset + p.length)]),
    [
      ['error', '---'],
      ['error', '--- # third'],
    ],
  );
  assert.match(more[0].message, /AWS CLI reads one document/);
  assert.ok(
    doc.problems.some((p) => p.code === undefined && p.severity === 'error'),
    'syntax errors of later documents are still reported',
  );
  // The legal neighbour: one document, with or without its start marker.
  assert.deepEqual(parse('---\nA: 1\n', 'yaml').problems, []);
});

test('YAML: custom tags make the AWS CLI refuse the file; !!binary is read as bytes, !!str as a string', () => {
  const text = 'A: !Ref SubnetId\nB: !!binary aGk=\nC: !Custom {D: 1}\nE: !!str 5\n';
  const doc = parse(text, 'yaml');
  assert.deepEqual(toPlainValue(doc.root as ValueNode), { A: 'SubnetId', B: 'aGk=', C: { D: 1 }, E: '5' });
  assert.deepEqual(
    doc.problems.map((p) => [p.severity, p.code, text.slice(p.offset, p.offset + p.length)]),
    [
      ['error', 'cli-yaml-syntax', '!Ref'],
      ['error', 'cli-yaml-syntax', '!Custom'],
    ],
  );
  assert.equal((prop(doc.root, 'B').value as StringNode).readAs, 'bytes');
});

test('YAML: plain scalars are typed as the AWS CLI reads them (ruamel.yaml, YAML 1.2; 1.1 under a directive)', () => {
  const text = 'I: 1_000\nH: 0x10\nO: 0o17\nZ: 017\nF: 1e3\nN: .inf\nD: 2020-01-01\nT: 2001-12-14t21:59:43.10-05:00\nY: yes\nS: 12:30:00\nU: _\nE: ~\n';
  const root = rootObject(parse(text, 'yaml'));
  const read = (key: string) => {
    const node = propertyValue(root, key)!;
    if (node.kind === 'number') return [node.kind, node.value, node.integer];
    if (node.kind === 'string') return [node.kind, node.value, node.readAs ?? null];
    return [node.kind, toPlainValue(node)];
  };
  assert.deepEqual(read('I'), ['number', 1000, true]);
  assert.deepEqual(read('H'), ['number', 16, true]);
  assert.deepEqual(read('O'), ['number', 15, true]);
  assert.deepEqual(read('Z'), ['number', 17, true]);
  assert.deepEqual(read('F'), ['number', 1000, false]);
  assert.deepEqual(read('N'), ['number', Infinity, false]);
  assert.deepEqual(read('D'), ['string', '2020-01-01', 'date']);
  assert.deepEqual(read('T'), ['string', '2001-12-14t21:59:43.10-05:00', 'timestamp']);
  assert.deepEqual(read('Y'), ['string', 'yes', null]);
  assert.deepEqual(read('S'), ['string', '12:30:00', null]);
  assert.deepEqual(read('U'), ['string', '_', null]);
  assert.deepEqual(read('E'), ['null', null]);
  const old = rootObject(parse('%YAML 1.1\n---\nY: yes\nZ: 017\n', 'yaml'));
  assert.deepEqual([toPlainValue(propertyValue(old, 'Y')!), toPlainValue(propertyValue(old, 'Z')!)], [true, 15]);
  // Quoted, they are strings.
  assert.equal(propertyValue(rootObject(parse('I: "1_000"\n', 'yaml')), 'I')?.kind, 'string');
});

test('YAML: a tab outside quotes, block scalars and comments makes the AWS CLI refuse the file; inside them it is text', () => {
  for (const text of ['A:\tb\n', 'A: b\t\n', 'A: a\tb\n', '- a\n-\tb\n', 'A: [a,\tb]\n', 'A: b\t# c\n']) {
    const doc = parse(text, 'yaml');
    assert.deepEqual(
      doc.problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]),
      [['cli-yaml-syntax', '\t']],
      JSON.stringify(text),
    );
  }
  for (const text of ['A: "x\ty"\n', "A: 'x\ty'\n", 'A: |\n  x\ty\n', 'A: b # c\td\n'])
    assert.deepEqual(parse(text, 'yaml').problems, [], JSON.stringify(text));
});

test('YAML: tabs used as indentation are a syntax error, not a crash', () => {
  const text = 'A:\n\tB: 1\nC: 2\n';
  const doc = parse(text, 'yaml');
  assert.deepEqual(messages(doc), ['error: Tabs are not allowed as indentation'], 'reported once');
  assertRange(text, doc.problems[0], '\t');
  assert.equal(propertyValue(rootObject(doc), 'C')?.kind, 'number');
});

test('parsing never throws', () => {
  const inputs = ['['.repeat(100_000), '{"a":'.repeat(50_000), '- '.repeat(20_000) + 'x', '['.repeat(20_000), ']]]', '&a *a', '? [a]\n: 1\n*b : 2'];
  for (const text of inputs) {
    for (const syntax of ['json', 'yaml'] as const) {
      const doc = parse(text, syntax);
      assert.equal(doc.syntax, syntax);
    }
  }
  assert.deepEqual(messages(parse('['.repeat(3000), 'yaml')), ['error: The document is nested more than 128 levels deep; it is not read further']);
  const complexKeys = parse('? [a]\n: 1\nB: 2\n', 'yaml');
  assert.deepEqual(messages(complexKeys), ['error: Only strings can be used as keys']);
  assert.deepEqual(toPlainValue(complexKeys.root as ValueNode), { B: 2 });
});

test('toPlainValue: a __proto__ key is plain data', () => {
  for (const [text, syntax] of [
    ['{"__proto__": {"polluted": true}, "A": 1}', 'json'],
    ['__proto__:\n  polluted: true\nA: 1\n', 'yaml'],
  ] as const) {
    const plain = toPlainValue(parse(text, syntax).root as ValueNode) as Record<string, unknown>;
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(plain), Object.prototype);
    assert.equal(plain.polluted, undefined);
    assert.deepEqual(Object.keys(plain), ['__proto__', 'A']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value, { polluted: true });
  }
});

test('pathOf and nodeAtPath round trip', () => {
  const json = '{"A": [{"B": [10, 20]}, {"C": {"D": "x"}}], "E": 1}';
  const yaml = 'A:\n  - B: [10, 20]\n  - C:\n      D: x\nE: 1\n';
  for (const [text, syntax] of [
    [json, 'json'],
    [yaml, 'yaml'],
  ] as const) {
    const root = parse(text, syntax).root as ValueNode;
    for (const path of [[], ['A'], ['A', 0, 'B', 1], ['A', 1, 'C', 'D'], ['E']]) {
      const node = nodeAtPath(root, path);
      assert.ok(node, `${syntax} ${path.join('.')}`);
      assert.deepEqual(pathOf(node), path);
    }
    const d = prop(nodeAtPath(root, ['A', 1, 'C']), 'D');
    assert.deepEqual(pathOf(d), ['A', 1, 'C', 'D']);
    assert.deepEqual(pathOf(d.key), ['A', 1, 'C', 'D']);
    assert.equal(nodeAtPath(root, ['A', 5]), undefined);
    assert.equal(nodeAtPath(root, ['E', 'F']), undefined);
    assert.equal(nodeAtPath(root, ['A', 'B']), undefined);
  }
});

test('nodeAtOffset: key positions give the property, value positions the value', () => {
  for (const [text, syntax] of [
    ['{"Groups": ["sg-1", "sg-2"], "Count": 2}', 'json'],
    ['Groups: [sg-1, sg-2]\nCount: 2\n', 'yaml'],
  ] as const) {
    const root = parse(text, syntax).root as ValueNode;
    const groups = prop(root, 'Groups');
    assert.equal(nodeAtOffset(root, text.indexOf('Groups') + 1), groups, 'inside the key');
    assert.equal(nodeAtOffset(root, text.indexOf(':')), groups, 'on the colon');
    const sg2 = (groups.value as ArrayNode).items[1];
    assert.equal(nodeAtOffset(root, text.indexOf('sg-2')), sg2);
    assert.equal(nodeAtOffset(root, text.indexOf(',', text.indexOf('sg-1'))), groups.value, 'between items');
    assert.equal(nodeAtOffset(root, text.indexOf('2', text.indexOf('Count'))), propertyValue(root as ObjectNode, 'Count'));
    assert.equal(nodeAtOffset(root, text.length + 5), undefined);
    const countEnd = (propertyValue(root as ObjectNode, 'Count') as ValueNode).offset + 1;
    assert.notEqual(nodeAtOffset(root, countEnd)?.kind, 'number');
    assert.equal(nodeAtOffset(root, countEnd, true)?.kind, 'number');
  }
});

test('numbers beyond 2^53 keep their source text', () => {
  for (const [text, syntax] of [
    ['{"A": 123456789012345678901, "B": 1.0, "C": -0}', 'json'],
    ['A: 123456789012345678901\nB: 1.0\nC: -0\n', 'yaml'],
  ] as const) {
    const root = rootObject(parse(text, syntax));
    const a = propertyValue(root, 'A');
    assert.equal(a?.kind, 'number');
    assert.equal(a.kind === 'number' && a.raw, '123456789012345678901');
    const b = propertyValue(root, 'B');
    assert.equal(b?.kind === 'number' && b.raw, '1.0');
  }
});

test('syntaxForLanguage', () => {
  assert.equal(syntaxForLanguage('json', 'x.txt'), 'json');
  assert.equal(syntaxForLanguage('jsonc', 'x'), 'json');
  assert.equal(syntaxForLanguage('yaml', 'x.json'), 'yaml');
  assert.equal(syntaxForLanguage('yml', 'x'), 'yaml');
  assert.equal(syntaxForLanguage('plaintext', '/a/b/request.YML'), 'yaml');
  assert.equal(syntaxForLanguage('', 'C:\\req\\eni.jsonc'), 'json');
  assert.equal(syntaxForLanguage('plaintext', 'notes.txt'), undefined);
  assert.equal(syntaxForLanguage('constructor', 'toString'), undefined);
});
