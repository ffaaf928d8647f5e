/** Attach/Detach/DeleteNetworkInterface: device and card indexes, forced detach, attachment IDs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkRequest as check, diagnosticsFor, json, messageOf, summarize, withCode } from '../support/service';

const ENI = 'eni-0a1b2c3d4e5f60718';
const INSTANCE = 'i-0abcdef1234567890';
const ATTACH = 'attach-network-interface';
const DETACH = 'detach-network-interface';
const DELETE = 'delete-network-interface';

// Seeds 000 and 004, translated to request files: no diagnostics.

test('seed 000 attach (with DryRun and NetworkCardIndex) is legal, in JSON and YAML', () => {
  check(ATTACH, json({ DeviceIndex: 1, DryRun: true, InstanceId: INSTANCE, NetworkCardIndex: 0, NetworkInterfaceId: ENI })).none();
  check(ATTACH, `DeviceIndex: 1\nDryRun: true\nInstanceId: ${INSTANCE}\nNetworkCardIndex: 0\nNetworkInterfaceId: ${ENI}\n`, 'yaml').none();
});

test('seed 000 delete is legal', () => {
  check(DELETE, json({ DryRun: true, NetworkInterfaceId: ENI })).none();
});

test('seed 004 detach example, and seed 000 detach with Force false, are legal', () => {
  check(DETACH, json({ AttachmentId: 'eni-attach-66c4350a' })).none();
  check(DETACH, json({ DryRun: true, AttachmentId: 'eni-attach-66c4350a', Force: false })).none();
});

// primary-card-index is retired: device 0 of a network card other than 0 is a normal slot

test('attach at DeviceIndex 0 on network card 1 or 3 is legal (multi-card EFA layouts), in JSON and YAML', () => {
  check(ATTACH, json({ NetworkInterfaceId: ENI, InstanceId: INSTANCE, DeviceIndex: 0, NetworkCardIndex: 1 })).none();
  check(ATTACH, `NetworkInterfaceId: ${ENI}\nInstanceId: ${INSTANCE}\nNetworkCardIndex: 3\nDeviceIndex: 0\n`, 'yaml').none();
  check(ATTACH, json({ NetworkInterfaceId: ENI, InstanceId: INSTANCE, DeviceIndex: 1, NetworkCardIndex: 1 })).none();
});

test('attach at DeviceIndex 0 on network card 0, given or not, is the primary slot: a warning', () => {
  const r = check(ATTACH, json({ NetworkInterfaceId: ENI, InstanceId: INSTANCE, DeviceIndex: 0, NetworkCardIndex: 0 }));
  assert.deepEqual(r.codes(), ['attach-device-index-zero']);
});

// attach-device-index-zero

test('attach-device-index-zero: attaching at DeviceIndex 0 is a warning on the 0', () => {
  const r = check(ATTACH, json({ NetworkInterfaceId: ENI, InstanceId: INSTANCE, DeviceIndex: 0 }));
  const d = r.one('attach-device-index-zero');
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  assert.equal(r.covered(d), '0');
  assert.match(messageOf(d), /primary interface/);
  assert.equal(r.diagnostics.length, 1, summarize(r.diagnostics));
});

test('attach-device-index-zero: DeviceIndex 1 is fine; a mistyped "0" is only the schema walk\'s finding', () => {
  check(ATTACH, json({ NetworkInterfaceId: ENI, InstanceId: INSTANCE, DeviceIndex: 1 })).none();
  const r = check(ATTACH, json({ NetworkInterfaceId: ENI, InstanceId: INSTANCE, DeviceIndex: '0', NetworkCardIndex: 1 }));
  assert.deepEqual(r.codes(), ['wrong-type']);
});

// force-detach

test('force-detach: Force true is a warning on the Force key, with a fix that removes it', () => {
  const r = check(DETACH, json({ AttachmentId: 'eni-attach-66c4350a', Force: true }));
  const d = r.one('force-detach');
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  assert.equal(r.covered(d), '"Force"');
  assert.match(messageOf(d), /last resort/);
  assert.match(messageOf(d), /stopped and started/);
  assert.match(messageOf(d), /metadata/);
  assert.deepEqual(d.data, { fixes: [{ fix: 'remove-member', path: ['Force'], title: 'Remove Force (detach normally)' }] });
});

test('force-detach: in YAML too; Force false or absent is fine', () => {
  const r = check(DETACH, 'AttachmentId: eni-attach-66c4350a\nForce: true\n', 'yaml');
  assert.equal(r.covered(r.one('force-detach')), 'Force');
  check(DETACH, 'AttachmentId: eni-attach-66c4350a\nForce: false\n', 'yaml').none();
  check(DETACH, 'AttachmentId: eni-attach-66c4350a\n', 'yaml').none();
});

// attachment-id-kind (reported by formats.ts through the schema walk)

test('attachment-id-kind: an eni-… ID in AttachmentId says an attachment ID is expected', () => {
  const r = check(DETACH, json({ AttachmentId: ENI }));
  const d = r.one('attachment-id-kind');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), `"${ENI}"`);
  assert.match(messageOf(d), /eni-attach-/);
  assert.match(messageOf(d), /Attachment\.AttachmentId/);
  assert.equal(r.diagnostics.length, 1, summarize(r.diagnostics));
  const yaml = check(DETACH, `AttachmentId: ${ENI}\n`, 'yaml');
  assert.equal(yaml.covered(yaml.one('attachment-id-kind')), ENI);
});

test('attachment-id-kind: an eni-attach-… ID is fine; another kind of ID is malformed-id', () => {
  check(DETACH, json({ AttachmentId: 'eni-attach-0123456789abcdef0' })).none();
  const r = check(DETACH, json({ AttachmentId: INSTANCE }));
  assert.deepEqual(r.codes(), ['malformed-id']);
});

test('odd trees do not break the rules', () => {
  for (const command of [ATTACH, DETACH, DELETE]) {
    for (const text of ['[]', '7', json({ DeviceIndex: null, NetworkCardIndex: 'x', Force: 'true' }), json({ DeviceIndex: 0, NetworkCardIndex: 1.5 })]) {
      const diagnostics = diagnosticsFor(command, text);
      assert.equal(withCode(diagnostics, 'internal-error').length, 0, summarize(diagnostics));
    }
  }
});
