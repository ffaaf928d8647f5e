import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemTag, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { documentAtCursor, requestDocument, service } from '../support/service';

/** Completion at the `|` in `marked` (the marker is removed from the document). */
function completeAt(cliCommand: string, marked: string, syntax: 'json' | 'yaml' = 'json'): CompletionItem[] {
  const { document, position } = documentAtCursor(cliCommand, marked, syntax);
  return service.complete(document, position).items;
}

const yamlAt = (cliCommand: string, marked: string) => completeAt(cliCommand, marked, 'yaml');

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

function item(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no item "${label}" among: ${labels(items).join(', ')}`);
  return found;
}

/** The textEdit as `line:char-line:char newText`, compact for assertions. */
function edit(completion: CompletionItem): string {
  const { range, newText } = completion.textEdit as TextEdit;
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${newText}`;
}

const CNI = 'create-network-interface';
const DNI = 'describe-network-interfaces';

// ------------------------------------------------------------------------------------------
// Member names, JSON

test('JSON: a partial key inside quotes is replaced with its quotes, no doubled quotes', () => {
  const items = completeAt(CNI, '{\n  "Sub|"\n}');
  const subnet = item(items, 'SubnetId');
  assert.equal(edit(subnet), '1:2-1:7 "SubnetId": "$1"');
  assert.equal(subnet.filterText, '"SubnetId"');
  assert.equal(subnet.insertTextFormat, InsertTextFormat.Snippet);
  assert.match(String(subnet.detail), /string · required/);
  assert.match((subnet.documentation as { value: string }).value, /subnet ID \(subnet-…\)/);
  assert.ok(String(subnet.sortText).startsWith('0'), 'required members sort first');
  assert.ok(String(item(items, 'Description').sortText).startsWith('1'));
});

test('JSON: an unterminated key (no closing quote yet) is replaced up to the cursor word', () => {
  const items = completeAt(CNI, '{\n  "Sub|\n}');
  assert.equal(edit(item(items, 'SubnetId')), '1:2-1:6 "SubnetId": "$1"');
});

test('JSON: a key that already has a colon gets the name only', () => {
  const items = completeAt(CNI, '{"Sub|netId": "subnet-12345678"}');
  assert.equal(edit(item(items, 'SubnetId')), '0:1-0:11 "SubnetId"');
});

test('JSON: members already present are not offered; a new line after a comma', () => {
  const items = completeAt(CNI, '{\n  "SubnetId": "subnet-12345678",\n  |\n}');
  assert.ok(!labels(items).includes('SubnetId'));
  assert.equal(edit(item(items, 'Description')), '2:2-2:2 "Description": "$1"');
  assert.equal(item(items, 'Description').additionalTextEdits, undefined);
});

test('JSON: the value placeholder fits the member type', () => {
  const items = completeAt(CNI, '{|}');
  assert.equal((item(items, 'InterfaceType').textEdit as TextEdit).newText, '"InterfaceType": "${1|interface,efa,efa-only,trunk|}"');
  assert.equal((item(items, 'SecondaryPrivateIpAddressCount').textEdit as TextEdit).newText, '"SecondaryPrivateIpAddressCount": $1');
  assert.equal((item(items, 'ConnectionTrackingSpecification').textEdit as TextEdit).newText, '"ConnectionTrackingSpecification": {$1}');
  assert.equal((item(items, 'Groups').textEdit as TextEdit).newText, '"Groups": [$1]');
  assert.equal((item(items, 'EnablePrimaryIpv6').textEdit as TextEdit).newText, '"EnablePrimaryIpv6": ${1|true,false|}');
  assert.match(String(item(items, 'Groups').detail), /^list of string · optional/);
  assert.match(String(item(items, 'ConnectionTrackingSpecification').detail), /^structure ConnectionTrackingSpecificationRequest/);
});

test('JSON: a comma is appended when a member follows, and added before when the previous one lacks it', () => {
  const between = completeAt(CNI, '{"SubnetId": "x", | "Description": "y"}');
  assert.equal((item(between, 'Groups').textEdit as TextEdit).newText, '"Groups": [$1],');
  const commented = completeAt(CNI, '{\n  "SubnetId": "x" // the web subnet\n  |\n}');
  assert.deepEqual(item(commented, 'Groups').additionalTextEdits?.[0].range.start, { line: 1, character: 17 });
  const missing = completeAt(CNI, '{\n  "SubnetId": "x"\n  Gro|\n}');
  const groups = item(missing, 'Groups');
  assert.equal(edit(groups), '2:2-2:5 "Groups": [$1]');
  assert.deepEqual(groups.additionalTextEdits, [{ range: { start: { line: 1, character: 17 }, end: { line: 1, character: 17 } }, newText: ',' }]);
});

