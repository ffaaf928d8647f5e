/**
 * The dry-run path of every operation, from its example file, as it arrives on the wire at the EC2
 * test double: the Action, DryRun=true, the members in EC2's query serialization (the names of the
 * EC2 API reference: SecurityGroupId.N for Groups, Filter.N.Name / Filter.N.Value.M, …), signed.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { dryRun } from '../../server/src/execution/index';
import type { RecordedRequest } from '../ec2-double/ec2-double';
import { exampleRequest, FAKE_CREDENTIALS, isolateAws, REGION, registry, withInput, type TestAws } from '../support/aws';

let aws: TestAws;
before(async () => (aws = await isolateAws()));
after(() => aws.restore());
beforeEach(() => aws.double.reset());

const ENI = 'eni-0a1b2c3d4e5f60718';
const SUBNET = 'subnet-0123456789abcdef0';
const SG = 'sg-0f1e2d3c4b5a69788';

/** Example file → the members it must put on the wire (besides Action, Version, DryRun; and ClientToken, which the SDK fills in). */
const WIRE: Record<string, Record<string, string>> = {
  'web.create-network-interface.json': {
    SubnetId: SUBNET,
    Description: 'web tier ENI',
    'SecurityGroupId.1': SG,
    'SecurityGroupId.2': 'sg-11223344',
    PrivateIpAddress: '10.0.1.25',
    SecondaryPrivateIpAddressCount: '2',
    'TagSpecification.1.ResourceType': 'network-interface',
    'TagSpecification.1.Tag.1.Key': 'Name',
    'TagSpecification.1.Tag.1.Value': 'web-eni',
    'TagSpecification.1.Tag.2.Key': 'team',
    'TagSpecification.1.Tag.2.Value': 'network',
    'ConnectionTrackingSpecification.TcpEstablishedTimeout': '3600',
    'ConnectionTrackingSpecification.UdpStreamTimeout': '120',
    'ConnectionTrackingSpecification.UdpTimeout': '30',
  },
  'efa.create-network-interface.json': {
    SubnetId: SUBNET,
    InterfaceType: 'efa-only',
    'SecurityGroupId.1': SG,
    Description: 'EFA-only interface for MPI traffic',
  },
  'prefixes.create-network-interface.json': {
    SubnetId: SUBNET,
    'Ipv4Prefix.1.Ipv4Prefix': '10.0.2.16/28',
    'Ipv6Prefix.1.Ipv6Prefix': '2001:db8:1:2:3::/80',
    ClientToken: 'prefixes-2026-11-23',
  },
  'old.delete-network-interface.json': { NetworkInterfaceId: ENI },
  'in-subnet.describe-network-interfaces.json': {
    'Filter.1.Name': 'subnet-id',
    'Filter.1.Value.1': SUBNET,
    'Filter.2.Name': 'status',
    'Filter.2.Value.1': 'available',
    'Filter.3.Name': 'tag:team',
    'Filter.3.Value.1': 'network',
    'Filter.4.Name': 'source-dest-check',
    'Filter.4.Value.1': 'false',
    MaxResults: '50',
  },
  'web.attach-network-interface.json': { NetworkInterfaceId: ENI, InstanceId: 'i-0abcdef1234567890', DeviceIndex: '1', NetworkCardIndex: '0' },
  'web.detach-network-interface.json': { AttachmentId: 'eni-attach-0fedcba9876543210' },
  'desc.describe-network-interface-attribute.json': { NetworkInterfaceId: ENI, Attribute: 'groupSet' },
  'nat.modify-network-interface-attribute.json': { NetworkInterfaceId: ENI, 'SourceDestCheck.Value': 'false' },
  'desc.reset-network-interface-attribute.json': { NetworkInterfaceId: ENI, SourceDestCheck: 'true' },
  'share.create-network-interface-permission.json': { NetworkInterfaceId: ENI, AwsAccountId: '123456789012', Permission: 'INSTANCE-ATTACH' },
  'share.delete-network-interface-permission.json': { NetworkInterfacePermissionId: 'eni-perm-0123456789abcdef0', Force: 'false' },
  'web.create-tags.json': { 'ResourceId.1': ENI, 'Tag.1.Key': 'Name', 'Tag.1.Value': 'web-eni', 'Tag.2.Key': 'cost-center', 'Tag.2.Value': '1234' },
  'web.delete-tags.json': { 'ResourceId.1': ENI, 'Tag.1.Key': 'cost-center' },
  'eip.associate-address.json': {
    AllocationId: 'eipalloc-0123456789abcdef0',
    NetworkInterfaceId: ENI,
    PrivateIpAddress: '10.0.1.25',
    AllowReassociation: 'false',
  },
  'eip.disassociate-address.json': { AssociationId: 'eipassoc-0123456789abcdef0' },
  'two-nics.run-instances.json': {
    ImageId: 'ami-0123456789abcdef0',
    InstanceType: 'c6i.large',
    MinCount: '1',
    MaxCount: '1',
    KeyName: 'ops',
    'NetworkInterface.1.DeviceIndex': '0',
    'NetworkInterface.1.SubnetId': SUBNET,
    'NetworkInterface.1.SecurityGroupId.1': SG,
    'NetworkInterface.1.AssociatePublicIpAddress': 'false',
    'NetworkInterface.1.PrivateIpAddress': '10.0.1.40',
    'NetworkInterface.1.DeleteOnTermination': 'true',
    'NetworkInterface.2.DeviceIndex': '1',
    'NetworkInterface.2.NetworkInterfaceId': ENI,
    'TagSpecification.1.ResourceType': 'instance',
    'TagSpecification.1.Tag.1.Key': 'Name',
    'TagSpecification.1.Tag.1.Value': 'web-1',
    'TagSpecification.2.ResourceType': 'network-interface',
    'TagSpecification.2.Tag.1.Key': 'Name',
    'TagSpecification.2.Tag.1.Value': 'web-1-eth0',
  },
  // The bodies below are the AWS CLI v1's for the same files (its query serializer names the members).
  'web.create-launch-template-version.json': {
    LaunchTemplateId: 'lt-0123456789abcdef0',
    SourceVersion: '1',
    VersionDescription: 'web tier, second subnet',
    'LaunchTemplateData.InstanceType': 'c6i.large',
    'LaunchTemplateData.NetworkInterface.1.DeviceIndex': '0',
    'LaunchTemplateData.NetworkInterface.1.SubnetId': 'subnet-0fedcba9876543210',
    'LaunchTemplateData.NetworkInterface.1.SecurityGroupId.1': SG,
    'LaunchTemplateData.NetworkInterface.1.AssociatePublicIpAddress': 'true',
    'LaunchTemplateData.NetworkInterface.1.DeleteOnTermination': 'true',
  },
  'p5-efa-older.create-launch-template.json': {
    LaunchTemplateName: 'p5-training-efa-older-layout',
    VersionDescription: 'p5.48xlarge, 32 EFA interfaces (the older layout: an efa primary, device 1 on the other cards)',
    'LaunchTemplateData.ImageId': 'ami-0123456789abcdef0',
    'LaunchTemplateData.InstanceType': 'p5.48xlarge',
    'LaunchTemplateData.Placement.GroupName': 'training-cluster',
    ...Object.fromEntries(
      Array.from({ length: 32 }, (_, card) => {
        const entry = `LaunchTemplateData.NetworkInterface.${card + 1}`;
        return [
          [`${entry}.NetworkCardIndex`, String(card)],
          [`${entry}.DeviceIndex`, card === 0 ? '0' : '1'],
          [`${entry}.InterfaceType`, 'efa'],
          [`${entry}.SubnetId`, SUBNET],
          [`${entry}.SecurityGroupId.1`, SG],
          [`${entry}.AssociatePublicIpAddress`, 'false'],
          [`${entry}.DeleteOnTermination`, 'true'],
        ];
      }).flat(),
    ),
    'TagSpecification.1.ResourceType': 'launch-template',
    'TagSpecification.1.Tag.1.Key': 'team',
    'TagSpecification.1.Tag.1.Value': 'ml-platform',
  },
  'batch.request-spot-instances.json': {
    InstanceCount: '1',
    Type: 'one-time',
    'LaunchSpecification.ImageId': 'ami-0123456789abcdef0',
    'LaunchSpecification.InstanceType': 'c6i.large',
    'LaunchSpecification.NetworkInterface.1.DeviceIndex': '0',
    'LaunchSpecification.NetworkInterface.1.SubnetId': SUBNET,
    'LaunchSpecification.NetworkInterface.1.SecurityGroupId.1': SG,
    'LaunchSpecification.NetworkInterface.1.AssociatePublicIpAddress': 'true',
    'LaunchSpecification.NetworkInterface.1.DeleteOnTermination': 'true',
  },
  'batch.request-spot-fleet.json': {
    'SpotFleetRequestConfig.IamFleetRole': 'arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role',
    'SpotFleetRequestConfig.TargetCapacity': '2',
    'SpotFleetRequestConfig.AllocationStrategy': 'capacityOptimized',
    ...Object.fromEntries(
      [
        ['c6i.large', SUBNET],
        ['c6a.large', 'subnet-0fedcba9876543210'],
      ].flatMap(([type, subnet], index) => {
        const spec = `SpotFleetRequestConfig.LaunchSpecifications.${index + 1}`;
        return [
          [`${spec}.ImageId`, 'ami-0123456789abcdef0'],
          [`${spec}.InstanceType`, type],
          [`${spec}.NetworkInterfaceSet.1.DeviceIndex`, '0'],
          [`${spec}.NetworkInterfaceSet.1.SubnetId`, subnet],
          [`${spec}.NetworkInterfaceSet.1.SecurityGroupId.1`, SG],
          [`${spec}.NetworkInterfaceSet.1.DeleteOnTermination`, 'true'],
        ];
      }),
    ),
  },
  'web.modify-instance-attribute.json': { InstanceId: 'i-0123456789abcdef0', 'GroupId.1': SG, 'GroupId.2': 'sg-11223344' },
  'by-eni.describe-instances.json': {
    'Filter.1.Name': 'network-interface.network-interface-id',
    'Filter.1.Value.1': ENI,
    'Filter.2.Name': 'instance-state-name',
    'Filter.2.Value.1': 'running',
    'Filter.2.Value.2': 'stopped',
  },
};

