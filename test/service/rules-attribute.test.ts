/** Describe/Modify/ResetNetworkInterfaceAttribute: one attribute, value shapes, groups, attachment changes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkRequest as check, diagnosticsFor, json, messageOf, service, summarize, withCode } from '../support/service';

const ENI = 'eni-0a1b2c3d4e5f60718';
const SG = 'sg-0123456789abcdef0';
const MODIFY = 'modify-network-interface-attribute';
const DESCRIBE = 'describe-network-interface-attribute';
const RESET = 'reset-network-interface-attribute';

// Seed 000, translated to request files: no diagnostics.

test('seed 000 modify_attribute: each attribute alone is legal', () => {
  for (const attribute of [
    { Attachment: { AttachmentId: 'eni-attach-66c4350a', DeleteOnTermination: true } },
    { Description: { Value: 'web tier' } },
    { Groups: [SG, 'sg-0123456789abcdef1'] },
    { SourceDestCheck: { Value: false } },
  ]) {
    check(MODIFY, json({ NetworkInterfaceId: ENI, DryRun: true, ...attribute })).none();
  }
  check(MODIFY, `NetworkInterfaceId: ${ENI}\nSourceDestCheck:\n  Value: false\n`, 'yaml').none();
});

test('seed 000 describe_attribute and reset_attribute are legal', () => {
  for (const attribute of ['description', 'groupSet', 'sourceDestCheck', 'attachment', 'associatePublicIpAddress']) {
    check(DESCRIBE, json({ NetworkInterfaceId: ENI, Attribute: attribute, DryRun: false })).none();
  }
  check(RESET, json({ NetworkInterfaceId: ENI, DryRun: true, SourceDestCheck: 'true' })).none();
  check(RESET, `NetworkInterfaceId: ${ENI}\nSourceDestCheck: "true"\n`, 'yaml').none();
});

// one-attribute

test('one-attribute: a Modify with no attribute is an error on the request', () => {
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, DryRun: true }));
  const d = r.one('one-attribute');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '{');
  // The attribute list comes from the schema: members the old docs never listed are in it.
  for (const member of ['Description', 'SourceDestCheck', 'Groups', 'Attachment', 'EnaSrdSpecification', 'AssociatePublicIpAddress']) {
    assert.match(messageOf(d), new RegExp(`\\b${member}\\b`));
  }
  assert.doesNotMatch(messageOf(d), /NetworkInterfaceId|DryRun/);
  const yaml = check(MODIFY, `NetworkInterfaceId: ${ENI}\n`, 'yaml');
  assert.equal(yaml.covered(yaml.one('one-attribute')), 'NetworkInterfaceId');
});

test('one-attribute: the attribute list matches the schema minus NetworkInterfaceId and DryRun', () => {
  const schema = service.registry.get('ModifyNetworkInterfaceAttribute')!;
  const attributes = Object.keys(schema.properties!).filter((k) => k !== 'NetworkInterfaceId' && k !== 'DryRun');
  assert.ok(attributes.length >= 5, attributes.join());
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI }));
  for (const attribute of attributes) assert.ok(messageOf(r.one('one-attribute')).includes(attribute), attribute);
});

test('one-attribute: two attributes: the second is flagged on its key, related to the first', () => {
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, Description: { Value: 'nat' }, SourceDestCheck: { Value: false } }));
  const d = r.one('one-attribute');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"SourceDestCheck"');
  assert.deepEqual(r.related(d), ['"Description"']);
  assert.match(messageOf(d), /one attribute per request: SourceDestCheck cannot go with Description/);
  assert.deepEqual(d.data, { fixes: [{ fix: 'remove-member', path: ['SourceDestCheck'], title: 'Remove SourceDestCheck' }] });
});

test('one-attribute: three attributes give two findings (YAML), newer attributes included', () => {
  const r = check(MODIFY, `NetworkInterfaceId: ${ENI}\nEnablePrimaryIpv6: true\nGroups:\n  - ${SG}\nAssociatePublicIpAddress: false\n`, 'yaml');
  const found = withCode(r.diagnostics, 'one-attribute');
  assert.deepEqual(found.map(r.covered), ['Groups', 'AssociatePublicIpAddress']);
  for (const d of found) assert.deepEqual(r.related(d), ['EnablePrimaryIpv6']);
});

test("one-attribute: DryRun is not an attribute; a mistyped attribute is the schema walk's finding only", () => {
  check(MODIFY, json({ DryRun: false, NetworkInterfaceId: ENI, EnablePrimaryIpv6: true })).none();
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, Description: 'nat' }));
  assert.deepEqual(r.codes(), ['attribute-value-shape']);
});

// attribute-value-shape (schema walk, overlay code)

test('attribute-value-shape: a bare SourceDestCheck is an error on the value, with a wrap-value fix', () => {
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, SourceDestCheck: false }));
  const d = r.one('attribute-value-shape');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), 'false');
  assert.match(messageOf(d), /\{ "Value": false \}/);
  assert.deepEqual(d.data, { fixes: [{ fix: 'wrap-value', path: ['SourceDestCheck'], key: 'Value' }] });
});

test('attribute-value-shape: a bare Description in YAML; the { Value } shape is fine', () => {
  const r = check(MODIFY, `NetworkInterfaceId: ${ENI}\nDescription: web tier\n`, 'yaml');
  const d = r.one('attribute-value-shape');
  assert.equal(r.covered(d), 'web tier');
  assert.deepEqual(d.data, { fixes: [{ fix: 'wrap-value', path: ['Description'], key: 'Value' }] });
  check(MODIFY, `NetworkInterfaceId: ${ENI}\nDescription:\n  Value: web tier\n`, 'yaml').none();
});

// groups-not-empty and security-group-ids (schema walk)

test('groups-not-empty: an empty Groups is an error on the list (and not also "no attribute")', () => {
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, Groups: [] }));
  const d = r.one('groups-not-empty');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '[]');
  assert.deepEqual(r.codes(), ['groups-not-empty']);
});

test('groups-not-empty: one group ID is enough', () => {
  check(MODIFY, json({ NetworkInterfaceId: ENI, Groups: [SG] })).none();
});

test('security-group-ids: a group name in Groups is an error on the name, with an explanation', () => {
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, Groups: [SG, 'default'] }));
  const d = r.one('security-group-ids');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"default"');
  assert.match(messageOf(d), /IDs \(sg-…\), not names/);
  const fixes = (d.data as { fixes: { fix: string; message: string }[] }).fixes;
  assert.equal(fixes.length, 1);
  assert.equal(fixes[0].fix, 'explain');
  assert.match(fixes[0].message, /describe-security-groups --filters Name=group-name,Values=default/);
  const yaml = check(MODIFY, `NetworkInterfaceId: ${ENI}\nGroups:\n  - web-sg\n`, 'yaml');
  assert.equal(yaml.covered(yaml.one('security-group-ids')), 'web-sg');
});

// attachment-change

test('attachment-change: Attachment without AttachmentId is an error on the key, with an insert fix', () => {
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, Attachment: { DeleteOnTermination: false } }));
  const d = r.one('attachment-change');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"Attachment"');
  assert.match(messageOf(d), /Attachment needs AttachmentId/);
  assert.deepEqual(d.data, { fixes: [{ fix: 'insert-member', objectPath: ['Attachment'], key: 'AttachmentId', value: 'eni-attach-00000000' }] });
  const yaml = check(MODIFY, `NetworkInterfaceId: ${ENI}\nAttachment:\n  DeleteOnTermination: true\n`, 'yaml');
  assert.equal(yaml.covered(yaml.one('attachment-change')), 'Attachment');
});

test('attachment-change: with AttachmentId it is fine; an eni-… there is attachment-id-kind', () => {
  check(MODIFY, json({ NetworkInterfaceId: ENI, Attachment: { AttachmentId: 'eni-attach-0123456789abcdef0', DeleteOnTermination: false } })).none();
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, Attachment: { AttachmentId: ENI, DeleteOnTermination: false } }));
  assert.deepEqual(r.codes(), ['attachment-id-kind']);
});

// Messages about the Attachment of ModifyNetworkInterfaceAttribute speak of changing the attachment's attributes.

const ATTACH_ID = 'eni-attach-0123456789abcdef0';
/** The detaching wording (DetachNetworkInterface's messages): never about an attachment change. */
const DETACHING = /\bdetach(ing|es|ed|ment)?\b/i;