test('JSON: incomplete documents (trailing comma at the end of the file, a bare word)', () => {
  assert.ok(labels(completeAt(CNI, '{"SubnetId": "x",|')).includes('Description'));
  assert.equal(edit(item(completeAt(CNI, '{"SubnetId": "x", Des|}'), 'Description')), '0:18-0:21 "Description": "$1"');
});

test('JSON: members of a nested structure and of objects inside list items', () => {
  assert.deepEqual(labels(completeAt(CNI, '{"ConnectionTrackingSpecification": {|}}')).sort(), ['TcpEstablishedTimeout', 'UdpStreamTimeout', 'UdpTimeout']);
  const inItem = completeAt(CNI, '{"PrivateIpAddresses": [{"Primary": true, "Pri|"}]}');
  assert.deepEqual(labels(inItem), ['PrivateIpAddress']);
  assert.equal(edit(inItem[0]), '0:42-0:47 "PrivateIpAddress": "$1"');
  const second = completeAt('run-instances', '{"MinCount": 1, "MaxCount": 1, "NetworkInterfaces": [{"DeviceIndex": 0}, {"DeviceIndex": 1, |}]}');
  assert.ok(labels(second).includes('SubnetId') && labels(second).includes('Groups'));
  assert.ok(!labels(second).includes('DeviceIndex') && !labels(second).includes('MinCount'));
});

test('required members first, deprecated ones last and tagged', () => {
  const items = completeAt('run-instances', '{|}');
  assert.ok(String(item(items, 'MinCount').sortText).startsWith('0'));
  assert.ok(String(item(items, 'MaxCount').sortText).startsWith('0'));
  const deprecated = item(items, 'ElasticGpuSpecification');
  assert.ok(String(deprecated.sortText).startsWith('2'));
  assert.deepEqual(deprecated.tags, [CompletionItemTag.Deprecated]);
  assert.match(String(deprecated.detail), /deprecated/);
  // Hundreds of instance types make no snippet choice; value completion lists them.
  assert.equal((item(items, 'InstanceType').textEdit as TextEdit).newText, '"InstanceType": "$1"');
});

// ------------------------------------------------------------------------------------------
// Member names, YAML

test('YAML: a partial key on a new line', () => {
  const items = yamlAt(CNI, 'SubnetId: subnet-12345678\nDes|');
  assert.ok(!labels(items).includes('SubnetId'));
  assert.equal(edit(item(items, 'Description')), '1:0-1:3 Description: $1');
  assert.equal(item(items, 'Description').filterText, 'Description');
});

test('YAML: structures and lists open an indented block', () => {
  const items = yamlAt(CNI, 'SubnetId: x\nCon|');
  assert.equal((item(items, 'ConnectionTrackingSpecification').textEdit as TextEdit).newText, 'ConnectionTrackingSpecification:\n  $1');
  assert.equal((item(items, 'Groups').textEdit as TextEdit).newText, 'Groups:\n  - $1');
  assert.equal((item(items, 'InterfaceType').textEdit as TextEdit).newText, 'InterfaceType: ${1|interface,efa,efa-only,trunk|}');
  const nested = yamlAt('run-instances', 'MinCount: 1\nNetworkInterfaces:\n  - DeviceIndex: 0\n    Gro|');
  assert.equal(edit(item(nested, 'Groups')), '3:4-3:7 Groups:\n      - $1');
});

test('YAML: a key that already has a colon gets the name only', () => {
  assert.equal(edit(item(yamlAt(CNI, 'Sub|netId: x\nDescription: y'), 'SubnetId')), '0:0-0:8 SubnetId');
});

