/**
 * YAML anchors, aliases and merge keys: what is found in an entry built from an anchor lands on the
 * entry that uses it (its `*efa`, or the alias of its `<<: *efa` line), with related information
 * at the member as written under the anchor; one diagnostic per use; quick fixes either edit the
 * alias itself or say that they edit the anchor. Legal neighbours: anchors used well, no diagnostics.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkRequest, messageOf, service } from '../support/service';

const LAUNCH = 'create-launch-template';
const RUN = 'run-instances';

/** A p5.48xlarge launch template whose interface entries are `entries` (YAML lines, indented under NetworkInterfaces). */
const template = (entries: string) =>
  [
    'LaunchTemplateName: p5-anchors',
    'LaunchTemplateData:',
    '  ImageId: ami-0123456789abcdef0',
    '  InstanceType: p5.48xlarge',
    '  NetworkInterfaces:',
    '    - NetworkCardIndex: 0',
    '      DeviceIndex: 0',
    '      InterfaceType: interface',
    '      SubnetId: subnet-0123456789abcdef0',
    '      Groups: [sg-0f1e2d3c4b5a69788]',
    entries.trimEnd(),
    '',
  ].join('\n');

/** The line (0-based) of the n-th occurrence of `token` in `text`. */
function lineOf(text: string, token: string, occurrence = 1): number {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(token, at + 1);
    assert.ok(at >= 0, `occurrence ${occurrence} of ${token}`);
  }
  return text.slice(0, at).split('\n').length - 1;
}

const lines = (found: Diagnostic[]) => found.map((d) => d.range.start.line);

test('a problem written in the anchor: one diagnostic at the anchor, one at each entry that uses it, at its alias', () => {
  const text = template(`
    - &efa
      NetworkCardIndex: 1
      DeviceIndex: 0
      InterfaceType: efa-only
      SubnetId: subnet-0123456789abcdef0
      Groups: [sg-0f1e2d3c4b5a69788]
      Ipv6AddressCount: 1
    - <<: *efa
      NetworkCardIndex: 2
    - <<: *efa
      NetworkCardIndex: 3
`);
  const r = checkRequest(LAUNCH, text, 'yaml');
  const found = r.all('efa-only-addresses');
  assert.deepEqual(lines(found), [lineOf(text, 'Ipv6AddressCount'), lineOf(text, '*efa', 1), lineOf(text, '*efa', 2)]);
  // The users' diagnostics cover their alias, name their own entry, and point at the member as written.
  const [, second, third] = found;
  assert.equal(r.covered(second), '*efa');
  assert.equal(r.covered(third), '*efa');
  assert.match(messageOf(second), /NetworkInterfaces\[2\]\.Ipv6AddressCount/);
  assert.match(messageOf(third), /NetworkInterfaces\[3\]\.Ipv6AddressCount/);
  // The rule's own related member (the entry's InterfaceType) is shown where it is written too.
  assert.deepEqual(r.related(second), ['efa-only', 'Ipv6AddressCount']);
  assert.match(second.relatedInformation![0].message, / \(in the anchor &efa\)$/);
  assert.equal(second.relatedInformation?.[1].message, 'Ipv6AddressCount is written here, in the anchor &efa');
  assert.equal(second.relatedInformation?.[1].location.range.start.line, lineOf(text, 'Ipv6AddressCount'));
  // The anchor's own diagnostic has no such note: it is where the member is written.
  assert.deepEqual(r.related(found[0]), ['efa-only']);
  assert.equal(r.diagnostics.length, 3, r.diagnostics.map((d) => `${d.code} ${messageOf(d)}`).join('\n'));
});

test('an anchor used twice as a whole (`- *efa`) gives two diagnostics, one at each alias', () => {
  const text = template(`
    - &efa {NetworkCardIndex: 1, DeviceIndex: 0, InterfaceType: efa, SubnetId: subnet-0123456789abcdef0, Groups: [sg-0f1e2d3c4b5a69788]}
    - *efa
    - *efa
`);
  const r = checkRequest(LAUNCH, text, 'yaml');
  // Each copy repeats card 1 device 0 and is a second EFA on card 1; the anchor itself is fine.
  for (const code of ['nic-device-index', 'efa-per-card']) {
    const found = r.all(code);
    assert.deepEqual(lines(found), [lineOf(text, '- *efa', 1), lineOf(text, '- *efa', 2)], code);
    assert.deepEqual(found.map(r.covered), ['*efa', '*efa'], code);
  }
  assert.match(messageOf(r.all('nic-device-index')[0]), /NetworkInterfaces\[2\] uses DeviceIndex 0, which LaunchTemplateData\.NetworkInterfaces\[1\]/);
  assert.match(messageOf(r.all('nic-device-index')[1]), /NetworkInterfaces\[3\] uses DeviceIndex 0/);
  assert.equal(r.diagnostics.length, 4);
});

