/**
 * The syntax-aware editors under the quick fixes, on layouts the fixes meet: JSON commas and
 * indentation, YAML block and flow collections, list items, quoting. Each case asserts the exact
 * resulting text and that it parses cleanly.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentEditor, NewMember, OffsetEdit } from '../../server/src/service/code-actions/edits';
import { JsonEditor } from '../../server/src/service/code-actions/json-edits';
import { isPlainSafe, YamlEditor } from '../../server/src/service/code-actions/yaml-edits';
import { getProperty, nodeAtPath, toPlainValue } from '../../server/src/service/document/navigate';
import { parseDocument } from '../../server/src/service/document/parse';
import type { ArrayNode, ObjectNode, PropertyNode, Syntax, ValueNode } from '../../server/src/service/document/tree';

type Path = (string | number)[];

/** An editor over `text` with path lookups into its tree. */
function editing(text: string, syntax: Syntax) {
  // JSON with comments by choice: the editors keep comments where they are.
  const parsed = parseDocument(text, syntax, { jsonc: true });
  assert.deepEqual(
    parsed.problems.filter((p) => p.severity !== 'information'),
    [],
    'the test input must parse',
  );
  const root = parsed.root!;
  const editor: DocumentEditor = syntax === 'json' ? new JsonEditor(text) : new YamlEditor(text);
  const value = (path: Path): ValueNode => {
    const node = nodeAtPath(root, path);
    assert.ok(node, `nothing at ${JSON.stringify(path)}`);
    return node;
  };
  const member = (path: Path): PropertyNode | ValueNode => {
    const container = value(path.slice(0, -1));
    const last = path[path.length - 1];
    const found = container.kind === 'object' ? getProperty(container, String(last)) : (container as ArrayNode).items[Number(last)];
    assert.ok(found, `no member at ${JSON.stringify(path)}`);
    return found;
  };
  return {
    editor,
    value,
    property: (path: Path) => member(path) as PropertyNode,
    object: (path: Path) => value(path) as ObjectNode,
    /** Applies the edits, checks the result parses, returns it. */
    apply(edits: OffsetEdit[] | undefined): string {
      assert.ok(edits, 'no edit');
      const document = TextDocument.create('file:///t', syntax, 1, text);
      const result = TextDocument.applyEdits(
        document,
        edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.text })),
      );
      const errors = parseDocument(result, syntax, { jsonc: true }).problems.filter((p) => p.severity === 'error');
      assert.deepEqual(errors, [], `the result does not parse:\n${result}`);
      return result;
    },
    remove(...paths: Path[]): string {
      const container = value(paths[0].slice(0, -1)) as ObjectNode | ArrayNode;
      return this.apply(editor.removeMembers(container, paths.map(member)));
    },
    insert(path: Path, ...members: NewMember[]): string {
      return this.apply(editor.insertMembers(this.object(path), members));
    },
    replace(path: Path, newValue: unknown): string {
      return this.apply(editor.replaceValue(value(path), newValue));
    },
  };
}

// JSON ---------------------------------------------------------------------------------------

const JSON_DOC = '{\n  "A": 1,\n  "B": [1, 2, 3],\n  "C": {},\n  "D": "d"\n}\n';

test('JSON remove: first, middle, last, runs of members, whole lines and commas', () => {
  const e = () => editing(JSON_DOC, 'json');
  assert.equal(e().remove(['A']), '{\n  "B": [1, 2, 3],\n  "C": {},\n  "D": "d"\n}\n');
  assert.equal(e().remove(['C']), '{\n  "A": 1,\n  "B": [1, 2, 3],\n  "D": "d"\n}\n');
  assert.equal(e().remove(['D']), '{\n  "A": 1,\n  "B": [1, 2, 3],\n  "C": {}\n}\n');
  assert.equal(e().remove(['C'], ['D']), '{\n  "A": 1,\n  "B": [1, 2, 3]\n}\n');
  assert.equal(e().remove(['A'], ['C']), '{\n  "B": [1, 2, 3],\n  "D": "d"\n}\n');
  assert.equal(e().remove(['A'], ['B'], ['C'], ['D']), '{}\n');
});

