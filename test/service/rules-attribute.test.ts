/** Describe/Modify/ResetNetworkInterfaceAttribute: one attribute, value shapes, groups, attachment changes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
