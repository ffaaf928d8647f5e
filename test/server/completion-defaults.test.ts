/**
 * Completion item defaults (LSP 3.17): what the server hoists to `itemDefaults`, and that a client
 * applying them gets exactly the items the service produced.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import { supportedItemDefaults, withItemDefaults } from '../../server/src/lsp/completion-defaults';
import { documentAtCursor, service } from '../support/service';

/** What a client does with the defaults (LSP 3.17, `CompletionList.itemDefaults`). */
function expand(list: CompletionList): CompletionItem[] {
  const defaults = list.itemDefaults ?? {};
  return list.items.map((item) => {
    const { textEditText, ...expanded } = item;
    if (defaults.editRange && !item.textEdit) {
      assert.ok('start' in defaults.editRange, 'only a plain range is hoisted');
      expanded.textEdit = { range: defaults.editRange, newText: textEditText ?? item.insertText ?? item.label };
    }
    if (defaults.insertTextFormat !== undefined && item.insertTextFormat === undefined) expanded.insertTextFormat = defaults.insertTextFormat;
    if (defaults.insertTextMode !== undefined && item.insertTextMode === undefined) expanded.insertTextMode = defaults.insertTextMode;
    return expanded;
  });
}

const ALL = supportedItemDefaults(['editRange', 'insertTextFormat', 'insertTextMode', 'data', 'commitCharacters']);
const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const item = (label: string, line = 1, start = 2, end = 5): CompletionItem => ({
  label,
  textEdit: { range: range(line, start, end), newText: `"${label}"` },
  filterText: `"${label}"`,
  insertTextFormat: InsertTextFormat.Snippet,
  insertTextMode: InsertTextMode.asIs,
});

function instanceTypeValues(): CompletionList {
  const { document, position } = documentAtCursor(
    'run-instances',
    '{\n  "ImageId": "ami-0123456789abcdef0",\n  "InstanceType": "|",\n  "MinCount": 1,\n  "MaxCount": 1\n}',
  );
  return service.complete(document, position);
}

test('only the defaults the server can hoist are taken from the client capability', () => {
  assert.deepEqual([...ALL].sort(), ['editRange', 'insertTextFormat', 'insertTextMode']);
  assert.equal(supportedItemDefaults(undefined).size, 0);
});

test('a shared range, format and mode go to itemDefaults; applying them gives the same items', () => {
  const list: CompletionList = { isIncomplete: false, items: [item('efa'), item('trunk'), item('interface')] };
  const compact = withItemDefaults(list, ALL);
  assert.deepEqual(compact.itemDefaults, { editRange: range(1, 2, 5), insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.asIs });
  assert.deepEqual(compact.items[0], { label: 'efa', textEditText: '"efa"', filterText: '"efa"' });
  assert.deepEqual(expand(compact), list.items);
});

test('a client that declares no defaults gets the list untouched', () => {
  const list: CompletionList = { isIncomplete: false, items: [item('efa'), item('trunk')] };
  assert.equal(withItemDefaults(list, supportedItemDefaults([])), list);
  assert.equal(withItemDefaults(list, supportedItemDefaults(['data', 'commitCharacters'])), list);
});

test('items over different ranges keep their edits; what they do share is still hoisted', () => {
  const list: CompletionList = { isIncomplete: false, items: [item('efa'), item('trunk', 2)] };
  const compact = withItemDefaults(list, ALL);
  assert.deepEqual(compact.itemDefaults, { insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.asIs });
  assert.deepEqual(compact.items[1].textEdit, list.items[1].textEdit);
  assert.deepEqual(expand(compact), list.items);
});

test('an item with an insert/replace edit, insertText or another format keeps the range and format on every item', () => {
  const insertReplace: CompletionItem = { ...item('trunk'), textEdit: { insert: range(1, 2, 3), replace: range(1, 2, 5), newText: '"trunk"' } };
  const plain: CompletionItem = { ...item('true'), insertTextFormat: InsertTextFormat.PlainText };
  for (const odd of [insertReplace, { ...item('efa'), insertText: 'efa' }, plain]) {
    const list: CompletionList = { isIncomplete: false, items: [item('interface'), odd] };
    const compact = withItemDefaults(list, ALL);
    if (odd === plain) assert.equal(compact.itemDefaults?.insertTextFormat, undefined);
    else assert.equal(compact.itemDefaults?.editRange, undefined);
    assert.deepEqual(expand(compact), list.items);
  }
});

test('an empty list, or one that already has defaults, is returned as it is', () => {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  assert.equal(withItemDefaults(empty, ALL), empty);
  const withDefaults: CompletionList = { isIncomplete: false, itemDefaults: { commitCharacters: [','] }, items: [item('efa')] };
  assert.equal(withItemDefaults(withDefaults, ALL), withDefaults);
});

test('the InstanceType values (1,400+) from the service: the same items in at least 40% fewer bytes', () => {
  const list = instanceTypeValues();
  assert.ok(list.items.length > 1000, `${list.items.length} values`);
  const compact = withItemDefaults(list, ALL);
  assert.ok(compact.itemDefaults?.editRange, 'the range is hoisted');
  assert.deepEqual(expand(compact), list.items);
  const before = JSON.stringify(list).length;
  const after = JSON.stringify(compact).length;
  assert.ok(after <= before * 0.6, `${before} → ${after} bytes`);
});