test('JSON remove: inline members and array items', () => {
  const e = () => editing('{"A": 1, "B": [1, 2, 3], "C": {"X": true}}', 'json');
  assert.equal(e().remove(['A']), '{"B": [1, 2, 3], "C": {"X": true}}');
  assert.equal(e().remove(['C']), '{"A": 1, "B": [1, 2, 3]}');
  assert.equal(e().remove(['B', 0]), '{"A": 1, "B": [2, 3], "C": {"X": true}}');
  assert.equal(e().remove(['B', 1]), '{"A": 1, "B": [1, 3], "C": {"X": true}}');
  assert.equal(e().remove(['B', 2]), '{"A": 1, "B": [1, 2], "C": {"X": true}}');
  assert.equal(e().remove(['B', 1], ['B', 2]), '{"A": 1, "B": [1], "C": {"X": true}}');
  assert.equal(e().remove(['C', 'X']), '{"A": 1, "B": [1, 2, 3], "C": {}}');
});

test('JSON remove: comments and CRLF line breaks', () => {
  const withComments = '{\n  // the subnet\n  "A": 1, // first\n  "B": 2 // second\n}';
  assert.equal(editing(withComments, 'json').remove(['B']), '{\n  // the subnet\n  "A": 1 // first\n}');
  assert.equal(editing(withComments, 'json').remove(['A']), '{\n  // the subnet\n  "B": 2 // second\n}');
  const crlf = '{\r\n  "A": 1,\r\n  "B": [\r\n    1\r\n  ]\r\n}\r\n';
  assert.equal(editing(crlf, 'json').remove(['B']), '{\r\n  "A": 1\r\n}\r\n');
  assert.equal(editing(crlf, 'json').remove(['A']), '{\r\n  "B": [\r\n    1\r\n  ]\r\n}\r\n');
  // Only a comment would be left of the object: nothing is removed rather than the comment.
  const commented = editing('{"A": 1 /* keep */}', 'json');
  assert.equal(commented.editor.removeMembers(commented.object([]), [commented.property(['A'])]), undefined);
});

test('JSON insert: indentation from the file, multi-line values, comments, inline objects', () => {
  assert.equal(
    editing('{\n    "A": 1\n}', 'json').insert([], { key: 'B', value: [{ Key: 'k', Value: 'v' }] }, { key: 'C', value: ['x'] }),
    '{\n    "A": 1,\n    "B": [\n        {\n            "Key": "k",\n            "Value": "v"\n        }\n    ],\n    "C": ["x"]\n}',
  );
  assert.equal(
    editing('{\n\t"A": {\n\t\t"X": 1\n\t}\n}', 'json').insert(['A'], { key: 'Y', value: { Z: null } }),
    '{\n\t"A": {\n\t\t"X": 1,\n\t\t"Y": {\n\t\t\t"Z": null\n\t\t}\n\t}\n}',
  );
  assert.equal(editing('{\n  "A": 1 // one\n}', 'json').insert([], { key: 'B', value: 2 }), '{\n  "A": 1, // one\n  "B": 2\n}');
  assert.equal(editing('{"A": {"X": 1}}', 'json').insert(['A'], { key: 'Y', value: { Z: [1] } }), '{"A": {"X": 1, "Y": { "Z": [1] }}}');
  assert.equal(editing('{\r\n  "A": 1\r\n}', 'json').insert([], { key: 'B', value: 2 }), '{\r\n  "A": 1,\r\n  "B": 2\r\n}');
});

test('JSON insert: into empty objects', () => {
  assert.equal(editing('{}', 'json').insert([], { key: 'A', value: 1 }), '{ "A": 1 }');
  assert.equal(editing('{\n  "A": [{}]\n}', 'json').insert(['A', 0], { key: 'K', value: 'v' }), '{\n  "A": [{ "K": "v" }]\n}');
  assert.equal(
    editing('{\n  "A": {  }\n}', 'json').insert(['A'], { key: 'K', value: 'v' }, { key: 'L', value: true }),
    '{\n  "A": {\n    "K": "v",\n    "L": true\n  }\n}',
  );
  const commented = editing('{"A": { /* here */ }}', 'json');
  assert.equal(commented.editor.insertMembers(commented.object(['A']), [{ key: 'K', value: 1 }]), undefined);
});

