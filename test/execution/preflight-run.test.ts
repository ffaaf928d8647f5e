/**
 * The read-only preflight of the address operations (which have no dry run), real runs (refused
 * without confirmation), and the STS identity behind the confirmation.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { confirmationPrompt, dryRun, EXIT_CODES, preflight, run, whoAmI } from '../../server/src/execution/index';
import { ACCOUNT, CALLER_ARN, type FakeInterface, type FakeSubnet } from '../ec2-double/ec2-double';
import { closedPort, exampleRequest, isolateAws, REGION, withEnv, withInput, type TestAws } from '../support/aws';

let aws: TestAws;
before(async () => (aws = await isolateAws()));
after(() => aws.restore());
beforeEach(() => aws.double.reset());

const ENI = 'eni-0a1b2c3d4e5f60718';
const SUBNET = 'subnet-0123456789abcdef0';
const eni = (changes: Partial<FakeInterface> = {}): FakeInterface => ({
  id: ENI,
  subnetId: SUBNET,
  vpcId: 'vpc-0123456789abcdef0',
  privateIps: [{ address: '10.0.1.25', primary: true }],
  ...changes,
});
/** The interface's subnet: an assignment describes it (its CIDR blocks). */
const subnet: FakeSubnet = { id: SUBNET, vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.0.0/16', ipv6CidrBlocks: ['2001:db8:1:2::/64'] };
const other: FakeInterface = {
  id: 'eni-0ffff000000000001',
  subnetId: SUBNET,
  vpcId: 'vpc-0123456789abcdef0',
  privateIps: [{ address: '10.0.1.31', primary: true }],
};

const assign = () => exampleRequest('more.assign-private-ip-addresses.json');
const actions = () => aws.double.requests.map((r) => r.action);

test('assign: reports the interface, an address it already has, and one another interface holds (moved by AllowReassignment)', async () => {
  aws.double.interfaces = [eni({ privateIps: [{ address: '10.0.1.25', primary: true }, { address: '10.0.1.30' }], ipv4Prefixes: ['10.0.2.16/28'] }), other];
  aws.double.subnets = [subnet];
  const result = await preflight(assign(), { maxAttempts: 1 });
  assert.equal(result.kind, 'invalid', result.message);
  assert.deepEqual(actions(), ['DescribeNetworkInterfaces', 'DescribeSubnets', 'DescribeNetworkInterfaces'], 'read-only: nothing but describes');
  assert.equal(aws.double.requests[0].params['NetworkInterfaceId.1'], ENI);
  assert.deepEqual(
    Object.entries(aws.double.requests[1].params).filter(([name]) => name.startsWith('Filter.')),
    [
      ['Filter.1.Name', 'subnet-id'],
      ['Filter.1.Value.1', SUBNET],
    ],
  );
  assert.deepEqual(
    Object.entries(aws.double.requests[2].params).filter(([name]) => name.startsWith('Filter.')),
    [
      ['Filter.1.Name', 'subnet-id'],
      ['Filter.1.Value.1', SUBNET],
      ['Filter.2.Name', 'addresses.private-ip-address'],
      ['Filter.2.Value.1', '10.0.1.31'],
    ],
  );
  const report = result.report;
  assert.ok(report);
  assert.equal(report.exists, true);
  assert.equal(report.subnetId, SUBNET);
  assert.deepEqual(report.privateIpv4Addresses, [
    { address: '10.0.1.25', primary: true },
    { address: '10.0.1.30', primary: false },
  ]);
  assert.deepEqual(report.ipv4Prefixes, ['10.0.2.16/28']);
  assert.equal(report.subnetCidrBlock, '10.0.0.0/16');
  assert.deepEqual(report.subnetIpv6CidrBlocks, ['2001:db8:1:2::/64']);
  assert.deepEqual(report.outsideSubnet, []);
  assert.deepEqual(report.alreadyAssigned, ['10.0.1.30']);
  assert.deepEqual(report.inUseElsewhere, [{ address: '10.0.1.31', networkInterfaceId: other.id }]);
  assert.deepEqual(
    result.fieldProblems.map((p) => [p.path, p.code]),
    [[['PrivateIpAddresses', 0], 'already-assigned']],
  );
  assert.match(result.message, /10\.0\.1\.31 is on eni-0ffff000000000001: AllowReassignment moves it from there\./);
  assert.match(result.message, /AssignPrivateIpAddresses has no dry run: a real run adds these to the interface and changes the account\./);
});

test('assign without AllowReassignment: an address in use elsewhere is a problem on that item', async () => {
  aws.double.interfaces = [eni(), other];
  aws.double.subnets = [subnet];
  const request = assign();
  const result = await preflight(withInput(request, { ...request.input, AllowReassignment: false }), { maxAttempts: 1 });
  assert.equal(result.kind, 'invalid');
  assert.deepEqual(
    result.fieldProblems.map((p) => [p.path, p.message]),
    [[['PrivateIpAddresses', 1], `10.0.1.31 is in use by ${other.id} in ${SUBNET}.`]],
  );
});

test('assign of free addresses: ready, and a real run would change the account', async () => {
  aws.double.interfaces = [eni()];
  aws.double.subnets = [subnet];
  const result = await preflight(assign(), { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  assert.equal(result.title, `Preflight: ${ENI} is ready for AssignPrivateIpAddresses`);
  assert.deepEqual(result.fieldProblems, []);
  assert.equal(EXIT_CODES[result.kind], 0);
});

test('unassign of an address the interface does not have: only the interface is described, not its subnet', async () => {
  aws.double.interfaces = [eni()];
  const result = await preflight(exampleRequest('less.unassign-private-ip-addresses.json'), { maxAttempts: 1 });
  assert.equal(result.kind, 'invalid');
  assert.deepEqual(result.report?.notPresent, ['10.0.1.31']);
  assert.deepEqual(
    result.fieldProblems.map((p) => [p.path, p.code]),
    [[['PrivateIpAddresses', 0], 'not-assigned']],
  );
  assert.deepEqual(actions(), ['DescribeNetworkInterfaces']);
});

test('unassign IPv6: addresses compare in any spelling', async () => {
  aws.double.interfaces = [eni({ ipv6: ['2001:DB8:1:2:0:0:0:10'], ipv6Prefixes: ['2001:db8:1:2:3::/80'] })];
  const result = await preflight(exampleRequest('v6.unassign-ipv6-addresses.json'), { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  assert.deepEqual(result.report?.ipv6Addresses, ['2001:DB8:1:2:0:0:0:10']);
  assert.deepEqual(result.report?.ipv6Prefixes, ['2001:db8:1:2:3::/80']);
  assert.match(result.message, /a real run removes these from the interface/);
});

test('assign IPv6 by count: the subnet has an IPv6 block, no address to look up; the count is reported', async () => {
  aws.double.interfaces = [eni()];
  aws.double.subnets = [subnet];
  const result = await preflight(exampleRequest('v6.assign-ipv6-addresses.json'), { maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  assert.match(result.message, /Ipv6AddressCount: EC2 picks 2 from subnet-0123456789abcdef0 \(2001:db8:1:2::\/64\)\./);
  assert.deepEqual(actions(), ['DescribeNetworkInterfaces', 'DescribeSubnets']);
});

test('an interface that does not exist: invalid, on NetworkInterfaceId', async () => {
  const result = await preflight(assign(), { maxAttempts: 1 });
  assert.equal(result.kind, 'invalid');
  assert.equal(result.report?.exists, false);
  assert.deepEqual(
    result.fieldProblems.map((p) => [p.path, p.code]),
    [[['NetworkInterfaceId'], 'InvalidNetworkInterfaceID.NotFound']],
  );
});

test('operations with a dry run have no preflight', async () => {
  const result = await preflight(exampleRequest('old.delete-network-interface.json'));
  assert.equal(result.kind, 'error');
  assert.equal(aws.double.requests.length, 0);
});

test('a real run without confirmation is refused, and nothing is sent', async () => {
  const result = await run(exampleRequest('web.create-network-interface.json'));
  assert.equal(result.kind, 'not-confirmed');
  assert.equal(EXIT_CODES[result.kind], 2);
  assert.equal(aws.double.requests.length, 0);
});

test('a confirmed real run sends the file as it is and returns the output', async () => {
  const result = await run(exampleRequest('web.create-network-interface.json'), { confirmed: true, maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  const [sent] = aws.double.requests;
  assert.equal(sent.action, 'CreateNetworkInterface');
  assert.equal(sent.params.DryRun, undefined);
  assert.deepEqual(result.output?.NetworkInterface, { NetworkInterfaceId: 'eni-0d0b1e0000000new', SubnetId: SUBNET, Status: 'pending' });
});

test('a confirmed real run of an operation without DryRun', async () => {
  const result = await run(assign(), { confirmed: true, maxAttempts: 1 });
  assert.equal(result.kind, 'succeeded', result.message);
  assert.deepEqual(actions(), ['AssignPrivateIpAddresses']);
});

test('a dry run that an endpoint answers as a real one is reported, not taken for success', async () => {
  aws.double.answer('*', { kind: 'ignore-dry-run' });
  const result = await dryRun(exampleRequest('old.delete-network-interface.json'), { maxAttempts: 1 });
  assert.equal(result.kind, 'error');
  assert.match(result.message, /answered with success instead of DryRunOperation: it may have carried the request out/);
});

test('whoAmI: the account and ARN of the credentials, and the confirmation text', async () => {
  const config = aws.configFile(
    '[profile prod]\nregion = eu-central-1\naws_access_key_id = AKIDPROFILEPROD00001\naws_secret_access_key = prod-secret-0123456789\n',
  );
  const identity = await withEnv({ AWS_CONFIG_FILE: config }, () => whoAmI({ profile: 'prod', region: REGION, maxAttempts: 1 }));
  assert.equal(identity.kind, 'succeeded', identity.message);
  assert.deepEqual(identity.identity, { account: ACCOUNT, arn: CALLER_ARN, userId: 'AIDATESTDOUBLE' });
  const [sts] = aws.double.requests;
  assert.equal(sts.action, 'GetCallerIdentity');
  assert.equal(sts.sigv4?.accessKeyId, 'AKIDPROFILEPROD00001');
  assert.equal(sts.sigv4?.region, REGION);
  assert.equal(
    confirmationPrompt('CreateNetworkInterface', identity),
    `Run CreateNetworkInterface in ${REGION} with profile prod as account ${ACCOUNT}? This is not a dry run: it changes the account.`,
  );
});

test('whoAmI with an explicit STS endpoint nobody listens on: unreachable, and the message names STS', async () => {
  const port = await closedPort();
  const result = await whoAmI({ stsEndpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 });
  assert.equal(result.kind, 'unreachable', result.message);
  assert.equal(result.title, `Could not reach STS at 127.0.0.1:${port}`);
  assert.match(result.message, /AWS_ENDPOINT_URL_STS/);
  assert.equal(aws.double.requests.length, 0);
});