test('an anchor that is fine in itself but wrong where merged: the same card and device after the merge', () => {
  const text = template(`
    - &efa
      NetworkCardIndex: 1
      DeviceIndex: 0
      InterfaceType: efa-only
      SubnetId: subnet-0123456789abcdef0
      Groups: [sg-0f1e2d3c4b5a69788]
    - <<: *efa
      NetworkCardIndex: 2
    - <<: *efa
      InterfaceType: interface
`);
  const r = checkRequest(LAUNCH, text, 'yaml');
  // The third entry forgot its NetworkCardIndex: it lands on card 1, device 0 again.
  const d = r.one('nic-device-index');
  assert.equal(d.range.start.line, lineOf(text, '*efa', 2));
  assert.equal(r.covered(d), '*efa');
  assert.match(messageOf(d), /NetworkInterfaces\[3\] uses DeviceIndex 0, which LaunchTemplateData\.NetworkInterfaces\[1\] already uses on network card 1/);
  assert.equal(r.diagnostics.length, 1, r.diagnostics.map((x) => `${x.code} ${messageOf(x)}`).join('\n'));
});

test('RunInstances: a mistyped key in the anchor is reported at each use; its quick fix edits the anchor and says so', () => {
  const text = [
    'ImageId: ami-0123456789abcdef0',
    'InstanceType: p5.48xlarge',
    'MinCount: 1',
    'MaxCount: 1',
    'NetworkInterfaces:',
    '  - NetworkCardIndex: 0',
    '    DeviceIndex: 0',
    '    SubnetId: subnet-0123456789abcdef0',
    '  - &efa {NetworkCardIndex: 1, DeviceIndex: 0, InterfaceType: efa, SubnetId: subnet-0123456789abcdef0, Descripton: training}',
    '  - <<: *efa',
    '    NetworkCardIndex: 2',
    '  - <<: *efa',
    '    NetworkCardIndex: 3',
    '',
  ].join('\n');
  const r = checkRequest(RUN, text, 'yaml');
  const found = r.all('unknown-parameter');
  assert.deepEqual(lines(found), [8, 9, 11]);
  assert.deepEqual(found.map(r.covered), ['Descripton', '*efa', '*efa']);
  assert.match(messageOf(found[1]), /of NetworkInterfaces\[2\]/);
  // At the anchor: the rename as usual. At a use: the same edit, under the anchor, said so; one action for both uses.
  const [atAnchor] = service.codeActions(r.document, found[0].range, [found[0]]);
  assert.equal(atAnchor.title, 'Change to Description');
  const actions = service.codeActions(r.document, { start: found[1].range.start, end: found[2].range.end }, found.slice(1));
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Change to Description in the anchor &efa (changes every use of it)'],
  );
  assert.equal(actions[0].diagnostics?.length, 2);
  assert.deepEqual(actions[0].edit?.changes?.[r.document.uri], atAnchor.edit?.changes?.[r.document.uri]);
});

test('a fix for a member merged from the anchor never edits the alias line: remove-member goes to the anchor, titled', () => {
  const text = template(`
    - &efa
      NetworkCardIndex: 1
      DeviceIndex: 0
      InterfaceType: efa-only
      SubnetId: subnet-0123456789abcdef0
      AssociatePublicIpAddress: false
    - <<: *efa
      NetworkCardIndex: 2
`);
  const r = checkRequest(LAUNCH, text, 'yaml');
  const users = r.all('efa-only-addresses').filter((d) => r.covered(d) === '*efa');
  for (const d of users) {
    for (const action of service.codeActions(r.document, d.range, [d])) {
      const edits = action.edit?.changes?.[r.document.uri] ?? [];
      // Every edit is under the anchor (lines 10-16), none on the user's `<<: *efa` line.
      for (const edit of edits) assert.notEqual(edit.range.start.line, lineOf(text, '<<: *efa'), action.title);
      if (edits.length) assert.match(action.title, /in the anchor &efa \(changes every use of it\)$/);
    }
  }
});

test('legal neighbours: anchors, aliases and merge keys used well give no diagnostics', () => {
  const example = fs.readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'yaml-anchors', 'p5-efa-anchors.create-launch-template.yaml'), 'utf8');
  checkRequest(LAUNCH, example, 'yaml').none();
  checkRequest(
    LAUNCH,
    template(`
    - &efa
      NetworkCardIndex: 1
      DeviceIndex: 0
      InterfaceType: efa
      SubnetId: subnet-0123456789abcdef0
      Groups: &groups [sg-0f1e2d3c4b5a69788]
    - <<: *efa
      NetworkCardIndex: 2
    - {<<: *efa, NetworkCardIndex: 3}
    - <<: [*efa]
      NetworkCardIndex: 4
      Groups: *groups
`),
    'yaml',
  ).none();
  checkRequest(
    RUN,
    [
      'ImageId: ami-0123456789abcdef0',
      'MinCount: 1',
      'MaxCount: 1',
      'NetworkInterfaces:',
      '  - &nic',
      '    DeviceIndex: 0',
      '    SubnetId: &subnet subnet-0123456789abcdef0',
      '    Groups: &groups [sg-0f1e2d3c4b5a69788]',
      '  - <<: *nic',
      '    DeviceIndex: 1',
      'TagSpecifications:',
      '  - ResourceType: instance',
      '    Tags: &tags',
      '      - {Key: Name, Value: web}',
      '  - ResourceType: network-interface',
      '    Tags: *tags',
      '',
    ].join('\n'),
    'yaml',
  ).none();
});