test('JSON replace, rename and wrap', () => {
  const e = () => editing('{\n  "A": "x",\n  "B": [1]\n}', 'json');
  assert.equal(e().replace(['A'], { Value: 'x', N: [1, 2] }), '{\n  "A": {\n    "Value": "x",\n    "N": [1, 2]\n  },\n  "B": [1]\n}');
  assert.equal(e().replace(['B', 0], 'one'), '{\n  "A": "x",\n  "B": ["one"]\n}');
  const renamed = e();
  assert.equal(renamed.apply(renamed.editor.renameKey(renamed.property(['A']), 'Say "hi"')), '{\n  "Say \\"hi\\"": "x",\n  "B": [1]\n}');
  const wrapped = e();
  assert.equal(wrapped.apply(wrapped.editor.wrapValue(wrapped.value(['A']), 'Value')), '{\n  "A": { "Value": "x" },\n  "B": [1]\n}');
});

test('JSON moved values keep their one-line text', () => {
  const e = editing('{"A": 1.50, "B": {}}', 'json');
  const source = e.value(['A']);
  assert.equal(e.insert(['B'], { key: 'A', value: toPlainValue(source), source }), '{"A": 1.50, "B": { "A": 1.50 }}');
});

// YAML ---------------------------------------------------------------------------------------

test('YAML plain scalars only where no loader reads them as something else', () => {
  const plain = ['subnet-0123', '10.0.0.5', '10.0.0.0/28', '2001:db8::1', 'web server', "it's", 'a-b', 'x:y', 'eni-attach-', 'Y'];
  const quoted = [
    '',
    ' x',
    '2',
    '-1',
    '1.5',
    '1e3',
    '0x1F',
    '0o17',
    '1_000',
    '1:20',
    '.5',
    '.inf',
    '.NaN',
    '2024-01-02',
    'true',
    'False',
    'yes',
    'No',
    'on',
    'OFF',
    'null',
    'Null',
    '~',
  ];
  quoted.push(
    '- x',
    '-x',
    ': x',
    '? x',
    '# c',
    'a #b',
    'a: b',
    'a:',
    '&a',
    '*a',
    '!t',
    '|',
    '>',
    "'q'",
    '"q"',
    '%x',
    '@x',
    '`x',
    '{a}',
    '[a]',
    'line\nbreak',
    'tab\t',
  );
  for (const value of plain) assert.ok(isPlainSafe(value, false), `${JSON.stringify(value)} should be plain`);
  for (const value of quoted) assert.ok(!isPlainSafe(value, false), `${JSON.stringify(value)} should be quoted`);
  for (const value of ['a,b', 'a[b', 'a}b', 'x:y']) assert.ok(!isPlainSafe(value, true), `${JSON.stringify(value)} should be quoted in a flow collection`);
  // Written and read back, every one of them is the same string.
  for (const value of [...plain, ...quoted]) {
    const result = editing('A: x\n', 'yaml').replace(['A'], value);
    assert.equal(toPlainValue(nodeAtPath(parseDocument(result, 'yaml').root!, ['A'])!), value, result);
  }
});

const YAML_DOC = `A: 1 # one
B:
  - b1
  - b2
C:
  X: 1
  Y:
    - y
D: |
  text
E: [e1, e2]
`;

test('YAML remove: properties with their nested lines, list items, flow items', () => {
  const e = () => editing(YAML_DOC, 'yaml');
  assert.equal(e().remove(['A']), YAML_DOC.replace('A: 1 # one\n', ''));
  assert.equal(e().remove(['C']), YAML_DOC.replace('C:\n  X: 1\n  Y:\n    - y\n', ''));
  assert.equal(e().remove(['D']), YAML_DOC.replace('D: |\n  text\n', ''));
  assert.equal(e().remove(['C', 'Y']), YAML_DOC.replace('  Y:\n    - y\n', ''));
  assert.equal(e().remove(['B', 0]), YAML_DOC.replace('  - b1\n', ''));
  assert.equal(e().remove(['B', 1]), YAML_DOC.replace('  - b2\n', ''));
  assert.equal(e().remove(['E', 0]), YAML_DOC.replace('[e1, e2]', '[e2]'));
  assert.equal(e().remove(['E', 1]), YAML_DOC.replace('[e1, e2]', '[e1]'));
  assert.equal(e().remove(['A'], ['C']), 'B:\n  - b1\n  - b2\nD: |\n  text\nE: [e1, e2]\n');
});

