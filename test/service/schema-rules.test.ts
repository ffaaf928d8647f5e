/**
 * The catalogue's "Everywhere" rules that the schema walk reports: unknown-parameter,
 * missing-required, wrong-type, invalid-enum, malformed-id, malformed-address, duplicate-key.
 * Each has a trigger and a legal neighbour.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { fixesOf } from '../../server/src/service/diagnostics';
import { checkRequest, json, messageOf } from '../support/service';

const CREATE = 'create-network-interface';
const SUBNET = 'subnet-0123456789abcdef0';
const ENI = 'eni-0a1b2c3d4e5f60718';

test('unknown-parameter: a near miss gets "did you mean" and a rename fix, on the key', () => {
  const r = checkRequest(CREATE, json({ SubnetId: SUBNET, PrivateIPAddress: '10.0.1.5' }));
  const d = r.one('unknown-parameter');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"PrivateIPAddress"');
  assert.match(messageOf(d), /Did you mean PrivateIpAddress\?/);
  assert.match(messageOf(d), /Valid: ClientToken, ConnectionTrackingSpecification, Description/);
  assert.deepEqual(fixesOf(d), [{ fix: 'rename-key', path: ['PrivateIPAddress'], newKey: 'PrivateIpAddress' }]);
});

test('unknown-parameter: nested members, YAML, and no guess for a far-off key', () => {
  const r = checkRequest(CREATE, `SubnetId: ${SUBNET}\nPrivateIpAddresses:\n  - Address: 10.0.1.5\n`, 'yaml');
  const d = r.one('unknown-parameter');
  assert.equal(r.covered(d), 'Address');
  assert.match(messageOf(d), /PrivateIpAddresses\[0\] \(PrivateIpAddressSpecification\)/);
  assert.deepEqual(fixesOf(d), []);
});

test('unknown-parameter: DryRun in an operation without it says so and offers to remove it', () => {
  const r = checkRequest('unassign-ipv6-addresses', json({ NetworkInterfaceId: ENI, Ipv6Addresses: ['2001:db8::1'], DryRun: true }));
  const d = r.one('unknown-parameter');
  assert.match(messageOf(d), /has no DryRun parameter/);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['DryRun'] }]);
});

test('unknown-parameter: legal members, and the same key in another case in a map, are not reported', () => {
  checkRequest(CREATE, json({ SubnetId: SUBNET, DryRun: true, Description: 'x' })).none();
});

test('missing-required: on the request`s `{`, with an insert fix and a placeholder', () => {
  const r = checkRequest('attach-network-interface', json({ NetworkInterfaceId: ENI, InstanceId: 'i-0abcdef1234567890' }));
  const d = r.one('missing-required');
  assert.equal(r.covered(d), '{');
  assert.deepEqual(fixesOf(d), [{ fix: 'insert-member', objectPath: [], key: 'DeviceIndex', value: 0 }]);
});

test('missing-required: in a nested structure, on the key that holds it (YAML)', () => {
  const r = checkRequest('run-instances', 'MinCount: 1\nMaxCount: 1\nMonitoring: {}\n', 'yaml');
  const d = r.one('missing-required');
  assert.equal(r.covered(d), 'Monitoring');
  assert.match(messageOf(d), /Monitoring is missing the required member Enabled/);
  assert.deepEqual(fixesOf(d), [{ fix: 'insert-member', objectPath: ['Monitoring'], key: 'Enabled', value: false }]);
});

test('missing-required: not reported when a misspelt key already suggests the member', () => {
  const r = checkRequest(CREATE, json({ SubnetID: SUBNET }));
  assert.deepEqual(r.codes(), ['unknown-parameter']);
  assert.match(messageOf(r.one('unknown-parameter')), /Did you mean SubnetId \(a required member\)\?/);
});

test('wrong-type: a quoted number, with a fix to the number', () => {
  const r = checkRequest(CREATE, json({ SubnetId: SUBNET, SecondaryPrivateIpAddressCount: '2' }));
  const d = r.one('wrong-type');
  assert.equal(r.covered(d), '"2"');
  assert.deepEqual(fixesOf(d), [{ fix: 'replace-value', path: ['SecondaryPrivateIpAddressCount'], value: 2, title: 'Change to the number 2' }]);
});

test('wrong-type: a string boolean, a number for a string (YAML), a fraction, a scalar for a list, null', () => {
  const bool = checkRequest('attach-network-interface', json({ NetworkInterfaceId: ENI, InstanceId: 'i-0abcdef1234567890', DeviceIndex: 1, DryRun: 'true' }));
  assert.deepEqual(fixesOf(bool.one('wrong-type'))[0], { fix: 'replace-value', path: ['DryRun'], value: true, title: 'Change to the boolean true' });
  const yaml = checkRequest(CREATE, `SubnetId: ${SUBNET}\nDescription: 1234\n`, 'yaml');
  assert.deepEqual(fixesOf(yaml.one('wrong-type'))[0], { fix: 'replace-value', path: ['Description'], value: '1234', title: 'Change to the string "1234"' });
  const fraction = checkRequest(CREATE, json({ SubnetId: SUBNET, Ipv6AddressCount: 1.5 }));
  assert.match(messageOf(fraction.one('wrong-type')), /whole number/);
  const list = checkRequest(CREATE, json({ SubnetId: SUBNET, Groups: 'sg-0f1e2d3c4b5a69788' }));
  assert.deepEqual(fixesOf(list.one('wrong-type'))[0].fix, 'replace-value');
  const nil = checkRequest(CREATE, json({ SubnetId: SUBNET, Description: null }));
  assert.deepEqual(fixesOf(nil.one('wrong-type')), [{ fix: 'remove-member', path: ['Description'] }]);
});

test('wrong-type: the legal types are not reported (YAML quoted string that looks like a number)', () => {
  checkRequest(CREATE, `SubnetId: ${SUBNET}\nDescription: "1234"\nSecondaryPrivateIpAddressCount: 2\n`, 'yaml').none();
});

test('invalid-enum: lists the allowed values and fixes a near miss', () => {
  const r = checkRequest('create-network-interface-permission', json({ NetworkInterfaceId: ENI, Permission: 'instance-attach' }));
  const d = r.one('invalid-enum');
  assert.equal(r.covered(d), '"instance-attach"');
  assert.match(messageOf(d), /Allowed: EIP-ASSOCIATE, INSTANCE-ATTACH/);
  assert.deepEqual(fixesOf(d), [{ fix: 'replace-value', path: ['Permission'], value: 'INSTANCE-ATTACH' }]);
  checkRequest('create-network-interface-permission', json({ NetworkInterfaceId: ENI, Permission: 'EIP-ASSOCIATE' })).none();
});

test('malformed-id: wrong length or case, and an ID of the wrong kind says which kind is expected', () => {
  for (const bad of ['eni-12345', 'eni-0A1B2C3D', 'eni-0a1b2c3d4e5f6071']) {
    const r = checkRequest('delete-network-interface', json({ NetworkInterfaceId: bad }));
    assert.match(messageOf(r.one('malformed-id')), /8 or 17 lowercase hexadecimal digits/, bad);
  }
  const kind = checkRequest('delete-network-interface', json({ NetworkInterfaceId: 'i-0abcdef1234567890' }));
  assert.match(messageOf(kind.one('malformed-id')), /expects a network interface ID \(eni-…\), but "i-0abcdef1234567890" is an instance ID/);
});

test('malformed-id: 8 and 17 digit IDs of the right kind are legal; eni-attach is not read as eni', () => {
  checkRequest('delete-network-interface', json({ NetworkInterfaceId: 'eni-0a1b2c3d' })).none();
  checkRequest('delete-network-interface', json({ NetworkInterfaceId: ENI })).none();
  checkRequest('detach-network-interface', json({ AttachmentId: 'eni-attach-0a1b2c3d' })).none();
});

test('malformed-address: IPv4, IPv6, and delegated prefixes (/28, /80, aligned)', () => {
  const cases: [string, unknown, RegExp][] = [
    ['assign-private-ip-addresses', { NetworkInterfaceId: ENI, PrivateIpAddresses: ['10.0.1.256'] }, /not an IPv4 address/],
    ['assign-ipv6-addresses', { NetworkInterfaceId: ENI, Ipv6Addresses: ['2001:db8::g'] }, /not an IPv6 address/],
    ['assign-private-ip-addresses', { NetworkInterfaceId: ENI, Ipv4Prefixes: ['10.0.1.0/24'] }, /always \/28/],
    ['assign-private-ip-addresses', { NetworkInterfaceId: ENI, Ipv4Prefixes: ['10.0.1.5/28'] }, /\/28 boundary/],
    ['assign-ipv6-addresses', { NetworkInterfaceId: ENI, Ipv6Prefixes: ['2001:db8:1:2::/64'] }, /always \/80/],
    ['assign-ipv6-addresses', { NetworkInterfaceId: ENI, Ipv6Prefixes: ['2001:db8:1:2:3:4::/80'] }, /\/80 boundary/],
    ['assign-ipv6-addresses', { NetworkInterfaceId: ENI, Ipv6Prefixes: ['2001:db8::'] }, /CIDR notation/],
  ];
  for (const [command, body, pattern] of cases) {
    const r = checkRequest(command, json(body));
    assert.match(messageOf(r.one('malformed-address')), pattern, JSON.stringify(body));
  }
});

test('malformed-address: well-formed addresses and aligned prefixes are legal', () => {
  const legal: [string, unknown][] = [
    ['assign-private-ip-addresses', { NetworkInterfaceId: ENI, Ipv4Prefixes: ['10.0.1.16/28', '10.0.255.240/28'] }],
    ['assign-ipv6-addresses', { NetworkInterfaceId: ENI, Ipv6Prefixes: ['2001:db8:1:2:3::/80', '2001:db8::/80'] }],
    ['assign-ipv6-addresses', { NetworkInterfaceId: ENI, Ipv6Addresses: ['2001:db8::10', '::ffff:10.0.0.1'] }],
    ['associate-address', { AllocationId: 'eipalloc-0123456789abcdef0', NetworkInterfaceId: ENI, PrivateIpAddress: '10.0.1.5' }],
  ];
  for (const [command, body] of legal) {
    const r = checkRequest(command, json(body));
    assert.deepEqual(r.all('malformed-address'), [], JSON.stringify(body));
  }
});

test('duplicate-key: a warning on the ignored occurrence, pointing at the one that counts', () => {
  const r = checkRequest(CREATE, `{\n  "SubnetId": "${SUBNET}",\n  "Description": "a",\n  "Description": "b"\n}`);
  const d = r.one('duplicate-key');
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  assert.equal(d.range.start.line, 2);
  assert.deepEqual(r.related(d), ['"Description"']);
  assert.equal(d.relatedInformation![0].location.range.start.line, 3);
  const yaml = checkRequest(CREATE, `SubnetId: ${SUBNET}\nSubnetId: ${SUBNET}\n`, 'yaml');
  assert.equal(yaml.one('duplicate-key').range.start.line, 0);
});

test('duplicate-key: the same key in different objects is legal', () => {
  checkRequest(
    'create-tags',
    json({
      Resources: [ENI],
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
    }),
  ).none();
});

test('placeholder-value: an all-zero ID left from a template or quick fix is pointed out as information', () => {
  const r = checkRequest(CREATE, json({ SubnetId: 'subnet-00000000' }));
  const d = r.one('placeholder-value');
  assert.equal(d.severity, DiagnosticSeverity.Information);
  assert.equal(r.covered(d), '"subnet-00000000"');
  checkRequest(CREATE, json({ SubnetId: 'subnet-00000001' })).none();
});

test('empty-request: an empty or comment-only request says what to add; a request with members does not', () => {
  for (const [text, syntax] of [
    ['', 'json'],
    ['# nothing yet\n', 'yaml'],
  ] as const) {
    const r = checkRequest(CREATE, text, syntax);
    const d = r.one('empty-request');
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(d), /CreateNetworkInterface request is empty.*Required: SubnetId/);
  }
  checkRequest(CREATE, json({ SubnetId: SUBNET })).none();
});