test("Attachment: an interface ID as AttachmentId speaks of changing the attachment's attributes, not of detaching", () => {
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, Attachment: { AttachmentId: ENI, DeleteOnTermination: false } }));
  const d = r.one('attachment-id-kind');
  assert.equal(r.covered(d), `"${ENI}"`);
  assert.doesNotMatch(messageOf(d), DETACHING);
  assert.match(messageOf(d), /^Attachment\.AttachmentId takes the attachment ID \(eni-attach-…\), not a network interface ID/);
  assert.match(messageOf(d), /To change the attachment's attributes \(DefaultEnaQueueCount, DeleteOnTermination or EnaQueueCount\)/);
  assert.match(messageOf(d), /DescribeNetworkInterfaces shows the ID under Attachment\.AttachmentId/);
  // The same finding in DetachNetworkInterface keeps its own wording.
  const detach = check('detach-network-interface', json({ AttachmentId: ENI }));
  assert.match(messageOf(detach.one('attachment-id-kind')), /Detaching takes the attachment ID/);
});

test('Attachment: members of attach and detach requests are unknown here, and the message says what this Attachment holds', () => {
  const r = check(
    MODIFY,
    `NetworkInterfaceId: ${ENI}\nAttachment:\n  AttachmentId: ${ATTACH_ID}\n  DeleteOnTermination: true\n  Force: true\n  DeviceIndex: 1\n  InstanceId: i-0123456789abcdef0\n`,
    'yaml',
  );
  const found = r.all('unknown-parameter');
  assert.deepEqual(found.map(r.covered), ['Force', 'DeviceIndex', 'InstanceId']);
  for (const d of found) {
    assert.match(
      messageOf(d),
      /is not a member of Attachment here\. ModifyNetworkInterfaceAttribute's Attachment names an existing attachment \(AttachmentId\) and changes its attributes: DefaultEnaQueueCount, DeleteOnTermination or EnaQueueCount\./,
    );
  }
  assert.match(messageOf(found[0]), /\(Force belongs to DetachNetworkInterface\.\)$/);
  assert.match(messageOf(found[1]), /\(DeviceIndex belongs to AttachNetworkInterface, which makes a new attachment\.\)$/);
  assert.equal(r.diagnostics.length, 3, summarize(r.diagnostics));
});