test('YAML: members of a nested structure on an indented empty line', () => {
  const items = yamlAt(CNI, 'SubnetId: x\nConnectionTrackingSpecification:\n  UdpTimeout: 30\n  |\nDescription: y');
  assert.deepEqual(labels(items).sort(), ['TcpEstablishedTimeout', 'UdpStreamTimeout']);
  assert.deepEqual(labels(yamlAt(CNI, 'ConnectionTrackingSpecification:\n  |')).sort(), ['TcpEstablishedTimeout', 'UdpStreamTimeout', 'UdpTimeout']);
  // The parser reads a half key under `Key:` as Key's value; it is still a key being typed.
  assert.equal(edit(item(yamlAt(CNI, 'ConnectionTrackingSpecification:\n  Tcp|'), 'TcpEstablishedTimeout')), '1:2-1:5 TcpEstablishedTimeout: $1');
  // Back at column 0: the root again.
  assert.ok(labels(yamlAt(CNI, 'ConnectionTrackingSpecification:\n  UdpTimeout: 30\n|')).includes('SubnetId'));
});

test('YAML: a new list item and the next member of a list item', () => {
  const fresh = yamlAt(CNI, 'SubnetId: x\nPrivateIpAddresses:\n  - |');
  assert.deepEqual(labels(fresh).sort(), ['Primary', 'PrivateIpAddress']);
  assert.equal(edit(item(fresh, 'Primary')), '2:4-2:4 Primary: ${1|true,false|}');
  const partial = yamlAt(CNI, 'PrivateIpAddresses:\n  - PrivateIpAddress: 10.0.0.5\n  - Pri|');
  assert.equal(edit(item(partial, 'PrivateIpAddress')), '2:4-2:7 PrivateIpAddress: $1');
  const next = yamlAt(CNI, 'PrivateIpAddresses:\n  - Primary: true\n    |');
  assert.deepEqual(labels(next), ['PrivateIpAddress']);
  const second = yamlAt('run-instances', 'NetworkInterfaces:\n- DeviceIndex: 0\n- DeviceIndex: 1\n  |');
  assert.ok(labels(second).includes('SubnetId') && !labels(second).includes('DeviceIndex'));
});

test('YAML: an empty document, after a modeline comment', () => {
  assert.ok(labels(yamlAt(CNI, '|')).includes('SubnetId'));
  assert.ok(labels(yamlAt(CNI, '# ec2: create-network-interface\n|')).includes('SubnetId'));
});

// ------------------------------------------------------------------------------------------
// Values

test('enum values: JSON quoted, YAML plain, quotes typed are kept and replaced', () => {
  const json = completeAt(CNI, '{"InterfaceType": "e|"}');
  assert.deepEqual(labels(json), ['interface', 'efa', 'efa-only', 'trunk']); // not branch: in the SDK enum, not supported
  assert.equal(edit(item(json, 'efa')), '0:18-0:21 "efa"');
  assert.equal(item(json, 'efa').filterText, '"efa"');
  assert.equal(edit(item(completeAt(CNI, '{"InterfaceType": |}'), 'trunk')), '0:18-0:18 "trunk"');
  assert.equal(edit(item(completeAt(CNI, '{"InterfaceType": |\n  "SubnetId": "x"}'), 'trunk')), '0:18-0:18 "trunk",');
  const yaml = completeAt(CNI, 'SubnetId: x\nInterfaceType: e|', 'yaml');
  assert.equal(edit(item(yaml, 'efa-only')), '1:15-1:16 efa-only');
  assert.equal(edit(item(completeAt(CNI, 'InterfaceType: "|"', 'yaml'), 'efa')), '0:15-0:17 "efa"');
  assert.equal(edit(item(completeAt(CNI, "InterfaceType: 'ef|'", 'yaml'), 'efa')), "0:15-0:19 'efa'");
  assert.equal(edit(item(completeAt(CNI, 'TagSpecifications:\n  - ResourceType: |', 'yaml'), 'network-interface')), '1:18-1:18 network-interface');
});

test('booleans complete to true and false', () => {
  assert.deepEqual(labels(completeAt(DNI, '{"DryRun": |}')), ['true', 'false']);
  assert.equal(edit(item(completeAt(DNI, 'DryRun: t|', 'yaml'), 'true')), '0:8-0:9 true');
});

