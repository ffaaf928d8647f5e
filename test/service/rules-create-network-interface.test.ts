/** CreateNetworkInterface: the address rules of one interface spec, and the overlay-driven codes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { fixesOf } from '../../server/src/service/diagnostics';
import { checkRequest, json, messageOf, summarize, withCode } from '../support/service';

const CREATE = 'create-network-interface';
const check = (text: string, syntax: 'json' | 'yaml' = 'json') => checkRequest(CREATE, text, syntax);

const SUBNET = 'subnet-a61dafcf';
const primary = (address: string) => ({ Primary: true, PrivateIpAddress: address });
const secondary = (address: string) => ({ Primary: false, PrivateIpAddress: address });

// Seed 002's four example requests, as request files: all legal.

test('seed 002 example 1 (subnet only) is legal', () => {
  check(json({ SubnetId: 'subnet-b2a249da' })).none();
});

test('seed 002 example 2 (one primary entry plus a secondary count) is legal, in JSON and YAML', () => {
  check(json({ PrivateIpAddresses: [primary('10.0.2.140')], SecondaryPrivateIpAddressCount: 4, SubnetId: SUBNET })).none();
  check(`PrivateIpAddresses:\n  - Primary: true\n    PrivateIpAddress: 10.0.2.140\nSecondaryPrivateIpAddressCount: 4\nSubnetId: ${SUBNET}\n`, 'yaml').none();
});

test('seed 002 example 3 (a primary and two specific secondaries) is legal', () => {
  check(json({ PrivateIpAddresses: [primary('10.0.2.130'), secondary('10.0.2.132'), secondary('10.0.2.133')], SubnetId: SUBNET })).none();
});

test('seed 002 example 4 (a primary entry plus an IPv6 count) is legal', () => {
  check(json({ PrivateIpAddresses: [primary('10.0.2.130')], Ipv6AddressCount: 2, SubnetId: SUBNET })).none();
});

// ipv4-assignment-conflict

test('ipv4-assignment-conflict: specific secondaries and a secondary count, on the count', () => {
  const r = check(json({ PrivateIpAddresses: [primary('10.0.2.130'), secondary('10.0.2.132')], SecondaryPrivateIpAddressCount: 2, SubnetId: SUBNET }));
  const d = r.one('ipv4-assignment-conflict');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"SecondaryPrivateIpAddressCount"');
  assert.deepEqual(r.related(d), ['"PrivateIpAddresses"']);
  assert.match(messageOf(d), /SecondaryPrivateIpAddressCount cannot be combined with specific secondary addresses in PrivateIpAddresses/);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['SecondaryPrivateIpAddressCount'], title: 'Remove SecondaryPrivateIpAddressCount' }]);
});

test('ipv4-assignment-conflict: one entry marked Primary: false is a specific secondary (YAML)', () => {
  const r = check(
    `SubnetId: ${SUBNET}\nPrivateIpAddresses:\n  - PrivateIpAddress: 10.0.2.132\n    Primary: false\nSecondaryPrivateIpAddressCount: 3\n`,
    'yaml',
  );
  const d = r.one('ipv4-assignment-conflict');
  assert.equal(r.covered(d), 'SecondaryPrivateIpAddressCount');
  assert.deepEqual(r.related(d), ['PrivateIpAddresses']);
});

test('ipv4-assignment-conflict: PrivateIpAddress plus one unmarked entry plus a count', () => {
  const r = check(
    json({ PrivateIpAddress: '10.0.2.130', PrivateIpAddresses: [{ PrivateIpAddress: '10.0.2.131' }], SecondaryPrivateIpAddressCount: 1, SubnetId: SUBNET }),
  );
  assert.equal(r.covered(r.one('ipv4-assignment-conflict')), '"SecondaryPrivateIpAddressCount"');
});

test('ipv4-assignment-conflict: legal neighbours (primary address plus count, lone unmarked entry plus count)', () => {
  check(json({ SubnetId: SUBNET, PrivateIpAddress: '10.0.2.130', SecondaryPrivateIpAddressCount: 2 })).none();
  // A lone entry without Primary and without PrivateIpAddress is the primary address.
  check(json({ SubnetId: SUBNET, PrivateIpAddresses: [{ PrivateIpAddress: '10.0.2.130' }], SecondaryPrivateIpAddressCount: 2 })).none();
});

// ipv4-prefix-conflict

test('ipv4-prefix-conflict: Ipv4Prefixes and Ipv4PrefixCount, on the count', () => {
  const r = check(json({ SubnetId: SUBNET, Ipv4Prefixes: [{ Ipv4Prefix: '10.0.2.16/28' }], Ipv4PrefixCount: 2 }));
  const d = r.one('ipv4-prefix-conflict');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"Ipv4PrefixCount"');
  assert.deepEqual(r.related(d), ['"Ipv4Prefixes"']);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['Ipv4PrefixCount'], title: 'Remove Ipv4PrefixCount' }]);
});

test('ipv4-prefix-conflict: a prefix count excludes a secondary address count', () => {
  const r = check(json({ SubnetId: SUBNET, Ipv4PrefixCount: 1, SecondaryPrivateIpAddressCount: 2 }));
  const d = r.one('ipv4-prefix-conflict');
  assert.equal(r.covered(d), '"Ipv4PrefixCount"');
  assert.deepEqual(r.related(d), ['"SecondaryPrivateIpAddressCount"']);
  r.none('ipv4-assignment-conflict');
});

test('ipv4-prefix-conflict: prefixes exclude specific secondary addresses (YAML)', () => {
  const r = check(
    `SubnetId: ${SUBNET}\nPrivateIpAddresses:\n  - PrivateIpAddress: 10.0.2.130\n    Primary: true\n  - PrivateIpAddress: 10.0.2.131\nIpv4Prefixes:\n  - Ipv4Prefix: 10.0.2.16/28\n`,
    'yaml',
  );
  const d = r.one('ipv4-prefix-conflict');
  assert.equal(r.covered(d), 'Ipv4Prefixes');
  assert.deepEqual(r.related(d), ['PrivateIpAddresses']);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['Ipv4Prefixes'], title: 'Remove Ipv4Prefixes' }]);
});

test('ipv4-prefix-conflict: prefixes with a primary address are legal', () => {
  check(json({ SubnetId: SUBNET, PrivateIpAddress: '10.0.2.130', Ipv4Prefixes: [{ Ipv4Prefix: '10.0.2.16/28' }] })).none();
  check(json({ SubnetId: SUBNET, PrivateIpAddresses: [primary('10.0.2.130')], Ipv4PrefixCount: 2 })).none();
});

// ipv6-assignment-conflict

test('ipv6-assignment-conflict: specific addresses and a count, on the count', () => {
  const r = check(json({ SubnetId: SUBNET, Ipv6Addresses: [{ Ipv6Address: '2001:db8:1234:1a00::123' }], Ipv6AddressCount: 1 }));
  const d = r.one('ipv6-assignment-conflict');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"Ipv6AddressCount"');
  assert.deepEqual(r.related(d), ['"Ipv6Addresses"']);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['Ipv6AddressCount'], title: 'Remove Ipv6AddressCount' }]);
});

test('ipv6-assignment-conflict: every mode after the first is reported against the one that stays', () => {
  const r = check(`SubnetId: ${SUBNET}\nIpv6PrefixCount: 1\nIpv6Prefixes:\n  - Ipv6Prefix: "2001:db8:1:2:3::/80"\nIpv6AddressCount: 2\n`, 'yaml');
  const found = withCode(r.diagnostics, 'ipv6-assignment-conflict');
  assert.deepEqual(found.map(r.covered).sort(), ['Ipv6AddressCount', 'Ipv6PrefixCount']);
  for (const d of found) assert.deepEqual(r.related(d), ['Ipv6Prefixes']);
});

test('ipv6-assignment-conflict: Ipv6AddressCount 0 alone, and IPv4 with IPv6 prefixes, are legal', () => {
  check(json({ SubnetId: SUBNET, Ipv6AddressCount: 0 })).none();
  check(json({ SubnetId: SUBNET, Ipv4Prefixes: [{ Ipv4Prefix: '10.0.2.16/28' }], Ipv6Prefixes: [{ Ipv6Prefix: '2001:db8:1:2:3::/80' }] })).none();
});

// primary-ip-conflict

test('primary-ip-conflict: PrivateIpAddress and an entry marked Primary, on the entry', () => {
  const r = check(json({ SubnetId: SUBNET, PrivateIpAddress: '10.0.2.130', PrivateIpAddresses: [primary('10.0.2.131')] }));
  const d = r.one('primary-ip-conflict');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"Primary"');
  assert.deepEqual(r.related(d), ['"PrivateIpAddress"']);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['PrivateIpAddresses', 0, 'Primary'], title: 'Make 10.0.2.131 a secondary address' }]);
});

test('primary-ip-conflict: an entry repeating PrivateIpAddress as primary is removed whole', () => {
  const r = check(json({ SubnetId: SUBNET, PrivateIpAddress: '10.0.2.130', PrivateIpAddresses: [primary('10.0.2.130'), secondary('10.0.2.131')] }));
  const d = r.one('primary-ip-conflict');
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['PrivateIpAddresses', 0], title: 'Remove PrivateIpAddresses[0]: it repeats PrivateIpAddress' }]);
});

test('primary-ip-conflict: two entries marked Primary, on the second (YAML)', () => {
  const r = check(
    `SubnetId: ${SUBNET}\nPrivateIpAddresses:\n  - PrivateIpAddress: 10.0.2.130\n    Primary: true\n  - PrivateIpAddress: 10.0.2.131\n    Primary: true\n`,
    'yaml',
  );
  const d = r.one('primary-ip-conflict');
  assert.equal(r.covered(d), 'Primary');
  assert.equal(d.range.start.line, 5);
  assert.deepEqual(r.related(d), ['Primary']);
  assert.equal(r.related(d).length, 1);
  assert.equal(d.relatedInformation![0].location.range.start.line, 3);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['PrivateIpAddresses', 1, 'Primary'], title: 'Make 10.0.2.131 a secondary address' }]);
});

test('primary-ip-conflict: PrivateIpAddress with secondary entries is legal', () => {
  check(json({ SubnetId: SUBNET, PrivateIpAddress: '10.0.2.130', PrivateIpAddresses: [secondary('10.0.2.131'), secondary('10.0.2.132')] })).none();
});

// efa-only-addresses

test('efa-only-addresses: every IP member of an efa-only interface, and nothing else', () => {
  const r = check(
    json({ SubnetId: SUBNET, InterfaceType: 'efa-only', PrivateIpAddress: '10.0.2.130', Ipv6Addresses: [{ Ipv6Address: '2001:db8::1' }], Ipv6AddressCount: 2 }),
  );
  const found = withCode(r.diagnostics, 'efa-only-addresses');
  assert.deepEqual(found.map(r.covered), ['"PrivateIpAddress"', '"Ipv6Addresses"', '"Ipv6AddressCount"']);
  for (const d of found) {
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.deepEqual(r.related(d), ['"efa-only"']);
  }
  assert.deepEqual(fixesOf(found[0]), [{ fix: 'remove-member', path: ['PrivateIpAddress'], title: 'Remove PrivateIpAddress' }]);
  // Those members go anyway: no address conflicts on top.
  r.none('ipv6-assignment-conflict');
  assert.equal(r.diagnostics.length, 3, summarize(r.diagnostics));
});

test('efa-only-addresses: YAML', () => {
  const r = check(`SubnetId: ${SUBNET}\nInterfaceType: efa-only\nIpv4PrefixCount: 1\n`, 'yaml');
  const d = r.one('efa-only-addresses');
  assert.equal(r.covered(d), 'Ipv4PrefixCount');
  assert.deepEqual(r.related(d), ['efa-only']);
});

test('efa-only-addresses: legal neighbours (efa-only alone or with a zero count, efa with addresses)', () => {
  check(json({ SubnetId: SUBNET, InterfaceType: 'efa-only', Groups: ['sg-0f1e2d3c4b5a69788'] })).none();
  check(json({ SubnetId: SUBNET, InterfaceType: 'efa-only', Ipv6AddressCount: 0 })).none();
  check(json({ SubnetId: SUBNET, InterfaceType: 'efa', PrivateIpAddress: '10.0.2.130', Ipv6AddressCount: 1 })).none();
});

// Reported by the schema walk through overlays.

test('interface-type: a value outside the documented set', () => {
  const r = check(json({ SubnetId: SUBNET, InterfaceType: 'ena' }));
  const d = r.one('interface-type');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"ena"');
});

test('interface-type: interface (documented, not in the SDK enum), efa, efa-only and trunk are legal; branch (in the SDK enum) is not supported', () => {
  for (const type of ['interface', 'efa', 'trunk']) check(json({ SubnetId: SUBNET, InterfaceType: type })).none();
  check(json({ SubnetId: SUBNET, InterfaceType: 'branch' })).one('interface-type');
});

test('security-group-ids: a group name in Groups (JSON and YAML)', () => {
  const r = check(json({ SubnetId: SUBNET, Groups: ['sg-0f1e2d3c4b5a69788', 'web-servers'] }));
  const d = r.one('security-group-ids');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"web-servers"');
  assert.equal(fixesOf(d)[0]?.fix, 'explain');
  const y = check(`SubnetId: ${SUBNET}\nGroups:\n  - default\n`, 'yaml');
  assert.equal(y.covered(y.one('security-group-ids')), 'default');
});

test('security-group-ids: group IDs (8 and 17 digits) are legal', () => {
  check(json({ SubnetId: SUBNET, Groups: ['sg-0f1e2d3c4b5a69788', 'sg-1a2b3c4d'] })).none();
});

test('connection-tracking-range: each timeout out of its range', () => {
  const r = check(json({ SubnetId: SUBNET, ConnectionTrackingSpecification: { TcpEstablishedTimeout: 59, UdpStreamTimeout: 181, UdpTimeout: 61 } }));
  const found = withCode(r.diagnostics, 'connection-tracking-range');
  assert.deepEqual(found.map(r.covered), ['59', '181', '61']);
  for (const d of found) assert.equal(d.severity, DiagnosticSeverity.Error);
});

test('connection-tracking-range: the bounds themselves are legal', () => {
  check(json({ SubnetId: SUBNET, ConnectionTrackingSpecification: { TcpEstablishedTimeout: 432000, UdpStreamTimeout: 60, UdpTimeout: 30 } })).none();
  check(json({ SubnetId: SUBNET, ConnectionTrackingSpecification: { TcpEstablishedTimeout: 60, UdpStreamTimeout: 180, UdpTimeout: 60 } })).none();
});

test('count-range: negative counts and prefix counts below 1', () => {
  const r = check(json({ SubnetId: SUBNET, SecondaryPrivateIpAddressCount: -1 }));
  const d = r.one('count-range');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '-1');
  const y = check(`SubnetId: ${SUBNET}\nIpv6PrefixCount: 0\n`, 'yaml');
  assert.equal(y.covered(y.one('count-range')), '0');
});

test('count-range: zero address counts and a prefix count of 1 are legal', () => {
  check(json({ SubnetId: SUBNET, SecondaryPrivateIpAddressCount: 0, Ipv6AddressCount: 0 })).none();
  check(json({ SubnetId: SUBNET, Ipv4PrefixCount: 1, Ipv6PrefixCount: 1 })).none();
});

// Robustness: odd trees never make the rules throw or guess.

test('odd trees: wrong types and missing values are left to the schema walk', () => {
  const texts = [
    json({ SubnetId: SUBNET, PrivateIpAddresses: '10.0.2.130', SecondaryPrivateIpAddressCount: 2, Ipv4PrefixCount: '1' }),
    json({ SubnetId: SUBNET, PrivateIpAddresses: [null, 'x', { Primary: 'true', PrivateIpAddress: 5 }], PrivateIpAddress: 7 }),
    json({ SubnetId: SUBNET, PrivateIpAddresses: [{ Primary: 'true', PrivateIpAddress: '10.0.2.130' }], SecondaryPrivateIpAddressCount: 2 }),
    json({ SubnetId: SUBNET, InterfaceType: ['efa-only'], Ipv6Addresses: {}, Ipv6AddressCount: null }),
    json({ SubnetId: SUBNET, PrivateIpAddresses: [], SecondaryPrivateIpAddressCount: 2, Ipv4Prefixes: [] }),
    `SubnetId: ${SUBNET}\nPrivateIpAddresses:\nSecondaryPrivateIpAddressCount:\nIpv6Addresses:\n  -\n`,
    '[1, 2]',
    '"just a string"',
  ];
  const ruleCodes = [
    'ipv4-assignment-conflict',
    'ipv4-prefix-conflict',
    'ipv6-assignment-conflict',
    'primary-ip-conflict',
    'efa-only-addresses',
    'internal-error',
  ];
  for (const text of texts) {
    const r = check(text, text.startsWith('SubnetId:') ? 'yaml' : 'json');
    for (const code of ruleCodes) r.none(code);
  }
});