test('Attachment: a misspelt AttachmentID gets the did-you-mean and its rename, not attachment-change as well', () => {
  const r = check(MODIFY, json({ NetworkInterfaceId: ENI, Attachment: { AttachmentID: ATTACH_ID, DeleteOnTermination: true } }));
  const d = r.one('unknown-parameter');
  assert.match(messageOf(d), /^AttachmentID is not a member of Attachment here\. Did you mean AttachmentId\?/);
  assert.deepEqual(d.data, { fixes: [{ fix: 'rename-key', path: ['Attachment', 'AttachmentID'], newKey: 'AttachmentId' }] });
  assert.deepEqual(r.codes(), ['unknown-parameter']);
});

test('Attachment: the attachment ID alone where the structure belongs is wrapped into { AttachmentId }', () => {
  const r = check(MODIFY, `NetworkInterfaceId: ${ENI}\nAttachment: ${ATTACH_ID}\n`, 'yaml');
  const d = r.one('wrong-type');
  assert.match(messageOf(d), /^Attachment is a structure: the attachment to change \(AttachmentId\) and its new attributes/);
  assert.match(messageOf(d), new RegExp(`not the string "${ATTACH_ID}"\\.$`));
  const [action] = service.codeActions(r.document, d.range, [d]);
  assert.equal(action.title, 'Wrap in { "AttachmentId": … }');
  const fixed = check(MODIFY, TextDocument.applyEdits(r.document, action.edit!.changes![r.document.uri]), 'yaml');
  // Wrapped: the request names the attachment, and only the attribute to change is missing.
  assert.deepEqual(fixed.codes(), []);
  assert.match(fixed.document.getText(), new RegExp(`Attachment:\n  AttachmentId: ${ATTACH_ID}\n`));
});