test('filter names: every x-filters name and a tag:<key> snippet, in JSON and YAML', () => {
  const json = completeAt(DNI, '{"Filters": [{"Name": "sta|"}]}');
  assert.equal(json.length, 37);
  const status = item(json, 'status');
  assert.equal(edit(status), '0:22-0:27 "status"');
  assert.match((status.documentation as { value: string }).value, /status of the network interface[\s\S]*`in-use`/);
  const tag = item(json, 'tag:<key>');
  assert.equal(edit(tag), '0:22-0:27 "tag:${1:key}"');
  assert.equal(tag.insertTextFormat, InsertTextFormat.Snippet);
  const yaml = completeAt(DNI, 'Filters:\n  - Name: |', 'yaml');
  assert.equal(edit(item(yaml, 'attachment.status')), '1:10-1:10 attachment.status');
  assert.equal(edit(item(yaml, 'tag:<key>')), '1:10-1:10 tag:${1:key}');
  assert.ok(labels(completeAt('describe-instances', 'Filters:\n- Name: |', 'yaml')).includes('network-interface.subnet-id'));
});

test('filter values of a filter with a fixed value set', () => {
  const json = completeAt(DNI, '{"Filters": [{"Name": "status", "Values": ["|"]}]}');
  assert.deepEqual(labels(json), ['associated', 'attaching', 'available', 'detaching', 'in-use']);
  assert.equal(edit(item(json, 'available')), '0:43-0:45 "available"');
  assert.equal(edit(item(completeAt(DNI, '{"Filters": [{"Name": "status", "Values": ["available", |]}]}'), 'in-use')), '0:56-0:56 "in-use"');
  const block = completeAt(DNI, 'Filters:\n  - Name: addresses.primary\n    Values:\n      - |', 'yaml');
  // Quoted: a plain true would be a YAML boolean, and the CLI wants strings.
  assert.equal(edit(item(block, 'true')), '3:8-3:8 "true"');
  const flow = completeAt(DNI, 'Filters:\n- Name: status\n  Values: [avail|]', 'yaml');
  assert.equal(edit(item(flow, 'available')), '2:11-2:16 available');
  assert.deepEqual(completeAt(DNI, '{"Filters": [{"Name": "subnet-id", "Values": [|]}]}'), []);
  assert.deepEqual(completeAt(DNI, '{"Filters": [{"Values": [|]}]}'), []);
});

// ------------------------------------------------------------------------------------------
// Nothing to offer

test('no completion in comments, outside the root, in free-text values, or in a file that is no request', () => {
  assert.deepEqual(completeAt(CNI, '{\n  // Sub|\n}'), []);
  assert.deepEqual(completeAt(CNI, 'SubnetId: x # Sub|', 'yaml'), []);
  assert.deepEqual(completeAt(CNI, '{}|'), []);
  assert.deepEqual(completeAt(CNI, '|'), []);
  assert.deepEqual(completeAt(CNI, '{"Description": "a|"}'), []);
  assert.deepEqual(completeAt(CNI, 'SubnetId: subnet-1\n  |', 'yaml'), []);
  const other = TextDocument.create('file:///work/package.json', 'json', 1, '{"SubnetId": "x", }');
  assert.deepEqual(service.complete(other, { line: 0, character: 18 }).items, []);
});

test('never throws on odd positions and documents', () => {
  const texts = ['{', '{"', '{"a": [', 'Filters:\n  - Name: [', '- - -', ':', '"', '{"Filters": [{"Name": "status", "Values": ["', 'a: |\n  b\n'];
  for (const text of texts) {
    for (const syntax of ['json', 'yaml'] as const) {
      const document = requestDocument(DNI, text, syntax);
      for (let offset = 0; offset <= text.length; offset++) service.complete(document, document.positionAt(offset));
    }
  }
});

test('answers in well under 15 ms on a 400-line document', () => {
  const interfaces = Array.from(
    { length: 40 },
    (_, i) =>
      `  - DeviceIndex: ${i}\n    SubnetId: subnet-1234567${i % 10}\n    Groups:\n      - sg-12345678\n    Description: nic ${i}\n    PrivateIpAddresses:\n      - PrivateIpAddress: 10.0.0.${i}\n        Primary: true\n`,
  ).join('');
  const text = `MinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n${interfaces}  - DeviceIndex: 99\n    \n`;
  assert.ok(text.split('\n').length > 300);
  const document = requestDocument('run-instances', text, 'yaml');
  const position = document.positionAt(text.length - 1);
  service.complete(document, position); // parse once (cached per version)
  const start = performance.now();
  for (let i = 0; i < 20; i++) assert.ok(service.complete(document, position).items.length > 0);
  const perCall = (performance.now() - start) / 20;
  assert.ok(perCall < 15, `${perCall.toFixed(2)} ms per completion`);
});
