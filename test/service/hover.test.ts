import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { documentAtCursor, service } from '../support/service';

/** Hover at the `|` in `marked` (the marker is removed), with the text its range covers. */
function hoverAt(cliCommand: string, marked: string, syntax: 'json' | 'yaml' = 'json'): { hover: Hover | null; covered?: string; markdown: string } {
  const { document, position } = documentAtCursor(cliCommand, marked, syntax);
  const hover = service.hover(document, position);
  return { hover, covered: hover?.range && document.getText(hover.range), markdown: hover ? (hover.contents as MarkupContent).value : '' };
}

const CNI = 'create-network-interface';
const DNI = 'describe-network-interfaces';
const CNI_DOCS = '(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInterface.html)';

test('a root member: name, type, required, ID kind, docs and the API reference link, over the key', () => {
  const { covered, markdown } = hoverAt(CNI, '{"Sub|netId": "subnet-12345678"}');
  assert.equal(covered, '"SubnetId"');
  assert.match(markdown, /^\*\*SubnetId\*\* · `string` · required/);
  assert.match(markdown, /subnet ID \(subnet-…\)/);
  assert.match(markdown, /The ID of the subnet to associate with the network interface\./);
  assert.ok(markdown.includes(`[CreateNetworkInterface API reference]${CNI_DOCS}`));
});

test('over a plain value: the member it belongs to, over the value', () => {
  const { covered, markdown } = hoverAt(CNI, 'SubnetId: subnet-1234|5678\nDescription: web', 'yaml');
  assert.equal(covered, 'subnet-12345678');
  assert.match(markdown, /^\*\*SubnetId\*\*/);
  const optional = hoverAt(CNI, 'SubnetId: x\nDescr|iption: web', 'yaml').markdown;
  assert.match(optional, /^\*\*Description\*\* · `string` · optional/);
});

test('a nested member, in a list item: its path and type', () => {
  const { covered, markdown } = hoverAt(CNI, 'SubnetId: x\nPrivateIpAddresses:\n  - PrivateIpAddress: 10.0.0.5\n  - Prim|ary: true', 'yaml');
  assert.equal(covered, 'Primary');
  assert.match(markdown, /^\*\*Primary\*\* · `boolean` · optional/);
  assert.match(markdown, /at `PrivateIpAddresses\[1\]\.Primary`/);
  const address = hoverAt(CNI, '{"PrivateIpAddresses": [{"PrivateIpAd|dress": "10.0.0.5"}]}').markdown;
  assert.match(address, /IPv4 address/);
  const structure = hoverAt(CNI, '{"ConnectionTracking|Specification": {"UdpTimeout": 30}}').markdown;
  assert.match(structure, /`structure ConnectionTrackingSpecificationRequest`/);
  const range = hoverAt(CNI, '{"ConnectionTrackingSpecification": {"UdpTime|out": 30}}').markdown;
  assert.match(range, /Range: 30–60/);
  const list = hoverAt(CNI, '{"Groups": ["sg-1234|5678"]}');
  assert.equal(list.covered, '"sg-12345678"');
  assert.match(list.markdown, /^\*\*Groups\*\* · `list of string`/);
  assert.match(list.markdown, /security group ID \(sg-…\)/);
  const nic = hoverAt('run-instances', '{"NetworkInterfaces": [{"DeviceIndex": 0}, {"Subnet|Id": "subnet-12345678"}]}').markdown;
  assert.match(nic, /at `NetworkInterfaces\[1\]\.SubnetId`/);
});

test('an enum value: the value and the allowed values, the hovered one marked', () => {
  const { covered, markdown } = hoverAt(CNI, '{"SubnetId": "x", "InterfaceType": "ef|a"}');
  assert.equal(covered, '"efa"');
  assert.match(markdown, /^`efa` · value of \*\*InterfaceType\*\*/);
  assert.match(markdown, /- \*\*`efa`\*\* ← this value/);
  for (const value of ['interface', 'efa-only', 'trunk']) assert.ok(markdown.includes(`- \`${value}\``), value);
  const wrong = hoverAt(CNI, 'InterfaceType: ether|net', 'yaml').markdown;
  assert.match(wrong, /`ethernet` is not a valid value of \*\*InterfaceType\*\*/);
});

test('a filter name: its description and fixed values; tag:<key> explained', () => {
  const { covered, markdown } = hoverAt(DNI, 'Filters:\n  - Name: sta|tus\n    Values: [available]', 'yaml');
  assert.equal(covered, 'status');
  assert.match(markdown, /^\*\*Filter\*\* `status`/);
  assert.match(markdown, /The status of the network interface/);
  assert.match(markdown, /Values: `associated` \| `attaching` \| `available` \| `detaching` \| `in-use`/);
  const free = hoverAt(DNI, '{"Filters": [{"Name": "subnet-i|d", "Values": ["subnet-12345678"]}]}').markdown;
  assert.match(free, /^\*\*Filter\*\* `subnet-id`/);
  assert.ok(!free.includes('Values:'));
  const tag = hoverAt(DNI, '{"Filters": [{"Name": "tag:Ow|ner", "Values": ["TeamA"]}]}').markdown;
  assert.match(tag, /^\*\*Filter\*\* `tag:Owner` · by tag/);
  assert.match(tag, /tag `Owner`/);
  // The Name key itself is a member like any other.
  assert.match(hoverAt(DNI, '{"Filters": [{"Na|me": "status"}]}').markdown, /^\*\*Name\*\* · `string`/);
});

test('a filter value of a fixed set: the set, the hovered one marked', () => {
  const { covered, markdown } = hoverAt(DNI, 'Filters:\n  - Name: status\n    Values:\n      - in-u|se', 'yaml');
  assert.equal(covered, 'in-use');
  assert.match(markdown, /^`in-use` · value of filter `status`/);
  assert.match(markdown, /- \*\*`in-use`\*\* ← this value/);
});

test('nothing outside members, on unknown members, or in a file that is not a request', () => {
  assert.equal(hoverAt(CNI, '{ | "SubnetId": "x" }').hover, null);
  assert.equal(hoverAt(CNI, '{"SubnetId": "x"}\n|').hover, null);
  assert.equal(hoverAt(CNI, '{"Subnet|Ids": ["x"]}').hover, null);
  assert.equal(hoverAt(CNI, '# ec2: create-net|work-interface\nSubnetId: x', 'yaml').hover, null);
  const other = TextDocument.create('file:///work/package.json', 'json', 1, '{"SubnetId": "subnet-12345678"}');
  assert.equal(service.hover(other, { line: 0, character: 4 }), null);
});

test('MinCount and MaxCount: the hover says the AWS CLI sends 1 when absent, or that an SDK file must give them', () => {
  const cli = hoverAt('run-instances', '{"ImageId": "ami-0123456789abcdef0", "Max|Count": 2}');
  assert.match(cli.markdown, /The AWS CLI sends MaxCount 1 when the file does not give it/);
  const { document, position } = documentAtCursor('run-instances', '{"Min|Count": 1}');
  const sdk = new RequestLanguageService({ settings: { defaultConsumer: 'sdk' } }).hover(document, position);
  assert.match((sdk!.contents as MarkupContent).value, /This file is for an SDK/);
  // The legal neighbour: other members say nothing of it.
  assert.doesNotMatch(hoverAt('run-instances', '{"Image|Id": "ami-0123456789abcdef0"}').markdown, /AWS CLI sends/);
});
