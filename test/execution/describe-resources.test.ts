/**
 * The read-only look-ups behind the live checks, against the EC2 test double: Filters on the IDs
 * (missing IDs are answers, not errors), one call per kind and batch, listings for completion,
 * and failures named after the action that failed.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { describeResources, IDS_PER_CALL, type DescribedResource } from '../../server/src/execution/describe-resources';
import * as execution from '../../server/src/execution/index';
import { answers, type FakeSubnet } from '../ec2-double/ec2-double';
import { closedPort, FAKE_CREDENTIALS, isolateAws, REGION, withEnv, type TestAws } from './setup';

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
  aws.double.interfaces = [{ id: ENI, subnetId: SUBNET, vpcId: VPC, privateIps: [{ address: '10.0.1.25', primary: true }], name: 'db-nic', description: 'database' }];
  aws.double.instances = [
    { id: INSTANCE, instanceType: 't3.small', subnetId: SUBNET, vpcId: VPC, privateIp: '10.0.1.40', name: 'app-1' },
    { id: TERMINATED, state: 'terminated' },
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

test('IDs are deduplicated and sent in batches of IDS_PER_CALL', async () => {
  const ids = Array.from({ length: IDS_PER_CALL + 20 }, (_, i) => `subnet-${i.toString(16).padStart(17, '0')}`);
  aws.double.subnets = ids.slice(0, 3).map((id): FakeSubnet => ({ id, vpcId: VPC, cidrBlock: '10.0.0.0/24' }));
  const result = await describeResources({ ids: { subnet: [...ids, ids[0], ids[1]] } }, { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  assert.equal(result.found?.length, 3);
  assert.equal(result.missing?.subnet?.length, ids.length - 3);
  const counts = aws.double.requests.map((r) => Object.keys(r.params).filter((name) => name.startsWith('Filter.1.Value.')).length);
  assert.deepEqual(counts, [IDS_PER_CALL, 20]);
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
  const unreachable = await describeResources({ ids: { subnet: [SUBNET] } }, { maxAttempts: 1, endpoint: `http://127.0.0.1:${port}`, log: (line) => log.push(line) });
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
