/**
 * Interface entries wherever EC2 takes them: launch templates, Spot, Spot Fleet, and RunInstances
 * with multi-card EFA layouts; ModifyInstanceAttribute and ENA Express. Each rule with its legal
 * neighbours (the current and the older p5 EFA layouts, device 0 on card 3, false public IPs on
 * many entries, an existing interface with Groups, a single-NIC Spot request with a public IP).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkRequest, json } from '../support/service';

const SUBNET = 'subnet-0123456789abcdef0';
const SG = 'sg-0f1e2d3c4b5a69788';
const ENI = 'eni-0a1b2c3d4e5f60718';
const AMI = 'ami-0123456789abcdef0';
const nic = (card: number, device: number, type = 'interface', extra: Record<string, unknown> = {}) => ({
  NetworkCardIndex: card,
  DeviceIndex: device,
  InterfaceType: type,
  SubnetId: SUBNET,
  Groups: [SG],
  ...extra,
});
const template = (interfaces: unknown[], data: Record<string, unknown> = {}) =>
  json({ LaunchTemplateName: 'p5-training', LaunchTemplateData: { ImageId: AMI, InstanceType: 'p5.48xlarge', NetworkInterfaces: interfaces, ...data } });
const codes = (r: ReturnType<typeof checkRequest>, severity?: DiagnosticSeverity) =>
  r.diagnostics.filter((d) => severity === undefined || d.severity === severity).map((d) => d.code);
const example = (name: string) => fs.readFileSync(path.join(process.cwd(), 'examples', 'valid', name), 'utf8');

test('both p5.48xlarge EFA layouts are legal, in JSON and YAML (device 0 of cards 1-31, false public IPs on every entry)', () => {
  for (const file of [
    'p5-efa.create-launch-template.json',
    'p5-efa.create-launch-template.yaml',
    'p5-efa-older.create-launch-template.json',
    'p5-efa-older.create-launch-template.yaml',
  ]) {
    checkRequest('create-launch-template', example(file), file.endsWith('.yaml') ? 'yaml' : 'json').none();
  }
});

test('efa-only-primary: the classic p5 mistake, an efa-only primary; its legal neighbour, efa-only at card 0 device 1', () => {
  const r = checkRequest('create-launch-template', template([nic(0, 0, 'efa-only'), nic(1, 0, 'efa-only')]));
  const d = r.one('efa-only-primary');
  assert.equal(r.covered(d), '"efa-only"');
  checkRequest('create-launch-template', template([nic(0, 0), nic(0, 1, 'efa-only'), nic(3, 0, 'efa-only')])).none();
});

test('efa-per-card: two EFAs on one card, the second flagged; one per card is fine', () => {
  const r = checkRequest('create-launch-template', template([nic(0, 0), nic(1, 0, 'efa-only'), nic(1, 1, 'efa')]));
  const d = r.one('efa-per-card');
  assert.match(String(d.message), /second EFA on network card 1/);
  assert.deepEqual(r.related(d), ['"efa-only"']);
});

test('nic-primary: RunInstances needs a primary (error), with a LaunchTemplate only a warning, a launch template may leave it out (information)', () => {
  const run = (extra: Record<string, unknown>) =>
    json({ ImageId: AMI, MinCount: 1, MaxCount: 1, NetworkInterfaces: [{ DeviceIndex: 1, SubnetId: SUBNET, Groups: [SG] }], ...extra });
  assert.deepEqual(codes(checkRequest('run-instances', run({})), DiagnosticSeverity.Error), ['nic-primary']);
  assert.deepEqual(codes(checkRequest('run-instances', run({ LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0' } }))), ['nic-primary']);
  assert.equal(
    checkRequest('run-instances', run({ LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0' } })).one('nic-primary').severity,
    DiagnosticSeverity.Warning,
  );
  const lt = checkRequest('create-launch-template', template([nic(0, 1, 'efa-only')]));
  assert.equal(lt.one('nic-primary').severity, DiagnosticSeverity.Information);
  // Device 0 on card 3 alone is not the primary; device 0 on card 0 is.
  assert.deepEqual(
    codes(checkRequest('run-instances', json({ ImageId: AMI, MinCount: 1, MaxCount: 1, NetworkInterfaces: [nic(3, 0)] })), DiagnosticSeverity.Error),
    ['nic-primary'],
  );
  checkRequest('run-instances', json({ ImageId: AMI, MinCount: 1, MaxCount: 1, NetworkInterfaces: [nic(0, 0), nic(3, 0)] })).none();
});

test('nic-public-ip: true only on the primary (card 0, device 0) of a single interface; false on several entries is legal', () => {
  const r = checkRequest('create-launch-template', template([nic(0, 0), nic(1, 0, 'interface', { AssociatePublicIpAddress: true })]));
  assert.deepEqual(codes(r, DiagnosticSeverity.Error), ['nic-public-ip']);
  assert.match(String(r.one('nic-public-ip').message), /primary interface \(network card 0, DeviceIndex 0\)/);
  checkRequest(
    'create-launch-template',
    template([0, 1, 2, 3, 4].map((card) => nic(card, card === 0 ? 0 : 1, 'interface', { AssociatePublicIpAddress: false }))),
  ).none();
});

test('efa-only-addresses on entries: PrimaryIpv6 and AssociatePublicIpAddress true too; false is fine', () => {
  const r = checkRequest('create-launch-template', template([nic(0, 0), nic(0, 1, 'efa-only', { PrimaryIpv6: true, SecondaryPrivateIpAddressCount: 2 })]));
  assert.deepEqual(r.all('efa-only-addresses').map(r.covered), ['"SecondaryPrivateIpAddressCount"', '"PrimaryIpv6"']);
  checkRequest('create-launch-template', template([nic(0, 0), nic(0, 1, 'efa-only', { PrimaryIpv6: false })])).none();
});

test('nic-instance-level-conflict in a launch template: SecurityGroupIds beside NetworkInterfaces; without interfaces it is legal', () => {
  const r = checkRequest('create-launch-template', template([nic(0, 0)], { SecurityGroupIds: [SG] }));
  assert.deepEqual(codes(r, DiagnosticSeverity.Error), ['nic-instance-level-conflict']);
  checkRequest('create-launch-template', json({ LaunchTemplateName: 'p5-training', LaunchTemplateData: { ImageId: AMI, SecurityGroupIds: [SG] } })).none();
});

test('Spot: SubnetId beside NetworkInterfaces is a conflict, NetworkCardIndex is not supported; a single-NIC Spot request with a public IP is legal', () => {
  const spot = (entry: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    json({ InstanceCount: 1, LaunchSpecification: { ImageId: AMI, NetworkInterfaces: [entry], ...extra } });
  assert.deepEqual(codes(checkRequest('request-spot-instances', spot({ DeviceIndex: 0, Groups: [SG] }, { SubnetId: SUBNET })), DiagnosticSeverity.Error), [
    'nic-instance-level-conflict',
  ]);
  assert.deepEqual(codes(checkRequest('request-spot-instances', spot({ DeviceIndex: 0, NetworkCardIndex: 0, SubnetId: SUBNET })), DiagnosticSeverity.Error), [
    'spot-restrictions',
  ]);
  checkRequest('request-spot-instances', spot({ DeviceIndex: 0, SubnetId: SUBNET, Groups: [SG], AssociatePublicIpAddress: true })).none();
});

test('spot-restrictions in Spot Fleet: no existing interface, no EFA; a plain interface is legal', () => {
  const fleet = (entry: Record<string, unknown>) =>
    json({
      SpotFleetRequestConfig: {
        IamFleetRole: 'arn:aws:iam::123456789012:role/fleet',
        TargetCapacity: 1,
        LaunchSpecifications: [{ ImageId: AMI, NetworkInterfaces: [entry] }],
      },
    });
  const r = checkRequest('request-spot-fleet', fleet({ DeviceIndex: 0, NetworkInterfaceId: ENI, InterfaceType: 'efa' }));
  assert.deepEqual(r.all('spot-restrictions').map(r.covered), ['"NetworkInterfaceId"', '"InterfaceType"']);
  checkRequest('request-spot-fleet', fleet({ DeviceIndex: 0, SubnetId: SUBNET, Groups: [SG] })).none();
});

test('nic-existing-multi-instance: an existing interface with MaxCount 2; with MaxCount 1 it is legal', () => {
  const run = (max: number) => json({ ImageId: AMI, MinCount: 1, MaxCount: max, NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: ENI }] });
  const r = checkRequest('run-instances', run(2));
  assert.equal(r.covered(r.one('nic-existing-multi-instance')), '"NetworkInterfaceId"');
  checkRequest('run-instances', run(1)).none();
});

test('nic-multi-instance: explicit prefixes cannot go to two instances; a prefix count can', () => {
  const run = (entry: Record<string, unknown>) =>
    json({ ImageId: AMI, MinCount: 1, MaxCount: 3, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, ...entry }] });
  checkRequest('run-instances', run({ Ipv4Prefixes: [{ Ipv4Prefix: '10.0.2.16/28' }] })).one('nic-multi-instance');
  checkRequest('run-instances', run({ Ipv4PrefixCount: 1 })).none();
});

test('ipv4-prefix-conflict: prefixes beside secondary addresses is a warning in launch entries, an error in CreateNetworkInterface; list and count together stay an error', () => {
  const entry = { DeviceIndex: 0, SubnetId: SUBNET, Ipv4Prefixes: [{ Ipv4Prefix: '10.0.2.16/28' }], SecondaryPrivateIpAddressCount: 1 };
  const launch = checkRequest('run-instances', json({ ImageId: AMI, MinCount: 1, MaxCount: 1, NetworkInterfaces: [entry] }));
  assert.equal(launch.one('ipv4-prefix-conflict').severity, DiagnosticSeverity.Warning);
  const cni = checkRequest(
    'create-network-interface',
    json({ SubnetId: SUBNET, Ipv4Prefixes: [{ Ipv4Prefix: '10.0.2.16/28' }], SecondaryPrivateIpAddressCount: 1 }),
  );
  assert.equal(cni.one('ipv4-prefix-conflict').severity, DiagnosticSeverity.Error);
  const both = checkRequest(
    'run-instances',
    json({ ImageId: AMI, MinCount: 1, MaxCount: 1, NetworkInterfaces: [{ ...entry, SecondaryPrivateIpAddressCount: undefined, Ipv4PrefixCount: 1 }] }),
  );
  assert.equal(both.one('ipv4-prefix-conflict').severity, DiagnosticSeverity.Error);
});

test('ena-srd-udp: UDP needs ENA Express on, in entries, AttachNetworkInterface and ModifyNetworkInterfaceAttribute; both on is legal', () => {
  const srd = (enabled: boolean) => ({ EnaSrdSpecification: { EnaSrdEnabled: enabled, EnaSrdUdpSpecification: { EnaSrdUdpEnabled: true } } });
  checkRequest('create-launch-template', template([nic(0, 0, 'interface', srd(false))])).one('ena-srd-udp');
  checkRequest('attach-network-interface', json({ NetworkInterfaceId: ENI, InstanceId: 'i-0123456789abcdef0', DeviceIndex: 1, ...srd(false) })).one(
    'ena-srd-udp',
  );
  checkRequest('modify-network-interface-attribute', json({ NetworkInterfaceId: ENI, ...srd(false) })).one('ena-srd-udp');
  checkRequest('create-launch-template', template([nic(0, 0, 'interface', srd(true))])).none();
});

test('ena-on-efa-only: ENA settings on an efa-only entry are a warning; on an efa entry they are fine', () => {
  const r = checkRequest('create-launch-template', template([nic(0, 0), nic(0, 1, 'efa-only', { EnaQueueCount: 4 })]));
  assert.equal(r.one('ena-on-efa-only').severity, DiagnosticSeverity.Warning);
  checkRequest('create-launch-template', template([nic(0, 0), nic(1, 0, 'efa', { EnaQueueCount: 4 })])).none();
});

test('modify-instance-attribute: one attribute per request; Attribute with Value counts as one', () => {
  const r = checkRequest('modify-instance-attribute', json({ InstanceId: 'i-0123456789abcdef0', Groups: [SG], SourceDestCheck: { Value: false } }));
  assert.equal(r.covered(r.one('modify-instance-attribute')), '"SourceDestCheck"');
  checkRequest('modify-instance-attribute', json({ InstanceId: 'i-0123456789abcdef0' })).one('modify-instance-attribute');
  checkRequest('modify-instance-attribute', json({ InstanceId: 'i-0123456789abcdef0', Attribute: 'sourceDestCheck', Value: 'false' })).none();
});

test('the device-index quick fix proposes the next free index on that card; device 0 on card 3 is legal beside card 0', () => {
  const r = checkRequest('create-launch-template', template([nic(0, 0), nic(3, 0, 'efa-only'), nic(3, 0, 'interface')]));
  const d = r.one('nic-device-index');
  assert.match(String(d.message), /Use a free index such as 1/);
});

test('associate-target: InstanceId and NetworkInterfaceId together; either alone is legal', () => {
  const r = checkRequest('associate-address', json({ AllocationId: 'eipalloc-0123456789abcdef0', InstanceId: 'i-0123456789abcdef0', NetworkInterfaceId: ENI }));
  assert.equal(r.covered(r.one('associate-target')), '"InstanceId"');
  assert.deepEqual(r.related(r.one('associate-target')), ['"NetworkInterfaceId"']);
  checkRequest('associate-address', json({ AllocationId: 'eipalloc-0123456789abcdef0', InstanceId: 'i-0123456789abcdef0' })).none();
  checkRequest('associate-address', json({ AllocationId: 'eipalloc-0123456789abcdef0', NetworkInterfaceId: ENI, PrivateIpAddress: '10.0.1.5' })).none();
});

test('filter-id-kind: an ID of another kind never matches; the right kind, a wildcard and other filters are fine', () => {
  const filters = (name: string, value: string) => json({ Filters: [{ Name: name, Values: [value] }] });
  const r = checkRequest('describe-network-interfaces', filters('subnet-id', 'vpc-0123456789abcdef0'));
  assert.equal(r.one('filter-id-kind').severity, DiagnosticSeverity.Warning);
  checkRequest('describe-instances', filters('network-interface.attachment.instance-id', 'eni-0a1b2c3d4e5f60718')).one('filter-id-kind');
  for (const [name, value] of [
    ['subnet-id', SUBNET],
    ['subnet-id', 'subnet-*'],
    ['attachment.instance-id', 'i-0123456789abcdef0'],
    ['description', 'vpc-0123456789abcdef0 in the old VPC'],
  ]) {
    checkRequest('describe-network-interfaces', filters(name, value)).none('filter-id-kind');
  }
});

test('did-you-mean knows the neighbouring shapes: SecurityGroupIds in an interface entry is Groups; the instance-id filter of DescribeNetworkInterfaces is attachment.instance-id', () => {
  const r = checkRequest('create-launch-template', template([{ DeviceIndex: 0, SubnetId: SUBNET, SecurityGroupIds: [SG] }]));
  assert.match(String(r.one('unknown-parameter').message), /Did you mean Groups\?/);
  const f = checkRequest('describe-network-interfaces', json({ Filters: [{ Name: 'instance-id', Values: ['i-0123456789abcdef0'] }] }));
  assert.match(String(f.one('unknown-filter').message), /Did you mean "attachment\.instance-id"\?/);
  // The legal neighbour: where the name exists, nothing is suggested.
  checkRequest('describe-instances', json({ Filters: [{ Name: 'instance-id', Values: ['i-0123456789abcdef0'] }] })).none();
});

test("Spot Fleet: a launch specification's SubnetId may list subnets separated by commas; each must be a subnet ID", () => {
  const fleet = (subnets: string) =>
    json({
      SpotFleetRequestConfig: {
        TargetCapacity: 2,
        IamFleetRole: 'arn:aws:iam::123456789012:role/my-spot-fleet-role',
        LaunchSpecifications: [{ ImageId: AMI, InstanceType: 'm3.medium', SubnetId: subnets }],
      },
    });
  // The AWS CLI's own example and the API reference's form.
  for (const legal of ['subnet-1a2b3c4d, subnet-3c4d5e6f', 'subnet-1a2b3c4d,subnet-3c4d5e6f', SUBNET]) checkRequest('request-spot-fleet', fleet(legal)).none();
  const kind = checkRequest('request-spot-fleet', fleet('subnet-1a2b3c4d, sg-1a2b3c4d'));
  const d = kind.one('malformed-id');
  assert.equal(kind.covered(d), '"subnet-1a2b3c4d, sg-1a2b3c4d"');
  assert.match(
    String(d.message),
    /LaunchSpecifications\[0\]\.SubnetId lists subnets separated by commas: SubnetId expects a subnet ID \(subnet-…\), but "sg-1a2b3c4d" is a security group ID/,
  );
  assert.match(
    String(checkRequest('request-spot-fleet', fleet('subnet-1a2b3c4d,,subnet-3c4d5e6f')).one('malformed-id').message),
    /an entry between two commas is empty/,
  );
  assert.match(String(checkRequest('request-spot-fleet', fleet('subnet-xyz')).one('malformed-id').message), /"subnet-xyz" is not a well-formed subnet ID/);
  // An empty SubnetId is no subnet, in a fleet as in a Spot request.
  assert.match(String(checkRequest('request-spot-fleet', fleet('')).one('malformed-id').message), /SubnetId expects a subnet ID \(subnet-…\); "" is not one/);
  // Elsewhere SubnetId stays one ID: a Spot request's, an interface entry's.
  const spot = json({ LaunchSpecification: { ImageId: AMI, SubnetId: 'subnet-1a2b3c4d, subnet-3c4d5e6f' } });
  checkRequest('request-spot-instances', spot).one('malformed-id');
});