/** The members of a wire request, without the envelope and the SDK's idempotency token. */
function members(request: RecordedRequest, keepClientToken: boolean): Record<string, string> {
  const { Action: _action, Version: _version, DryRun: _dryRun, ClientToken, ...rest } = request.params;
  return keepClientToken && ClientToken !== undefined ? { ...rest, ClientToken } : rest;
}

function assertSigned(request: RecordedRequest): void {
  assert.ok(request.sigv4, `well-formed SigV4 Authorization: ${request.headers.authorization}`);
  assert.equal(request.sigv4.accessKeyId, FAKE_CREDENTIALS.accessKeyId);
  assert.equal(request.sigv4.region, REGION);
  assert.equal(request.sigv4.service, 'ec2');
  for (const header of ['host', 'x-amz-date', 'x-amz-security-token', 'content-type'])
    assert.ok(request.sigv4.signedHeaders.includes(header), `signs ${header}`);
  assert.equal(request.headers['x-amz-security-token'], FAKE_CREDENTIALS.sessionToken);
  assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
}

test('every operation with DryRun has an example in this table', () => {
  const withDryRun = new Set(
    Object.keys(WIRE).map((file) => {
      const operation = exampleRequest(file).operation;
      return typeof operation === 'string' ? operation : operation['x-operation'].name;
    }),
  );
  const expected = registry
    .all()
    .filter((o) => o['x-operation'].hasDryRun)
    .map((o) => o['x-operation'].name);
  assert.deepEqual([...withDryRun].sort(), expected.sort());
});