test('YAML remove: the last member leaves an empty collection of the same type', () => {
  assert.equal(editing(YAML_DOC, 'yaml').remove(['B', 0], ['B', 1]), YAML_DOC.replace('B:\n  - b1\n  - b2\n', 'B: []\n'));
  assert.equal(editing(YAML_DOC, 'yaml').remove(['C', 'Y', 0]), YAML_DOC.replace('  Y:\n    - y\n', '  Y: []\n'));
  assert.equal(editing('A:\n  X: 1\nB: 2\n', 'yaml').remove(['A', 'X']), 'A: {}\nB: 2\n');
  assert.equal(editing('A: 1\n', 'yaml').remove(['A']), '{}\n');
  assert.equal(editing('A: {X: 1}\n', 'yaml').remove(['A', 'X']), 'A: {}\n');
});

const LIST_DOC = `L:
  - K: 1
    M: 2
    N: 3
  - K: 4
  - - x
    - y
`;

test('YAML remove in list items: the first key moves up behind the dash', () => {
  const e = () => editing(LIST_DOC, 'yaml');
  assert.equal(e().remove(['L', 0, 'K']), LIST_DOC.replace('  - K: 1\n    M: 2\n', '  - M: 2\n'));
  assert.equal(e().remove(['L', 0, 'K'], ['L', 0, 'M']), LIST_DOC.replace('  - K: 1\n    M: 2\n    N: 3', '  - N: 3'));
  assert.equal(e().remove(['L', 0, 'N']), LIST_DOC.replace('    N: 3\n', ''));
  assert.equal(e().remove(['L', 1, 'K']), LIST_DOC.replace('  - K: 4\n', '  - {}\n'));
  assert.equal(e().remove(['L', 0]), LIST_DOC.replace('  - K: 1\n    M: 2\n    N: 3\n', ''));
  assert.equal(e().remove(['L', 2]), LIST_DOC.replace('  - - x\n    - y\n', ''));
  // `x` shares its line with the outer dash: no line to take, no edit.
  const nested = editing(LIST_DOC, 'yaml');
  assert.equal(nested.editor.removeMembers(nested.value(['L', 2]) as ArrayNode, [nested.value(['L', 2, 0])]), undefined);
});

test('YAML insert: root, nested and list-item mappings, at their indentation', () => {
  assert.equal(editing(YAML_DOC, 'yaml').insert([], { key: 'F', value: 'yes' }), `${YAML_DOC}F: "yes"\n`);
  assert.equal(
    editing(YAML_DOC, 'yaml').insert(['C'], { key: 'Z', value: { K: ['a', 'b'] } }),
    YAML_DOC.replace('    - y\n', '    - y\n  Z:\n    K:\n      - a\n      - b\n'),
  );
  assert.equal(
    editing(LIST_DOC, 'yaml').insert(['L', 1], { key: 'T', value: [{ Key: 'k', Value: '' }] }),
    LIST_DOC.replace('  - K: 4\n', '  - K: 4\n    T:\n      - Key: k\n        Value: ""\n'),
  );
  assert.equal(editing('a:\n    b: 1 # one\n', 'yaml').insert(['a'], { key: 'c', value: {} }), 'a:\n    b: 1 # one\n    c: {}\n');
  assert.equal(editing('A: 1\r\nB: 2', 'yaml').insert([], { key: 'C', value: '2' }), 'A: 1\r\nB: 2\r\nC: "2"');
});

test('YAML insert: flow mappings, empty ones, and the root `{}`', () => {
  assert.equal(editing('A: {X: 1}\n', 'yaml').insert(['A'], { key: 'Y', value: ['a,b', 'c'] }), 'A: {X: 1, Y: ["a,b", c]}\n');
  assert.equal(editing('A: {}\nB: 1\n', 'yaml').insert(['A'], { key: 'K', value: 'v' }), 'A:\n  K: v\nB: 1\n');
  assert.equal(editing('- {}\n', 'yaml').insert([0], { key: 'K', value: 'v' }, { key: 'L', value: 2 }), '- K: v\n  L: 2\n');
  assert.equal(editing('{}\n', 'yaml').insert([], { key: 'K', value: ['v'] }), 'K:\n  - v\n');
});

