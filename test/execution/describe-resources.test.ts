/**
 * The read-only look-ups behind the live checks, against the EC2 test double: Filters on the IDs
 * (missing IDs are answers, not errors), one call per kind and batch, listings for completion;
 * who holds an address of a subnet (`subnet-id` and the address filter of each family); the
 * network limits of instance types (the `instance-type` filter: an unknown type is an answer);
 * failures named after the action that failed.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { describeResources, VALUES_PER_CALL } from '../../server/src/execution/describe-resources';
import type { DescribedResource } from '../../server/src/execution/lookups';
import * as execution from '../../server/src/execution/index';
import { answers, INSTANCE_TYPES, type FakeSubnet } from '../ec2-double/ec2-double';
import { closedPort, FAKE_CREDENTIALS, isolateAws, REGION, withEnv, type TestAws } from '../support/aws';

let aws: TestAws;
before(async () => (aws = await isolateAws()));
after(() => aws.restore());
beforeEach(() => {
  aws.double.reset();
  aws.double.subnets = [
    { id: SUBNET, vpcId: VPC, cidrBlock: '10.0.1.0/24', availabilityZone: 'eu-west-1a', name: 'web-a', ipv6CidrBlocks: ['2001:db8:1::/64'] },
    { id: OTHER_SUBNET, vpcId: VPC, cidrBlock: '10.0.2.0/24' },
  ];
  aws.double.securityGroups = [{ id: GROUP, groupName: 'web', vpcId: VPC, description: 'web servers', name: 'web-sg' }];
  aws.double.interfaces = [
    {
      id: ENI,
      subnetId: SUBNET,
      vpcId: VPC,
      privateIps: [{ address: '10.0.1.25', primary: true }, { address: '10.0.1.26' }],
      name: 'db-nic',
      description: 'database',
      instanceId: INSTANCE,
    },
    { id: WEB_ENI, subnetId: SUBNET, vpcId: VPC, privateIps: [{ address: '10.0.1.30', primary: true }], ipv6: ['2001:db8:1::a'] },
    // The same address as a free one of SUBNET, in another subnet.
    { id: OTHER_ENI, subnetId: OTHER_SUBNET, vpcId: VPC, privateIps: [{ address: '10.0.1.27', primary: true }] },
  ];
  aws.double.instances = [
    { id: INSTANCE, instanceType: 't3.small', subnetId: SUBNET, vpcId: VPC, privateIp: '10.0.1.40', name: 'app-1' },
    { id: TERMINATED, state: 'terminated' },
  ];
  aws.double.instanceTypes = [
    INSTANCE_TYPES['c6i.large'],
    INSTANCE_TYPES['p5.48xlarge'],
    { instanceType: 'x1.legacy', maximumNetworkInterfaces: 2, ipv4AddressesPerInterface: 4 },
  ];
});

const VPC = 'vpc-0123456789abcdef0';
const SUBNET = 'subnet-0123456789abcdef0';
const OTHER_SUBNET = 'subnet-0fedcba9876543210';
const MISSING_SUBNET = 'subnet-0aaaaaaaaaaaaaaaa';
const GROUP = 'sg-0123456789abcdef0';
const MISSING_GROUP = 'sg-0bbbbbbbbbbbbbbbb';
const ENI = 'eni-0a1b2c3d4e5f60718';
const MISSING_ENI = 'eni-0cccccccccccccccc';
const WEB_ENI = 'eni-0b1b2c3d4e5f60718';
const OTHER_ENI = 'eni-0c1b2c3d4e5f60718';
const INSTANCE = 'i-0123456789abcdef0';
const TERMINATED = 'i-0dead000000000000';
const MISSING_INSTANCE = 'i-0eeeeeeeeeeeeeeee';

const byId = (found: readonly DescribedResource[] | undefined) => Object.fromEntries((found ?? []).map((r) => [r.id, r]));
const filtersOf = (params: Record<string, string>) => Object.entries(params).filter(([name]) => name.startsWith('Filter.') || name === 'MaxResults');

test('is exported by the execution module', () => {
  assert.equal(execution.describeResources, describeResources);
  assert.deepEqual(execution.RESOURCE_KINDS, ['subnet', 'sg', 'eni', 'i']);
});

test('looks up IDs of every kind with Filters: what exists, with its details, and which IDs do not', async () => {
  const result = await describeResources(
    { ids: { subnet: [SUBNET, MISSING_SUBNET], sg: [GROUP, MISSING_GROUP], eni: [ENI, MISSING_ENI], i: [INSTANCE, MISSING_INSTANCE] } },
    { maxAttempts: 1 },
  );
  assert.equal(result.kind, 'succeeded', result.message);
  assert.equal(result.region, REGION);
  assert.deepEqual(result.missing, { subnet: [MISSING_SUBNET], sg: [MISSING_GROUP], eni: [MISSING_ENI], i: [MISSING_INSTANCE] });
  const found = byId(result.found);
  assert.deepEqual(Object.keys(found).sort(), [ENI, INSTANCE, GROUP, SUBNET].sort());
  assert.deepEqual(found[SUBNET], {
    kind: 'subnet',
    id: SUBNET,
    name: 'web-a',
    vpcId: VPC,
    cidrBlock: '10.0.1.0/24',
    ipv6CidrBlocks: ['2001:db8:1::/64'],
    availabilityZone: 'eu-west-1a',
    state: 'available',
  });
  assert.equal(found[GROUP].name, 'web-sg');
  assert.equal(found[GROUP].groupName, 'web');
  assert.equal(found[GROUP].description, 'web servers');
  assert.equal(found[ENI].name, 'db-nic');
  assert.equal(found[ENI].subnetId, SUBNET);
  assert.equal(found[ENI].description, 'database');
  assert.equal(found[INSTANCE].name, 'app-1');
  assert.equal(found[INSTANCE].instanceType, 't3.small');
  assert.equal(found[INSTANCE].state, 'running');
  assert.equal(found[INSTANCE].privateIpAddress, '10.0.1.40');

  // Read-only, one call per kind, IDs as filter values (an *Ids parameter would fail on the missing one).
  const requests = aws.double.requests;
  assert.deepEqual(requests.map((r) => r.action).sort(), ['DescribeInstances', 'DescribeNetworkInterfaces', 'DescribeSecurityGroups', 'DescribeSubnets']);
  const subnets = requests.find((r) => r.action === 'DescribeSubnets')!;
  assert.deepEqual(filtersOf(subnets.params), [
    ['Filter.1.Name', 'subnet-id'],
    ['Filter.1.Value.1', SUBNET],
    ['Filter.1.Value.2', MISSING_SUBNET],
  ]);
  assert.equal(subnets.params['SubnetId.1'], undefined);
  const filterName = (action: string) => requests.find((r) => r.action === action)!.params['Filter.1.Name'];
  assert.equal(filterName('DescribeSecurityGroups'), 'group-id');
  assert.equal(filterName('DescribeNetworkInterfaces'), 'network-interface-id');
  assert.equal(filterName('DescribeInstances'), 'instance-id');
  for (const request of requests) assert.ok(request.sigv4, 'signed');
});

test('a terminated instance still exists (EC2 lists it for a while)', async () => {
  const result = await describeResources({ ids: { i: [TERMINATED] } }, { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded');
  assert.deepEqual(result.missing, {});
  assert.equal(byId(result.found)[TERMINATED].state, 'terminated');
});

test('IDs are deduplicated and sent in batches of VALUES_PER_CALL', async () => {
  const ids = Array.from({ length: VALUES_PER_CALL + 20 }, (_, i) => `subnet-${i.toString(16).padStart(17, '0')}`);
  aws.double.subnets = ids.slice(0, 3).map((id): FakeSubnet => ({ id, vpcId: VPC, cidrBlock: '10.0.0.0/24' }));
  const result = await describeResources({ ids: { subnet: [...ids, ids[0], ids[1]] } }, { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  assert.equal(result.found?.length, 3);
  assert.equal(result.missing?.subnet?.length, ids.length - 3);
  const counts = aws.double.requests.map((r) => Object.keys(r.params).filter((name) => name.startsWith('Filter.1.Value.')).length);
  assert.deepEqual(counts, [VALUES_PER_CALL, 20]);
});

test('lists a kind for completion: one page of MaxResults, truncated when there is more; instances that are not terminated', async () => {
  const listed = await describeResources({ list: ['subnet', 'i'] }, { maxAttempts: 1 });
  assert.equal(listed.kind, 'succeeded', listed.message);
  assert.deepEqual(listed.listed, ['subnet', 'i']);
  assert.deepEqual(listed.truncated, []);
  assert.deepEqual(listed.missing, {});
  assert.deepEqual(listed.found?.map((r) => r.id).sort(), [INSTANCE, OTHER_SUBNET, SUBNET].sort());
  const instances = aws.double.requests.find((r) => r.action === 'DescribeInstances')!;
  assert.deepEqual(filtersOf(instances.params), [
    ['Filter.1.Name', 'instance-state-name'],
    ['Filter.1.Value.1', 'pending'],
    ['Filter.1.Value.2', 'running'],
    ['Filter.1.Value.3', 'shutting-down'],
    ['Filter.1.Value.4', 'stopping'],
    ['Filter.1.Value.5', 'stopped'],
    ['MaxResults', '200'],
  ]);

  aws.double.reset();
  aws.double.securityGroups = Array.from({ length: 7 }, (_, i) => ({ id: `sg-0${String(i).padStart(16, '0')}`, groupName: `g${i}`, vpcId: VPC }));
  const cut = await describeResources({ list: ['sg'], listLimit: 5 }, { maxAttempts: 1 });
  assert.equal(cut.kind, 'succeeded', cut.message);
  assert.equal(cut.found?.length, 5);
  assert.deepEqual(cut.truncated, ['sg']);
  assert.equal(aws.double.requests[0].params.MaxResults, '5');
});

test('nothing to look up: nothing is sent', async () => {
  const result = await describeResources({ ids: { subnet: [] } });
  assert.equal(result.kind, 'succeeded');
  assert.deepEqual(result.found, []);
  assert.deepEqual(aws.double.requests, []);
});

test('denied on one kind: the whole look-up is denied, named after that action', async () => {
  aws.double.answer('DescribeInstances', answers.unauthorized('DescribeInstances'));
  const result = await describeResources({ ids: { subnet: [SUBNET], i: [INSTANCE] } }, { maxAttempts: 1 });
  assert.equal(result.kind, 'denied');
  assert.equal(result.code, 'UnauthorizedOperation');
  assert.match(result.title, /^Not permitted: DescribeInstances with the default profile/);
  assert.equal(result.found, undefined);
});

test('unreachable, no credentials, no region: the outcome says so; the log never holds a secret', async () => {
  const port = await closedPort();
  const log: string[] = [];
  const unreachable = await describeResources(
    { ids: { subnet: [SUBNET] } },
    { maxAttempts: 1, endpoint: `http://127.0.0.1:${port}`, log: (line) => log.push(line) },
  );
  assert.equal(unreachable.kind, 'unreachable', unreachable.message);
  assert.match(unreachable.title, new RegExp(`^Could not reach EC2 at 127\\.0\\.0\\.1:${port}`));
  const text = log.join('\n');
  assert.match(text, /→ DescribeSubnets POST/);
  assert.ok(!text.includes(FAKE_CREDENTIALS.secretAccessKey));
  assert.ok(!text.includes(FAKE_CREDENTIALS.sessionToken));

  const noCredentials = await withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined }, () =>
    describeResources({ ids: { subnet: [SUBNET] } }),
  );
  assert.equal(noCredentials.kind, 'no-credentials');
  const noRegion = await withEnv({ AWS_REGION: undefined }, () => describeResources({ ids: { subnet: [SUBNET] } }));
  assert.equal(noRegion.kind, 'no-region');
  assert.deepEqual(aws.double.requests, []);
});

test('cancelled: the signal aborts the look-up', async () => {
  aws.double.answer('DescribeSubnets', { kind: 'hang' });
  const controller = new AbortController();
  const pending = describeResources({ ids: { subnet: [SUBNET] } }, { maxAttempts: 1, signal: controller.signal });
  await aws.double.received();
  controller.abort();
  const result = await pending;
  assert.equal(result.kind, 'cancelled');
});

test('who holds each address of a subnet, and which are free: one call per family with subnet-id and the address filter', async () => {
  const result = await describeResources(
    { addresses: [{ subnetId: SUBNET, addresses: ['10.0.1.26', '10.0.1.27', '2001:DB8:1:0::A', '2001:db8:1::b', 'not-an-address'] }] },
    { maxAttempts: 1 },
  );
  assert.equal(result.kind, 'succeeded', result.message);
  assert.deepEqual(result.addressesInUse, [
    { subnetId: SUBNET, address: '10.0.1.26', networkInterfaceId: ENI, description: 'database', instanceId: INSTANCE },
    { subnetId: SUBNET, address: '2001:db8:1::a', networkInterfaceId: WEB_ENI },
  ]);
  assert.deepEqual(result.addressesFree, [
    { subnetId: SUBNET, address: '10.0.1.27' },
    { subnetId: SUBNET, address: '2001:db8:1::b' },
  ]);
  assert.deepEqual(result.found, []);
  assert.equal(result.message, `DescribeNetworkInterfaces in eu-west-1: 2 of 4 addresses in use.`);

  const requests = aws.double.requests;
  assert.deepEqual(
    requests.map((r) => r.action),
    ['DescribeNetworkInterfaces', 'DescribeNetworkInterfaces'],
  );
  assert.deepEqual(filtersOf(requests[0].params), [
    ['Filter.1.Name', 'subnet-id'],
    ['Filter.1.Value.1', SUBNET],
    ['Filter.2.Name', 'addresses.private-ip-address'],
    ['Filter.2.Value.1', '10.0.1.26'],
    ['Filter.2.Value.2', '10.0.1.27'],
  ]);
  // IPv6 in its canonical spelling, as EC2 stores it.
  assert.deepEqual(filtersOf(requests[1].params), [
    ['Filter.1.Name', 'subnet-id'],
    ['Filter.1.Value.1', SUBNET],
    ['Filter.2.Name', 'ipv6-addresses.ipv6-address'],
    ['Filter.2.Value.1', '2001:db8:1::a'],
    ['Filter.2.Value.2', '2001:db8:1::b'],
  ]);
  assert.equal(requests[0].params['NetworkInterfaceId.1'], undefined);
});

test('addresses are deduplicated and sent in batches of VALUES_PER_CALL, per subnet', async () => {
  const many = Array.from({ length: VALUES_PER_CALL + 20 }, (_, i) => `10.0.2.${i}`);
  const result = await describeResources(
    {
      addresses: [
        { subnetId: SUBNET, addresses: [...many, many[0]] },
        { subnetId: SUBNET, addresses: ['10.0.1.25'] },
        { subnetId: OTHER_SUBNET, addresses: ['10.0.1.27'] },
      ],
    },
    { maxAttempts: 1 },
  );
  assert.equal(result.kind, 'succeeded', result.message);
  const calls = aws.double.requests.map((r) => [
    r.params['Filter.1.Value.1'],
    Object.keys(r.params).filter((name) => name.startsWith('Filter.2.Value.')).length,
  ]);
  assert.deepEqual(calls, [
    [SUBNET, VALUES_PER_CALL],
    [SUBNET, 21],
    [OTHER_SUBNET, 1],
  ]);
  assert.deepEqual(
    result.addressesInUse?.map((h) => [h.subnetId, h.address, h.networkInterfaceId]),
    [
      [SUBNET, '10.0.1.25', ENI],
      [OTHER_SUBNET, '10.0.1.27', OTHER_ENI],
    ],
  );
  assert.equal(result.addressesFree?.length, VALUES_PER_CALL + 20);
});

test('no subnet or no address: nothing is sent', async () => {
  const result = await describeResources({
    addresses: [
      { subnetId: '', addresses: ['10.0.1.25'] },
      { subnetId: SUBNET, addresses: ['10.0.1', '2001:db8::1%eth0'] },
    ],
  });
  assert.equal(result.kind, 'succeeded');
  assert.deepEqual(result.addressesInUse, []);
  assert.deepEqual(aws.double.requests, []);
});

test('with IDs in the same query: one session, the calls in parallel, the summary names both', async () => {
  const result = await describeResources({ ids: { subnet: [SUBNET] }, addresses: [{ subnetId: SUBNET, addresses: ['10.0.1.25'] }] }, { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  assert.equal(result.message, 'DescribeSubnets, DescribeNetworkInterfaces in eu-west-1: 1 found, 0 of the IDs looked up do not exist, 1 of 1 address in use.');
  assert.equal(result.title, 'Looked up 1 ID, 1 address');
});

test('denied: the look-up is denied, named after DescribeNetworkInterfaces', async () => {
  aws.double.answer('DescribeNetworkInterfaces', answers.unauthorized('DescribeNetworkInterfaces'));
  const result = await describeResources({ ids: { subnet: [SUBNET] }, addresses: [{ subnetId: SUBNET, addresses: ['10.0.1.25'] }] }, { maxAttempts: 1 });
  assert.equal(result.kind, 'denied');
  assert.match(result.title, /^Not permitted: DescribeNetworkInterfaces with the default profile/);
  assert.equal(result.addressesInUse, undefined);
});

test('the network limits of each type (per network card, EFA); a type the region does not offer is unknown, not an error', async () => {
  const result = await describeResources({ instanceTypes: ['c6i.large', 'no.such-type', 'p5.48xlarge', 'c6i.large'] }, { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  assert.deepEqual(result.instanceTypes, [
    {
      instanceType: 'c6i.large',
      maximumNetworkInterfaces: 3,
      maximumNetworkCards: 1,
      networkCards: [{ networkCardIndex: 0, maximumNetworkInterfaces: 3 }],
      ipv4AddressesPerInterface: 10,
      ipv6AddressesPerInterface: 10,
      ipv6Supported: true,
      efaSupported: false,
      maximumEfaInterfaces: undefined,
    },
    {
      instanceType: 'p5.48xlarge',
      maximumNetworkInterfaces: 64,
      maximumNetworkCards: 32,
      networkCards: Array.from({ length: 32 }, (_, networkCardIndex) => ({ networkCardIndex, maximumNetworkInterfaces: 2 })),
      ipv4AddressesPerInterface: 50,
      ipv6AddressesPerInterface: 50,
      ipv6Supported: true,
      efaSupported: true,
      maximumEfaInterfaces: 32,
    },
  ]);
  assert.deepEqual(result.unknownInstanceTypes, ['no.such-type']);
  assert.equal(result.message, 'DescribeInstanceTypes in eu-west-1: 2 of 3 instance types known.');

  const [request, ...others] = aws.double.requests;
  assert.deepEqual(others, []);
  assert.equal(request.action, 'DescribeInstanceTypes');
  assert.equal(request.params['InstanceType.1'], undefined, 'not the InstanceTypes parameter');
  assert.equal(request.params['Filter.1.Name'], 'instance-type');
  assert.deepEqual(
    [request.params['Filter.1.Value.1'], request.params['Filter.1.Value.2'], request.params['Filter.1.Value.3'], request.params['Filter.1.Value.4']],
    ['c6i.large', 'no.such-type', 'p5.48xlarge', undefined],
  );
  assert.equal(request.params.MaxResults, '100');
  assert.equal(request.params.NextToken, undefined, 'the first page');
});

test('limits the answer leaves out stay undefined', async () => {
  const result = await describeResources({ instanceTypes: ['x1.legacy'] }, { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  const [limits] = result.instanceTypes ?? [];
  assert.equal(limits.maximumNetworkInterfaces, 2);
  assert.equal(limits.ipv4AddressesPerInterface, 4);
  assert.equal(limits.maximumNetworkCards, undefined);
  assert.equal(limits.networkCards, undefined, 'no NetworkCards list: no per-card limit');
  assert.equal(limits.ipv6AddressesPerInterface, undefined);
  assert.equal(limits.ipv6Supported, undefined);
  assert.equal(limits.efaSupported, undefined);
  assert.equal(limits.maximumEfaInterfaces, undefined);
});

test('only unknown types: nothing known, nothing fails', async () => {
  const result = await describeResources({ instanceTypes: ['t9.imaginary'] }, { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  assert.deepEqual(result.instanceTypes, []);
  assert.deepEqual(result.unknownInstanceTypes, ['t9.imaginary']);
});

test('types are sent in batches of VALUES_PER_CALL', async () => {
  const types = Array.from({ length: VALUES_PER_CALL + 5 }, (_, i) => `z${i}.large`);
  const result = await describeResources({ instanceTypes: [...types, 'c6i.large'] }, { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  const counts = aws.double.requests.map((r) => Object.keys(r.params).filter((name) => name.startsWith('Filter.1.Value.')).length);
  assert.deepEqual(counts, [VALUES_PER_CALL, 6]);
  assert.deepEqual(
    result.instanceTypes?.map((t) => t.instanceType),
    ['c6i.large'],
  );
  assert.equal(result.unknownInstanceTypes?.length, VALUES_PER_CALL + 5);
});

test('denied: the whole look-up is denied, named after DescribeInstanceTypes', async () => {
  aws.double.answer('DescribeInstanceTypes', answers.unauthorized('DescribeInstanceTypes'));
  const result = await describeResources({ ids: { subnet: [SUBNET] }, instanceTypes: ['c6i.large'] }, { maxAttempts: 1 });
  assert.equal(result.kind, 'denied');
  assert.equal(result.code, 'UnauthorizedOperation');
  assert.match(result.title, /^Not permitted: DescribeInstanceTypes with the default profile/);
  assert.equal(result.instanceTypes, undefined);
});

test('throttled: the outcome says so', async () => {
  aws.double.answer('DescribeInstanceTypes', answers.throttled());
  const result = await describeResources({ instanceTypes: ['c6i.large'] }, { maxAttempts: 1 });
  assert.notEqual(result.kind, 'succeeded');
  assert.equal(result.code, 'RequestLimitExceeded');
});
