/** RunInstances: NetworkInterfaces[] entries, the instance-level members, MinCount/MaxCount. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { fixesOf } from '../../server/src/service/diagnostics';
import { checkRequest, json, messageOf, summarize } from '../support/service';

const RUN = 'run-instances';
const check = (text: string, syntax: 'json' | 'yaml' = 'json') => checkRequest(RUN, text, syntax);

const BASE = { ImageId: 'ami-0123456789abcdef0', InstanceType: 'c6i.large', MinCount: 1, MaxCount: 1 };
const BASE_YAML = 'ImageId: ami-0123456789abcdef0\nInstanceType: c6i.large\nMinCount: 1\nMaxCount: 1\n';
const SUBNET = 'subnet-0123456789abcdef0';
const SG = 'sg-0f1e2d3c4b5a69788';
const ENI = 'eni-0a1b2c3d4e5f60718';
const run = (members: Record<string, unknown>) => json({ ...BASE, ...members });

test('a launch with a new eth0 and an existing eth1 is legal (JSON and YAML)', () => {
  const nics = [
    { DeviceIndex: 0, SubnetId: SUBNET, Groups: [SG], AssociatePublicIpAddress: false, PrivateIpAddress: '10.0.1.40', DeleteOnTermination: true },
    { DeviceIndex: 1, NetworkInterfaceId: ENI },
  ];
  check(run({ NetworkInterfaces: nics })).none();
  check(
    BASE_YAML +
      `NetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: ${SUBNET}\n    Groups: [${SG}]\n    PrivateIpAddress: 10.0.1.40\n  - DeviceIndex: 1\n    NetworkInterfaceId: ${ENI}\n    DeleteOnTermination: false\n`,
    'yaml',
  ).none();
});

// nic-device-index

test('nic-device-index: an entry without DeviceIndex (JSON `{`, YAML first key), with a free index to insert', () => {
  const r = check(run({ NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET }, { SubnetId: SUBNET }] }));
  const d = r.one('nic-device-index');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '{');
  assert.match(messageOf(d), /NetworkInterfaces\[1\] has no DeviceIndex/);
  assert.deepEqual(fixesOf(d), [{ fix: 'insert-member', objectPath: ['NetworkInterfaces', 1], key: 'DeviceIndex', value: 1 }]);
  const y = check(BASE_YAML + `NetworkInterfaces:\n  - SubnetId: ${SUBNET}\n`, 'yaml');
  const dy = y.one('nic-device-index');
  assert.equal(y.covered(dy), 'SubnetId');
  assert.deepEqual(fixesOf(dy), [{ fix: 'insert-member', objectPath: ['NetworkInterfaces', 0], key: 'DeviceIndex', value: 0 }]);
});

test('nic-device-index: two entries on one device index of one card, on the later one', () => {
  const r = check(
    run({
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: SUBNET },
        { DeviceIndex: 1, SubnetId: SUBNET },
        { DeviceIndex: 1, SubnetId: SUBNET },
      ],
    }),
  );
  const d = r.one('nic-device-index');
  assert.equal(r.covered(d), '1');
  assert.equal(d.range.start.line, 15);
  assert.deepEqual(r.related(d), ['1']);
  assert.equal(d.relatedInformation![0].location.range.start.line, 11);
  assert.deepEqual(fixesOf(d), [{ fix: 'replace-value', path: ['NetworkInterfaces', 2, 'DeviceIndex'], value: 2, title: 'Change DeviceIndex to 2' }]);
});

test('nic-device-index: the same device index on different network cards is legal', () => {
  check(
    run({
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: SUBNET },
        { DeviceIndex: 1, NetworkCardIndex: 0, SubnetId: SUBNET },
        { DeviceIndex: 1, NetworkCardIndex: 1, SubnetId: SUBNET },
      ],
    }),
  ).none();
});

// nic-instance-level-conflict

test('nic-instance-level-conflict: instance-level members move into the DeviceIndex 0 entry; SecurityGroups only explains', () => {
  const r = check(run({ SubnetId: SUBNET, SecurityGroupIds: [SG], SecurityGroups: ['web'], NetworkInterfaces: [{ DeviceIndex: 0, Description: 'eth0' }] }));
  const found = r.all('nic-instance-level-conflict');
  assert.deepEqual(found.map(r.covered), ['"SubnetId"', '"SecurityGroupIds"', '"SecurityGroups"']);
  const move = {
    fix: 'move-members',
    paths: [['SubnetId'], ['SecurityGroupIds']],
    targetPath: ['NetworkInterfaces', 0],
    renames: { SecurityGroupIds: 'Groups' },
    title: 'Move SubnetId and SecurityGroupIds into NetworkInterfaces[0] (SecurityGroupIds as Groups)',
  };
  for (const d of found) {
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.deepEqual(r.related(d), ['"NetworkInterfaces"']);
  }
  assert.deepEqual(fixesOf(found[0]), [move]);
  assert.deepEqual(fixesOf(found[1]), [move]);
  const explain = fixesOf(found[2]);
  assert.equal(explain.length, 1);
  assert.equal(explain[0].fix, 'explain');
  assert.match(messageOf(found[2]), /names/);
});

test('nic-instance-level-conflict: YAML, and a member the entry already has is removed instead of moved', () => {
  const r = check(
    BASE_YAML + `PrivateIpAddress: 10.0.1.5\nIpv6AddressCount: 1\nNetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: ${SUBNET}\n    Ipv6AddressCount: 2\n`,
    'yaml',
  );
  const found = r.all('nic-instance-level-conflict');
  assert.deepEqual(found.map(r.covered), ['PrivateIpAddress', 'Ipv6AddressCount']);
  assert.deepEqual(r.related(found[0]), ['NetworkInterfaces']);
  assert.deepEqual(fixesOf(found[0]), [
    { fix: 'move-members', paths: [['PrivateIpAddress']], targetPath: ['NetworkInterfaces', 0], title: 'Move PrivateIpAddress into NetworkInterfaces[0]' },
  ]);
  assert.deepEqual(fixesOf(found[1]), [
    { fix: 'remove-member', path: ['Ipv6AddressCount'], title: 'Remove Ipv6AddressCount (NetworkInterfaces[0] has its own Ipv6AddressCount)' },
  ]);
});

test('nic-instance-level-conflict: without a DeviceIndex 0 entry there is nothing to move into', () => {
  const r = check(run({ SubnetId: SUBNET, NetworkInterfaces: [{ DeviceIndex: 1, SubnetId: SUBNET }] }));
  assert.deepEqual(fixesOf(r.one('nic-instance-level-conflict')), []);
});

test('nic-instance-level-conflict: instance-level members without NetworkInterfaces are legal', () => {
  check(run({ SubnetId: SUBNET, SecurityGroupIds: [SG], PrivateIpAddress: '10.0.1.5', Ipv6AddressCount: 1 })).none();
  check(run({ SecurityGroups: ['default'] })).none();
});

// nic-public-ip

test('nic-public-ip: not on a DeviceIndex other than 0', () => {
  const r = check(run({ NetworkInterfaces: [{ DeviceIndex: 1, SubnetId: SUBNET, AssociatePublicIpAddress: true }] }));
  const d = r.one('nic-public-ip');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"AssociatePublicIpAddress"');
  assert.deepEqual(r.related(d), ['"DeviceIndex"']);
  assert.deepEqual(fixesOf(d), [
    { fix: 'remove-member', path: ['NetworkInterfaces', 0, 'AssociatePublicIpAddress'], title: 'Remove NetworkInterfaces[0].AssociatePublicIpAddress' },
  ]);
});

test('nic-public-ip: not for an existing interface, and not with several interfaces (YAML)', () => {
  const r = check(BASE_YAML + `NetworkInterfaces:\n  - DeviceIndex: 0\n    NetworkInterfaceId: ${ENI}\n    AssociatePublicIpAddress: true\n`, 'yaml');
  const d = r.one('nic-public-ip');
  assert.equal(r.covered(d), 'AssociatePublicIpAddress');
  assert.deepEqual(r.related(d), ['NetworkInterfaceId']);
  const two = check(
    run({
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: SUBNET, AssociatePublicIpAddress: true },
        { DeviceIndex: 1, NetworkInterfaceId: ENI },
      ],
    }),
  );
  const d2 = two.one('nic-public-ip');
  assert.equal(two.covered(d2), '"AssociatePublicIpAddress"');
  assert.deepEqual(two.related(d2), ['"NetworkInterfaces"']);
  assert.match(messageOf(d2), /more than one network interface \(2 here\)/);
});

test('nic-public-ip: true on a single new eth0, and false anywhere, are legal', () => {
  check(run({ NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, AssociatePublicIpAddress: true }] })).none();
  check(
    run({
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: SUBNET, AssociatePublicIpAddress: false },
        { DeviceIndex: 1, SubnetId: SUBNET },
      ],
    }),
  ).none();
});

// nic-existing-vs-new

test('nic-existing-vs-new: on an existing interface, members EC2 ignores are warnings; counts and DeleteOnTermination: true are errors', () => {
  const r = check(
    run({ NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: ENI, SubnetId: SUBNET, Groups: [SG], Ipv6AddressCount: 0, DeleteOnTermination: true }] }),
  );
  const found = r.all('nic-existing-vs-new');
  assert.deepEqual(
    found.map((d) => [r.covered(d), d.severity]),
    [
      ['"SubnetId"', DiagnosticSeverity.Warning],
      ['"Groups"', DiagnosticSeverity.Warning],
      ['"Ipv6AddressCount"', DiagnosticSeverity.Error],
      ['"DeleteOnTermination"', DiagnosticSeverity.Error],
    ],
  );
  for (const d of found) assert.deepEqual(r.related(d), ['"NetworkInterfaceId"']);
  assert.deepEqual(fixesOf(found[0]), [{ fix: 'remove-member', path: ['NetworkInterfaces', 0, 'SubnetId'], title: 'Remove NetworkInterfaces[0].SubnetId' }]);
});

test('nic-existing-vs-new: address members of an existing interface get no address conflicts on top', () => {
  const r = check(
    run({ NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: ENI, Ipv6Addresses: [{ Ipv6Address: '2001:db8::1' }], Ipv6AddressCount: 1 }] }),
  );
  assert.equal(r.all('nic-existing-vs-new').length, 2);
  r.none('ipv6-assignment-conflict');
});

test('nic-existing-vs-new: an existing interface with DeleteOnTermination false is legal', () => {
  check(run({ NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: ENI, DeleteOnTermination: false }] })).none();
});

// nic-multi-instance

test('nic-multi-instance: a specific address in an interface with MaxCount > 1', () => {
  const r = check(json({ ...BASE, MaxCount: 3, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, PrivateIpAddress: '10.0.1.40' }] }));
  const d = r.one('nic-multi-instance');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"PrivateIpAddress"');
  assert.deepEqual(r.related(d), ['3']);
  assert.deepEqual(fixesOf(d), [
    { fix: 'remove-member', path: ['NetworkInterfaces', 0, 'PrivateIpAddress'], title: 'Remove NetworkInterfaces[0].PrivateIpAddress' },
    { fix: 'replace-value', path: ['MaxCount'], value: 1, title: 'Launch one instance (MaxCount: 1)' },
  ]);
});

test('nic-multi-instance: instance-level specific IPv6 addresses (YAML); no MaxCount fix when MinCount > 1', () => {
  const r = check(`ImageId: ami-0123456789abcdef0\nMinCount: 2\nMaxCount: 2\nIpv6Addresses:\n  - Ipv6Address: "2001:db8::1"\n`, 'yaml');
  const d = r.one('nic-multi-instance');
  assert.equal(r.covered(d), 'Ipv6Addresses');
  assert.deepEqual(r.related(d), ['2']);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['Ipv6Addresses'], title: 'Remove Ipv6Addresses' }]);
});

test('nic-multi-instance: counts with MaxCount > 1, and specific addresses with MaxCount 1, are legal', () => {
  check(
    json({ ...BASE, MaxCount: 5, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, SecondaryPrivateIpAddressCount: 2, Ipv6AddressCount: 1 }] }),
  ).none();
  check(run({ PrivateIpAddress: '10.0.1.40', Ipv6Addresses: [{ Ipv6Address: '2001:db8::1' }] })).none();
});

// min-max-count

test('min-max-count: MinCount above MaxCount, on MinCount, with both fixes', () => {
  const r = check(json({ ...BASE, MinCount: 3, MaxCount: 2 }));
  const d = r.one('min-max-count');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '3');
  assert.deepEqual(r.related(d), ['2']);
  assert.deepEqual(fixesOf(d), [
    { fix: 'replace-value', path: ['MinCount'], value: 2, title: 'Set MinCount to 2' },
    { fix: 'replace-value', path: ['MaxCount'], value: 3, title: 'Set MaxCount to 3' },
  ]);
});

test('min-max-count: below 1 is the schema range, under the same code (YAML)', () => {
  const r = check('ImageId: ami-0123456789abcdef0\nMinCount: 0\nMaxCount: 1\n', 'yaml');
  assert.equal(r.covered(r.one('min-max-count')), '0');
});

test('min-max-count: MinCount equal to MaxCount is legal', () => {
  check(json({ ...BASE, MinCount: 2, MaxCount: 2 })).none();
});

// The CreateNetworkInterface address rules, per entry.

test('per entry: the address rules apply to each NetworkInterfaces entry, with entry paths', () => {
  const r = check(
    run({
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: SUBNET, PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.5', Primary: true }], SecondaryPrivateIpAddressCount: 2 },
        { DeviceIndex: 1, SubnetId: SUBNET, Ipv4Prefixes: [{ Ipv4Prefix: '10.0.1.16/28' }], Ipv4PrefixCount: 1 },
      ],
    }),
  );
  const d = r.one('ipv4-prefix-conflict');
  assert.equal(r.covered(d), '"Ipv4PrefixCount"');
  assert.deepEqual(r.related(d), ['"Ipv4Prefixes"']);
  assert.match(messageOf(d), /^NetworkInterfaces\[1\]\.Ipv4PrefixCount cannot be combined with Ipv4Prefixes/);
  assert.deepEqual(fixesOf(d), [
    { fix: 'remove-member', path: ['NetworkInterfaces', 1, 'Ipv4PrefixCount'], title: 'Remove NetworkInterfaces[1].Ipv4PrefixCount' },
  ]);
  r.none('ipv4-assignment-conflict'); // entry 0 is seed 002 example 2 inside RunInstances
  assert.equal(r.diagnostics.length, 1, summarize(r.diagnostics));
});

test('per entry: efa-only entries, primary and IPv6 conflicts (YAML)', () => {
  const r = check(
    BASE_YAML +
      `NetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: ${SUBNET}\n    InterfaceType: efa-only\n    Ipv6AddressCount: 1\n` +
      `  - DeviceIndex: 1\n    SubnetId: ${SUBNET}\n    PrivateIpAddress: 10.0.1.5\n    PrivateIpAddresses:\n      - PrivateIpAddress: 10.0.1.6\n        Primary: true\n` +
      `    Ipv6Addresses:\n      - Ipv6Address: "2001:db8::1"\n    Ipv6PrefixCount: 1\n`,
    'yaml',
  );
  const efa = r.one('efa-only-addresses');
  assert.equal(r.covered(efa), 'Ipv6AddressCount');
  assert.deepEqual(r.related(efa), ['efa-only']);
  const primary = r.one('primary-ip-conflict');
  assert.equal(r.covered(primary), 'Primary');
  assert.deepEqual(r.related(primary), ['PrivateIpAddress']);
  const ipv6 = r.one('ipv6-assignment-conflict');
  assert.equal(r.covered(ipv6), 'Ipv6PrefixCount');
  assert.deepEqual(fixesOf(ipv6), [
    { fix: 'remove-member', path: ['NetworkInterfaces', 1, 'Ipv6PrefixCount'], title: 'Remove NetworkInterfaces[1].Ipv6PrefixCount' },
  ]);
});

test('instance level without NetworkInterfaces: specific IPv6 addresses and a count exclude each other', () => {
  const r = check(run({ Ipv6Addresses: [{ Ipv6Address: '2001:db8::1' }], Ipv6AddressCount: 1 }));
  const d = r.one('ipv6-assignment-conflict');
  assert.equal(r.covered(d), '"Ipv6AddressCount"');
  assert.deepEqual(r.related(d), ['"Ipv6Addresses"']);
});

test('odd trees: wrong types and missing values are left to the schema walk', () => {
  const texts = [
    run({ NetworkInterfaces: 'eth0', SubnetId: SUBNET }),
    run({ NetworkInterfaces: [null, 3, 'x', []] }),
    run({ NetworkInterfaces: [{ DeviceIndex: '0', NetworkCardIndex: 'a', AssociatePublicIpAddress: 'true', NetworkInterfaceId: 5, SubnetId: SUBNET }] }),
    json({ ...BASE, MinCount: '3', MaxCount: 2.5, PrivateIpAddress: '10.0.1.5' }),
    run({ NetworkInterfaces: [], SubnetId: SUBNET }),
    BASE_YAML + 'NetworkInterfaces:\n  - DeviceIndex:\n    NetworkInterfaceId:\n    AssociatePublicIpAddress:\n',
  ];
  const ruleCodes = ['nic-device-index', 'nic-instance-level-conflict', 'nic-public-ip', 'nic-existing-vs-new', 'nic-multi-instance', 'internal-error'];
  for (const text of texts) {
    const r = check(text, text.startsWith('ImageId:') ? 'yaml' : 'json');
    for (const code of ruleCodes) r.none(code);
  }
});