test('Attachment: no message about it speaks of detaching (Force only names the operation it belongs to)', () => {
  const variants: unknown[] = [
    { AttachmentId: ENI, DeleteOnTermination: true },
    { AttachmentId: 'eni-attach-xyz', DeleteOnTermination: 'yes' },
    { DeleteOnTermination: 1, EnaQueueCount: 3000000000, DefaultEnaQueueCount: 1 },
    { AttachmentId: 'i-0123456789abcdef0', Force: true },
    {},
    'eni-attach-0123456789abcdef0',
    [ATTACH_ID],
    7,
  ];
  for (const attachment of variants) {
    const r = check(MODIFY, json({ NetworkInterfaceId: ENI, Attachment: attachment }));
    assert.ok(r.diagnostics.length > 0, JSON.stringify(attachment));
    for (const d of r.diagnostics) {
      assert.doesNotMatch(messageOf(d).replace('(Force belongs to DetachNetworkInterface.)', ''), DETACHING, `${JSON.stringify(attachment)}: ${messageOf(d)}`);
      assert.match(messageOf(d), /attachment/i, `${JSON.stringify(attachment)}: ${messageOf(d)}`);
    }
  }
});

// describe-attribute-enum

test('describe-attribute-enum: a describe without Attribute is an error, with a fix inserting the first value', () => {
  const r = check(DESCRIBE, json({ NetworkInterfaceId: ENI }));
  const d = r.one('describe-attribute-enum');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '{');
  assert.match(messageOf(d), /needs Attribute/);
  assert.match(messageOf(d), /description/);
  const first = service.registry.get('DescribeNetworkInterfaceAttribute')!.properties!.Attribute.enum![0];
  assert.deepEqual(d.data, { fixes: [{ fix: 'insert-member', objectPath: [], key: 'Attribute', value: first }] });
  const yaml = check(DESCRIBE, `NetworkInterfaceId: ${ENI}\n`, 'yaml');
  assert.equal(yaml.covered(yaml.one('describe-attribute-enum')), 'NetworkInterfaceId');
});

test('describe-attribute-enum: a value outside the enum (schema walk) gets a did-you-mean', () => {
  const r = check(DESCRIBE, json({ NetworkInterfaceId: ENI, Attribute: 'sourcedestcheck' }));
  const d = r.one('describe-attribute-enum');
  assert.equal(r.covered(d), '"sourcedestcheck"');
  assert.deepEqual(d.data, { fixes: [{ fix: 'replace-value', path: ['Attribute'], value: 'sourceDestCheck' }] });
  assert.deepEqual(r.codes(), ['describe-attribute-enum']);
});

test('odd trees do not break the rules', () => {
  for (const command of [MODIFY, DESCRIBE, RESET]) {
    for (const text of [
      '[]',
      'true',
      json({ NetworkInterfaceId: ENI, Attachment: 'eni-attach-0123456789abcdef0' }),
      json({ Attachment: null, Attribute: 3 }),
    ]) {
      const diagnostics = diagnosticsFor(command, text);
      assert.equal(withCode(diagnostics, 'internal-error').length, 0, summarize(diagnostics));
    }
  }
});