for (const [file, wire] of Object.entries(WIRE)) {
  test(`dry run of ${file}: DryRun=true and the members on the wire`, async () => {
    const request = exampleRequest(file);
    const result = await dryRun(request, { maxAttempts: 1 });
    assert.equal(result.kind, 'would-succeed', result.message);
    assert.equal(aws.double.requests.length, 1);
    const [sent] = aws.double.requests;
    assert.equal(sent.action, result.operation);
    assert.equal(sent.params.Version, '2016-11-15');
    assert.equal(sent.params.DryRun, 'true');
    assert.deepEqual(members(sent, 'ClientToken' in request.input), wire);
    assertSigned(sent);
    assert.match(result.requestId ?? '', /^test-double-\d+$/);
    assert.equal(result.endpointHost, new URL(aws.double.url).host);
  });
}

test('the YAML examples put the same members on the wire as the JSON ones', async () => {
  for (const file of Object.keys(WIRE)) {
    aws.double.reset();
    await dryRun(exampleRequest(file), { maxAttempts: 1 });
    await dryRun(exampleRequest(file.replace(/\.json$/, '.yaml')), { maxAttempts: 1 });
    const [json, yaml] = aws.double.requests;
    assert.deepEqual(members(yaml, false), members(json, false), file);
  }
});