test('YAML insert: a mapping made only of merged keys has no own line to follow', () => {
  const e = editing('base: &b {X: 1}\nA:\n  <<: *b\n', 'yaml');
  assert.equal(e.editor.insertMembers(e.object(['A']), [{ key: 'K', value: 1 }]), undefined);
});

test('YAML replace: scalars, block collections in block context, flow in flow context', () => {
  const e = () => editing(YAML_DOC, 'yaml');
  assert.equal(e().replace(['A'], '1'), YAML_DOC.replace('A: 1 # one', 'A: "1" # one'));
  assert.equal(e().replace(['A'], { Value: 1 }), YAML_DOC.replace('A: 1 # one', 'A:\n  Value: 1 # one'));
  assert.equal(e().replace(['B'], 'b'), YAML_DOC.replace('B:\n  - b1\n  - b2', 'B: b'));
  assert.equal(e().replace(['B', 1], { K: 1, L: [2] }), YAML_DOC.replace('  - b2', '  - K: 1\n    L:\n      - 2'));
  assert.equal(e().replace(['D'], 'plain'), YAML_DOC.replace('D: |\n  text', 'D: plain'));
  assert.equal(e().replace(['E', 0], { K: 'a b' }), YAML_DOC.replace('[e1, e2]', '[{ K: a b }, e2]'));
  assert.equal(e().replace(['C', 'X'], []), YAML_DOC.replace('X: 1', 'X: []'));
});

test('YAML replace: tags go with the old value, a comment before the value stays', () => {
  assert.equal(editing('A: !!str 2\n', 'yaml').replace(['A'], 2), 'A: 2\n');
  assert.equal(editing('- !!str 2\n', 'yaml').replace([0], 2), '- 2\n');
  assert.equal(editing('A: # the list\n  - x\n', 'yaml').replace(['A'], { K: 1, L: 2 }), 'A: # the list\n  K: 1\n  L: 2\n');
});

test('YAML rename keeps the quoting style', () => {
  const rename = (text: string, newKey: string) => {
    const e = editing(text, 'yaml');
    return e.apply(e.editor.renameKey(e.property([Object.keys(toPlainValue(e.value([])) as object)[0]]), newKey));
  };
  assert.equal(rename('Subnetid: x\n', 'SubnetId'), 'SubnetId: x\n');
  assert.equal(rename("'Subnetid': x\n", "it's"), "'it''s': x\n");
  assert.equal(rename('"Subnetid": x\n', 'SubnetId'), '"SubnetId": x\n');
  assert.equal(rename('Subnetid: x\n', 'true'), '"true": x\n');
  assert.equal(rename('{Subnetid: x}\n', 'a,b'), '{"a,b": x}\n');
});

test('YAML wrap: block property, flow item, list item, multi-line value', () => {
  const wrap = (text: string, path: Path) => {
    const e = editing(text, 'yaml');
    return e.apply(e.editor.wrapValue(e.value(path), 'Value'));
  };
  assert.equal(wrap("A: 'x' # note\n", ['A']), "A:\n  Value: 'x' # note\n");
  assert.equal(wrap('A: [x, y]\n', ['A', 1]), 'A: [x, { Value: y }]\n');
  assert.equal(wrap('- x\n', [0]), '- Value: x\n');
  assert.equal(wrap('A: |\n  two\n  lines\n', ['A']), 'A:\n  Value: "two\\nlines\\n"\n');
  assert.equal(wrap('A: !!str 2\n', ['A']), 'A:\n  Value: "2"\n');
});

test('YAML moved values keep their one-line text where it fits', () => {
  const e = editing('A: "x" # q\nB: !!str 2\nC:\n  - c\nT:\n  K: 1\n', 'yaml');
  const moved = (path: Path): NewMember => ({ key: String(path[0]), value: toPlainValue(e.value(path)), source: e.value(path) });
  assert.equal(e.insert(['T'], moved(['A']), moved(['B']), moved(['C'])), 'A: "x" # q\nB: !!str 2\nC:\n  - c\nT:\n  K: 1\n  A: "x"\n  B: "2"\n  C:\n    - c\n');
});