test('structured PrivateIpAddresses serialize as PrivateIpAddresses.N.Member', async () => {
  const request = withInput(exampleRequest('efa.create-network-interface.json'), {
    SubnetId: SUBNET,
    PrivateIpAddresses: [
      { PrivateIpAddress: '10.0.1.25', Primary: true },
      { PrivateIpAddress: '10.0.1.26', Primary: false },
    ],
  });
  await dryRun(request, { maxAttempts: 1 });
  const { params } = aws.double.requests[0];
  assert.equal(params['PrivateIpAddresses.1.PrivateIpAddress'], '10.0.1.25');
  assert.equal(params['PrivateIpAddresses.1.Primary'], 'true');
  assert.equal(params['PrivateIpAddresses.2.PrivateIpAddress'], '10.0.1.26');
  assert.equal(params['PrivateIpAddresses.2.Primary'], 'false');
});

test('a file with DryRun: false still sends DryRun=true on the dry-run path', async () => {
  const request = exampleRequest('old.delete-network-interface.json');
  const result = await dryRun(withInput(request, { ...request.input, DryRun: false }), { maxAttempts: 1 });
  assert.equal(result.kind, 'would-succeed');
  assert.equal(aws.double.requests[0].params.DryRun, 'true');
});

for (const file of [
  'more.assign-private-ip-addresses.json',
  'less.unassign-private-ip-addresses.json',
  'v6.assign-ipv6-addresses.json',
  'v6.unassign-ipv6-addresses.json',
]) {
  test(`${file}: no dry run exists, nothing is sent, the preflight is offered`, async () => {
    const result = await dryRun(exampleRequest(file), { maxAttempts: 1 });
    assert.equal(result.kind, 'no-dry-run');
    assert.equal(result.preflightAvailable, true);
    assert.match(result.message, /no DryRun parameter .* nothing was sent: a real run changes the account/);
    assert.equal(aws.double.requests.length, 0);
  });
}

test('DescribeNetworkInterfacePermissions has no dry run either, but only reads: no preflight', async () => {
  const result = await dryRun(exampleRequest('share.describe-network-interface-permissions.json'));
  assert.equal(result.kind, 'no-dry-run');
  assert.equal(result.preflightAvailable, false);
  assert.match(result.message, /only reads/);
  assert.equal(aws.double.requests.length, 0);
});

test('an operation schema the execution has no SDK command for is refused, nothing sent', async () => {
  const request = exampleRequest('old.delete-network-interface.json');
  const operation = { ...request.operation, 'x-operation': { ...request.operation['x-operation'], name: 'delete-vpc' } };
  const unknown = await dryRun({ ...request, operation });
  assert.equal(aws.double.requests.length, 0);
  assert.equal(unknown.kind, 'error');
  assert.match(unknown.title, /Unknown operation delete-vpc/);
});
