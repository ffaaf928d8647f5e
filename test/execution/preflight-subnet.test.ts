/**
 * The preflight and the interface's subnet: explicit addresses and prefixes outside the subnet's
 * CIDR blocks, addresses AWS reserves in them (the first four, the last: /24, /28, /20, IPv6 /64),
 * IPv6 on a subnet without an IPv6 block (IPv4 on an IPv6-only one), and their legal neighbours; and every Describe that can fail, which the result names ("Preflight could not
 * describe …") instead of blaming the request. Against moto where it can answer (real state: VPCs,
 * subnets with and without IPv6, interfaces), and the EC2 double for what moto cannot do (the IPv6
 * address filter, disassociated blocks it no longer lists, denials, throttling, hangs) and for
 * which requests were sent. Never AWS: dummy credentials, config files pointed away.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  AssociateSubnetCidrBlockCommand,
  CreateNetworkInterfaceCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DisassociateSubnetCidrBlockCommand,
} from '@aws-sdk/client-ec2';
import { EXIT_CODES, preflight } from '../../server/src/execution/index';
import type { PreflightResult } from '../../contract/outcome';
import { answers, ENCODED_AUTHORIZATION_MESSAGE, type FakeInterface, type FakeSubnet } from '../ec2-double/ec2-double';
import { closedPort, exampleRequest, isolateAws, withInput, type TestAws } from '../support/aws';
import { startMoto, type Moto } from '../support/moto';

let aws: TestAws;
before(async () => (aws = await isolateAws()));
after(() => aws.restore());
beforeEach(() => aws.double.reset());

const ENI = 'eni-0a1b2c3d4e5f60718';
const SUBNET = 'subnet-0123456789abcdef0';
const VPC = 'vpc-0123456789abcdef0';
const eni = (changes: Partial<FakeInterface> = {}): FakeInterface => ({
  id: ENI,
  subnetId: SUBNET,
  vpcId: VPC,
  privateIps: [{ address: '10.0.1.25', primary: true }],
  ...changes,
});
const subnet = (changes: Partial<FakeSubnet> = {}): FakeSubnet => ({ id: SUBNET, vpcId: VPC, cidrBlock: '10.0.1.0/24', ...changes });

type Input = Record<string, unknown>;
const assignV4 = (input: Input, id = ENI) => withInput(exampleRequest('more.assign-private-ip-addresses.json'), { NetworkInterfaceId: id, ...input });
const assignV6 = (input: Input, id = ENI) => withInput(exampleRequest('v6.assign-ipv6-addresses.json'), { NetworkInterfaceId: id, ...input });
const unassignV4 = (input: Input, id = ENI) => withInput(exampleRequest('less.unassign-private-ip-addresses.json'), { NetworkInterfaceId: id, ...input });
const problems = (result: PreflightResult) => result.fieldProblems.map((p) => [p.path, p.code]);
const actions = () => aws.double.requests.map((r) => r.action);
const filterValues = (i: number, filter: number) =>
  Object.entries(aws.double.requests[i].params)
    .filter(([name]) => name.startsWith(`Filter.${filter}.Value.`))
    .map(([, value]) => value);

describe('the subnet (EC2 double)', () => {
  test('an IPv4 address outside the CIDR is a problem on its item, and not looked for in the subnet; the one inside is', async () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet()];
    const result = await preflight(assignV4({ PrivateIpAddresses: ['10.0.1.40', '10.0.9.40'] }), { maxAttempts: 1 });
    assert.equal(result.kind, 'invalid', result.message);
    assert.equal(result.title, 'Preflight found problems for AssignPrivateIpAddresses');
    assert.deepEqual(problems(result), [[['PrivateIpAddresses', 1], 'outside-subnet']]);
    assert.equal(
      result.fieldProblems[0].message,
      `10.0.9.40 is outside ${SUBNET} (10.0.1.0/24): EC2 only assigns addresses and prefixes from the subnet's range.`,
    );
    assert.deepEqual(result.report?.outsideSubnet, ['10.0.9.40']);
    assert.equal(result.report?.subnetCidrBlock, '10.0.1.0/24');
    assert.match(result.message, new RegExp(`^Subnet ${SUBNET}: IPv4 10\\.0\\.1\\.0/24, IPv6 none\\.$`, 'm'));
    assert.deepEqual(actions(), ['DescribeNetworkInterfaces', 'DescribeSubnets', 'DescribeNetworkInterfaces']);
    assert.deepEqual(filterValues(2, 2), ['10.0.1.40'], 'only the address inside is looked for');
    assert.equal(EXIT_CODES[result.kind], 4);
  });

  test('legal neighbours: addresses inside the CIDR (its first and last usable ones too) are ready', async () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet()];
    const result = await preflight(assignV4({ PrivateIpAddresses: ['10.0.1.4', '10.0.1.254'] }), { maxAttempts: 1 });
    assert.equal(result.kind, 'succeeded', result.message);
    assert.equal(result.title, `Preflight: ${ENI} is ready for AssignPrivateIpAddresses`);
    assert.deepEqual(result.fieldProblems, []);
    assert.deepEqual(result.report?.outsideSubnet, []);
  });

  test('an address AWS reserves in the subnet is a problem on its item, and not looked for on other interfaces', async () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet()];
    const result = await preflight(assignV4({ PrivateIpAddresses: ['10.0.1.40', '10.0.1.3', '10.0.1.255', '10.0.9.1'] }), { maxAttempts: 1 });
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [
      [['PrivateIpAddresses', 3], 'outside-subnet'],
      [['PrivateIpAddresses', 1], 'address-reserved'],
      [['PrivateIpAddresses', 2], 'address-reserved'],
    ]);
    assert.equal(
      result.fieldProblems[1].message,
      `10.0.1.3 is reserved by AWS in ${SUBNET} (10.0.1.0/24) for future use: the first four addresses and the last are never assigned.`,
    );
    assert.equal(
      result.fieldProblems[2].message,
      `10.0.1.255 is reserved by AWS in ${SUBNET} (10.0.1.0/24) as its broadcast address: the first four addresses and the last are never assigned.`,
    );
    assert.ok(result.message.includes(result.fieldProblems[1].message), 'the finding is in the result text too');
    assert.deepEqual(result.report?.reservedInSubnet, ['10.0.1.3', '10.0.1.255']);
    assert.deepEqual(result.report?.outsideSubnet, ['10.0.9.1']);
    assert.deepEqual(filterValues(2, 2), ['10.0.1.40'], 'only the assignable address is looked for');
    assert.equal(EXIT_CODES[result.kind], 4);

    for (const [i, reserved] of ['10.0.1.0', '10.0.1.1', '10.0.1.2'].entries()) {
      const alone = await preflight(assignV4({ PrivateIpAddresses: [reserved] }), { maxAttempts: 1 });
      assert.deepEqual(problems(alone), [[['PrivateIpAddresses', 0], 'address-reserved']], reserved);
      assert.match(alone.fieldProblems[0].message, [/ as its network address: /, / for the VPC router: /, / for DNS: /][i]);
    }
  });

  test('reserved addresses in a /28 subnet and at the end of a /20; their legal neighbours are ready', async () => {
    aws.double.interfaces = [eni({ privateIps: [{ address: '10.0.1.25', primary: true }] })];
    aws.double.subnets = [subnet({ cidrBlock: '10.0.1.16/28' })];
    const small = await preflight(assignV4({ PrivateIpAddresses: ['10.0.1.16', '10.0.1.19', '10.0.1.20', '10.0.1.30', '10.0.1.31'] }), { maxAttempts: 1 });
    assert.deepEqual(problems(small), [
      [['PrivateIpAddresses', 0], 'address-reserved'],
      [['PrivateIpAddresses', 1], 'address-reserved'],
      [['PrivateIpAddresses', 4], 'address-reserved'],
    ]);
    const smallReady = await preflight(assignV4({ PrivateIpAddresses: ['10.0.1.20', '10.0.1.30'] }), { maxAttempts: 1 });
    assert.equal(smallReady.kind, 'succeeded', smallReady.message);

    aws.double.interfaces = [eni({ privateIps: [{ address: '10.0.16.10', primary: true }] })];
    aws.double.subnets = [subnet({ cidrBlock: '10.0.16.0/20' })];
    const large = await preflight(assignV4({ PrivateIpAddresses: ['10.0.31.255', '10.0.31.254', '10.0.17.0', '10.0.16.255'] }), { maxAttempts: 1 });
    assert.deepEqual(problems(large), [[['PrivateIpAddresses', 0], 'address-reserved']], 'a .0 or .255 inside the /20 is an address like any other');
    assert.match(large.fieldProblems[0].message, /^10\.0\.31\.255 is reserved by AWS in \S+ \(10\.0\.16\.0\/20\) as its broadcast address: /);
    const largeReady = await preflight(assignV4({ PrivateIpAddresses: ['10.0.31.254', '10.0.17.0', '10.0.16.255'] }), { maxAttempts: 1 });
    assert.equal(largeReady.kind, 'succeeded', largeReady.message);
  });

  test('a prefix that contains reserved addresses is not reported (not documented as refused); an already assigned address stays already-assigned', async () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet()];
    const prefixes = await preflight(assignV4({ Ipv4Prefixes: ['10.0.1.0/28', '10.0.1.240/28'] }), { maxAttempts: 1 });
    assert.equal(prefixes.kind, 'succeeded', prefixes.message);
    assert.deepEqual(prefixes.report?.reservedInSubnet, []);

    const assigned = await preflight(assignV4({ PrivateIpAddresses: ['10.0.1.25'] }), { maxAttempts: 1 });
    assert.deepEqual(problems(assigned), [[['PrivateIpAddresses', 0], 'already-assigned']]);
  });

  test('IPv6: the first four and the last address of the subnet block are reserved; the fifth and the second-to-last are ready', async () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet({ ipv6CidrBlocks: ['2001:db8:1:2::/64'] })];
    const result = await preflight(
      assignV6({
        Ipv6Addresses: ['2001:db8:1:2::', '2001:DB8:1:2:0:0:0:1', '2001:db8:1:2::4', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2:ffff:ffff:ffff:fffe'],
      }),
      { maxAttempts: 1 },
    );
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [
      [['Ipv6Addresses', 0], 'address-reserved'],
      [['Ipv6Addresses', 1], 'address-reserved'],
      [['Ipv6Addresses', 3], 'address-reserved'],
    ]);
    assert.equal(
      result.fieldProblems[1].message,
      `2001:DB8:1:2:0:0:0:1 is reserved by AWS in ${SUBNET} (2001:db8:1:2::/64) for the VPC router: the first four addresses and the last are never assigned.`,
    );
    assert.deepEqual(filterValues(2, 2), ['2001:db8:1:2::4', '2001:db8:1:2:ffff:ffff:ffff:fffe']);
    const ready = await preflight(assignV6({ Ipv6Addresses: ['2001:db8:1:2::4', '2001:db8:1:2:ffff:ffff:ffff:fffe'] }), { maxAttempts: 1 });
    assert.equal(ready.kind, 'succeeded', ready.message);
  });

  test('explicit IPv4 prefixes must lie inside the CIDR; a prefix count is only reported', async () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet()];
    const prefixes = await preflight(assignV4({ Ipv4Prefixes: ['10.0.1.16/28', '10.0.7.16/28'] }), { maxAttempts: 1 });
    assert.equal(prefixes.kind, 'invalid', prefixes.message);
    assert.deepEqual(problems(prefixes), [[['Ipv4Prefixes', 1], 'outside-subnet']]);
    assert.deepEqual(prefixes.report?.outsideSubnet, ['10.0.7.16/28']);
    assert.deepEqual(actions(), ['DescribeNetworkInterfaces', 'DescribeSubnets'], 'prefixes are not looked for on other interfaces');

    const count = await preflight(assignV4({ Ipv4PrefixCount: 1 }), { maxAttempts: 1 });
    assert.equal(count.kind, 'succeeded', count.message);
    assert.match(count.message, new RegExp(`^Ipv4PrefixCount: EC2 picks 1 from ${SUBNET} \\(10\\.0\\.1\\.0/24\\)\\.$`, 'm'));
  });

  test('IPv6 on a subnet without an IPv6 CIDR block: a problem on each member that asks for it, whichever', async () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet()];
    for (const input of [{ Ipv6AddressCount: 2 }, { Ipv6Addresses: ['2001:db8:1:2::10'] }, { Ipv6Prefixes: ['2001:db8:1:2:3::/80'] }, { Ipv6PrefixCount: 1 }]) {
      aws.double.requests.length = 0;
      const result = await preflight(assignV6(input), { maxAttempts: 1 });
      const member = Object.keys(input)[0];
      assert.equal(result.kind, 'invalid', `${member}: ${result.message}`);
      assert.deepEqual(problems(result), [[[member], 'subnet-no-ipv6']]);
      assert.equal(
        result.fieldProblems[0].message,
        `${SUBNET} has no IPv6 CIDR block: EC2 cannot assign IPv6 addresses or prefixes to ${ENI} until one is associated with the subnet.`,
      );
      assert.deepEqual(result.report?.subnetIpv6CidrBlocks, []);
      assert.doesNotMatch(result.message, /EC2 picks/);
      assert.deepEqual(actions(), ['DescribeNetworkInterfaces', 'DescribeSubnets'], `${member}: nothing to look for in the subnet`);
    }
  });

  test('a disassociated IPv6 block does not count', async () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet({ disassociatedIpv6CidrBlocks: ['2001:db8:1:2::/64'] })];
    const result = await preflight(assignV6({ Ipv6AddressCount: 1 }), { maxAttempts: 1 });
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [[['Ipv6AddressCount'], 'subnet-no-ipv6']]);
  });

  test('IPv6 inside the subnet block (in any spelling) is looked for in the subnet; outside it is a problem', async () => {
    const holder: FakeInterface = {
      id: 'eni-0ffff000000000001',
      subnetId: SUBNET,
      vpcId: VPC,
      privateIps: [{ address: '10.0.1.31' }],
      ipv6: ['2001:db8:1:2::20'],
    };
    aws.double.interfaces = [eni(), holder];
    aws.double.subnets = [subnet({ ipv6CidrBlocks: ['2001:db8:1:2::/64'] })];
    const result = await preflight(assignV6({ Ipv6Addresses: ['2001:DB8:1:2:0:0:0:20', '2001:db8:1:2::21', '2001:db8:9::20'] }), { maxAttempts: 1 });
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [
      [['Ipv6Addresses', 2], 'outside-subnet'],
      [['Ipv6Addresses', 0], 'address-in-use'],
    ]);
    assert.match(result.fieldProblems[0].message, /^2001:db8:9::20 is outside subnet-0123456789abcdef0 \(the IPv6 CIDR block 2001:db8:1:2::\/64\)/);
    assert.deepEqual(filterValues(2, 2), ['2001:db8:1:2::20', '2001:db8:1:2::21'], 'canonical, and only those inside');
    assert.deepEqual(result.report?.inUseElsewhere, [{ address: '2001:DB8:1:2:0:0:0:20', networkInterfaceId: holder.id }]);

    aws.double.interfaces = [eni()];
    const ready = await preflight(assignV6({ Ipv6Addresses: ['2001:db8:1:2::21'] }), { maxAttempts: 1 });
    assert.equal(ready.kind, 'succeeded', ready.message);
  });

  test('IPv4 on an IPv6-only subnet', async () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet({ ipv6Native: true, ipv6CidrBlocks: ['2001:db8:1:2::/64'] })];
    const result = await preflight(assignV4({ SecondaryPrivateIpAddressCount: 1 }), { maxAttempts: 1 });
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [[['SecondaryPrivateIpAddressCount'], 'subnet-no-ipv4']]);
    assert.equal(result.report?.subnetCidrBlock, undefined);
    assert.match(result.message, /^Subnet subnet-0123456789abcdef0: IPv4 none \(IPv6-only\), IPv6 2001:db8:1:2::\/64\.$/m);
  });

  test('an unassignment is not checked against the subnet: it only removes', async () => {
    aws.double.interfaces = [eni({ privateIps: [{ address: '10.0.1.25', primary: true }, { address: '10.0.1.31' }] })];
    const result = await preflight(unassignV4({ PrivateIpAddresses: ['10.0.1.31', '172.16.0.9'] }), { maxAttempts: 1 });
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [[['PrivateIpAddresses', 1], 'not-assigned']], 'not on the interface says it all');
    assert.deepEqual(actions(), ['DescribeNetworkInterfaces']);
  });
});

describe('a Describe that fails: "Preflight could not describe …", never a problem of the request', () => {
  const ready = () => {
    aws.double.interfaces = [eni()];
    aws.double.subnets = [subnet()];
  };
  const request = () => assignV4({ PrivateIpAddresses: ['10.0.1.40'] });
  const notTheRequest = (result: PreflightResult) => {
    assert.deepEqual(result.fieldProblems, []);
    assert.doesNotMatch(`${result.title}\n${result.message}`, /AssignPrivateIpAddresses failed|rejected AssignPrivateIpAddresses/);
    assert.match(result.message, /\nAssignPrivateIpAddresses was not checked; nothing was changed\.$/);
  };

  test('DescribeSubnets denied: denied (exit 3), the Describe named, its authorization message kept', async () => {
    ready();
    aws.double.answer('DescribeSubnets', answers.unauthorized('DescribeSubnets'));
    const result = await preflight(request(), { maxAttempts: 1 });
    assert.equal(result.kind, 'denied', result.message);
    assert.equal(result.title, `Preflight could not describe the subnet ${SUBNET} of ${ENI}`);
    assert.match(
      result.message,
      new RegExp(
        `^The preflight could not describe the subnet ${SUBNET} of ${ENI} \\(Not permitted: DescribeSubnets with the default profile: You are not authorized`,
      ),
    );
    assert.equal(result.code, 'UnauthorizedOperation');
    assert.equal(result.encodedAuthorizationMessage, ENCODED_AUTHORIZATION_MESSAGE);
    assert.equal(result.report?.exists, true, 'what is known of the interface is kept');
    assert.equal(EXIT_CODES[result.kind], 3);
    notTheRequest(result);
  });

  test('DescribeSubnets throttled: throttled (exit 5)', async () => {
    ready();
    aws.double.answer('DescribeSubnets', answers.throttled());
    const result = await preflight(request(), { maxAttempts: 1 });
    assert.equal(result.kind, 'throttled', result.message);
    assert.match(
      result.message,
      /could not describe the subnet \S+ of \S+ \(DescribeSubnets: EC2 is throttling requests: Request limit exceeded \(RequestLimitExceeded\)\. Try again in a moment\)\./,
    );
    assert.equal(EXIT_CODES[result.kind], 5);
    notTheRequest(result);
  });

  test('the subnet not listed: an error (exit 1), not an invalid request', async () => {
    aws.double.interfaces = [eni()];
    const result = await preflight(request(), { maxAttempts: 1 });
    assert.equal(result.kind, 'error', result.message);
    assert.match(
      result.message,
      /^The preflight could not describe the subnet \S+ of \S+ \(DescribeSubnets does not list it: it may have been deleted since, or this account cannot see it\)\./,
    );
    notTheRequest(result);
  });

  test('the subnet hangs: a timeout names DescribeSubnets', async () => {
    ready();
    aws.double.answer('DescribeSubnets', { kind: 'hang' });
    const result = await preflight(request(), { maxAttempts: 1, timeoutMs: 300 });
    assert.equal(result.kind, 'timeout', result.message);
    assert.match(result.message, /\(DescribeSubnets: no answer from EC2: 127\.0\.0\.1:\d+ did not answer within 0\.3 s\)/);
    notTheRequest(result);
  });

  test('the look-up of the addresses on other interfaces fails', async () => {
    ready();
    aws.double.answerIf('DescribeNetworkInterfaces', (r) => r.params['Filter.1.Name'] === 'subnet-id', answers.throttled());
    const result = await preflight(request(), { maxAttempts: 1 });
    assert.equal(result.kind, 'throttled', result.message);
    assert.equal(result.title, `Preflight could not describe which interfaces of ${SUBNET} hold 10.0.1.40`);
    assert.match(result.message, /\(DescribeNetworkInterfaces: EC2 is throttling requests/);
    notTheRequest(result);
  });

  test('the interface denied: denied, "could not describe the interface"', async () => {
    ready();
    aws.double.answer('DescribeNetworkInterfaces', answers.unauthorized('DescribeNetworkInterfaces'));
    const result = await preflight(request(), { maxAttempts: 1 });
    assert.equal(result.kind, 'denied', result.message);
    assert.equal(result.title, `Preflight could not describe the interface ${ENI}`);
    assert.match(result.message, /\(Not permitted: DescribeNetworkInterfaces with the default profile: /);
    assert.equal(result.report, undefined);
    notTheRequest(result);
  });

  test('EC2 not reached: unreachable, "could not describe the interface"', async () => {
    const port = await closedPort();
    const result = await preflight(request(), { maxAttempts: 1, endpoint: `http://127.0.0.1:${port}` });
    assert.equal(result.kind, 'unreachable', result.message);
    assert.equal(result.title, `Preflight could not describe the interface ${ENI}`);
    assert.match(result.message, new RegExp(`\\(DescribeNetworkInterfaces: Could not reach EC2 at 127\\.0\\.0\\.1:${port}: `));
    notTheRequest(result);
  });

  test('a cancellation stays a cancellation of the operation', async () => {
    ready();
    aws.double.answer('DescribeSubnets', { kind: 'hang' });
    const controller = new AbortController();
    void aws.double.received().then(function next(r): unknown {
      return r.action === 'DescribeSubnets' ? controller.abort() : aws.double.received().then(next);
    });
    const result = await preflight(request(), { maxAttempts: 1, signal: controller.signal });
    assert.equal(result.kind, 'cancelled', result.message);
    assert.equal(result.title, 'AssignPrivateIpAddresses cancelled');
  });

  test('the interface does not exist, or its ID is malformed: findings on NetworkInterfaceId, not failures', async () => {
    const missing = await preflight(request(), { maxAttempts: 1 });
    assert.equal(missing.kind, 'invalid', missing.message);
    assert.deepEqual(problems(missing), [[['NetworkInterfaceId'], 'InvalidNetworkInterfaceID.NotFound']]);

    aws.double.answer('DescribeNetworkInterfaces', {
      kind: 'error',
      status: 400,
      code: 'InvalidNetworkInterfaceId.Malformed',
      message: `Invalid id: "${ENI}" (expecting "eni-...")`,
    });
    const malformed = await preflight(request(), { maxAttempts: 1 });
    assert.equal(malformed.kind, 'invalid', malformed.message);
    assert.equal(malformed.title, `Preflight: ${ENI} is malformed`);
    assert.deepEqual(problems(malformed), [[['NetworkInterfaceId'], 'InvalidNetworkInterfaceId.Malformed']]);
  });
});

describe('the subnet (moto: real state)', () => {
  let moto: Moto;
  const ids = { vpc: '', v4: '', v6: '', v6Block: '', v6Only: '', eniV4: '', eniV6: '', eniV6Only: '', holder: '' };
  const options = () => ({ maxAttempts: 1, endpoint: moto.url });
  /** The n-th /64 of the VPC's /56. */
  let slash64: (n: number) => string;

  before(async () => {
    moto = await startMoto();
    const vpc = (await moto.ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', AmazonProvidedIpv6CidrBlock: true }))).Vpc!;
    ids.vpc = vpc.VpcId!;
    const groups = expand(vpc.Ipv6CidrBlockAssociationSet![0].Ipv6CidrBlock!.split('/')[0]); // a /56
    slash64 = (n) =>
      `${groups
        .slice(0, 3)
        .map((g) => g.toString(16))
        .join(':')}:${((groups[3] & 0xff00) | n).toString(16)}::/64`;
    ids.v6Block = slash64(2);
    const create = async (input: object) => (await moto.ec2.send(new CreateSubnetCommand({ VpcId: ids.vpc, ...input }))).Subnet!.SubnetId!;
    ids.v4 = await create({ CidrBlock: '10.20.1.0/24' });
    ids.v6 = await create({ CidrBlock: '10.20.2.0/24', Ipv6CidrBlock: ids.v6Block });
    ids.v6Only = await create({ Ipv6Native: true, Ipv6CidrBlock: slash64(3) });
    const createEni = async (input: object) => (await moto.ec2.send(new CreateNetworkInterfaceCommand(input as never))).NetworkInterface!.NetworkInterfaceId!;
    ids.eniV4 = await createEni({ SubnetId: ids.v4, PrivateIpAddress: '10.20.1.10' });
    ids.holder = await createEni({ SubnetId: ids.v4, PrivateIpAddress: '10.20.1.31' });
    ids.eniV6 = await createEni({ SubnetId: ids.v6 });
    ids.eniV6Only = await createEni({ SubnetId: ids.v6Only });
  });
  after(async () => {
    await moto?.stop();
  });

  test('IPv4: outside the CIDR and held by another interface are problems; inside and free is ready', async () => {
    const result = await preflight(
      assignV4({ PrivateIpAddresses: ['10.20.1.30', '10.20.1.31', '192.168.7.5'], AllowReassignment: false }, ids.eniV4),
      options(),
    );
    assert.equal(result.kind, 'invalid', result.message);
    assert.equal(result.endpointHost, new URL(moto.url).host);
    assert.deepEqual(problems(result), [
      [['PrivateIpAddresses', 2], 'outside-subnet'],
      [['PrivateIpAddresses', 1], 'address-in-use'],
    ]);
    assert.equal(result.report?.subnetCidrBlock, '10.20.1.0/24');
    assert.deepEqual(result.report?.inUseElsewhere, [{ address: '10.20.1.31', networkInterfaceId: ids.holder }]);

    const ready = await preflight(assignV4({ PrivateIpAddresses: ['10.20.1.40'] }, ids.eniV4), options());
    assert.equal(ready.kind, 'succeeded', ready.message);
    const prefixCount = await preflight(assignV4({ Ipv4PrefixCount: 1 }, ids.eniV4), options());
    assert.equal(prefixCount.kind, 'succeeded', prefixCount.message);
  });

  test('an address AWS reserves (the VPC router, the broadcast address) is a problem; the fifth and the second-to-last are ready', async () => {
    const result = await preflight(assignV4({ PrivateIpAddresses: ['10.20.1.1', '10.20.1.255', '10.20.1.4', '10.20.1.254'] }, ids.eniV4), options());
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [
      [['PrivateIpAddresses', 0], 'address-reserved'],
      [['PrivateIpAddresses', 1], 'address-reserved'],
    ]);
    assert.match(result.fieldProblems[0].message, new RegExp(`^10\\.20\\.1\\.1 is reserved by AWS in ${ids.v4} \\(10\\.20\\.1\\.0/24\\) for the VPC router: `));
    assert.deepEqual(result.report?.reservedInSubnet, ['10.20.1.1', '10.20.1.255']);

    const ready = await preflight(assignV4({ PrivateIpAddresses: ['10.20.1.4', '10.20.1.254'] }, ids.eniV4), options());
    assert.equal(ready.kind, 'succeeded', ready.message);
  });

  test('IPv6 by count: a problem on a subnet without an IPv6 block, ready on one with it', async () => {
    const without = await preflight(assignV6({ Ipv6AddressCount: 1 }, ids.eniV4), options());
    assert.equal(without.kind, 'invalid', without.message);
    assert.deepEqual(problems(without), [[['Ipv6AddressCount'], 'subnet-no-ipv6']]);

    const withBlock = await preflight(assignV6({ Ipv6AddressCount: 1 }, ids.eniV6), options());
    assert.equal(withBlock.kind, 'succeeded', withBlock.message);
    assert.deepEqual(withBlock.report?.subnetIpv6CidrBlocks, [ids.v6Block]);
    assert.ok(withBlock.message.includes(`Ipv6AddressCount: EC2 picks 1 from ${ids.v6} (${ids.v6Block}).`), withBlock.message);
  });

  test('an explicit IPv6 address outside the subnet block', async () => {
    const result = await preflight(assignV6({ Ipv6Addresses: ['2001:db8:ffff::1'] }, ids.eniV6), options());
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [[['Ipv6Addresses', 0], 'outside-subnet']]);
  });

  test('IPv4 on an IPv6-only subnet', async () => {
    const result = await preflight(assignV4({ SecondaryPrivateIpAddressCount: 1 }, ids.eniV6Only), options());
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [[['SecondaryPrivateIpAddressCount'], 'subnet-no-ipv4']]);
  });

  test('associating an IPv6 block makes the subnet ready for IPv6; disassociating it undoes that', async () => {
    const block = slash64(4);
    const association = (await moto.ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId: ids.v4, Ipv6CidrBlock: block }))).Ipv6CidrBlockAssociation!;
    try {
      const ready = await preflight(assignV6({ Ipv6AddressCount: 1 }, ids.eniV4), options());
      assert.equal(ready.kind, 'succeeded', ready.message);
    } finally {
      await moto.ec2.send(new DisassociateSubnetCidrBlockCommand({ AssociationId: association.AssociationId }));
    }
    const gone = await preflight(assignV6({ Ipv6AddressCount: 1 }, ids.eniV4), options());
    assert.deepEqual(problems(gone), [[['Ipv6AddressCount'], 'subnet-no-ipv6']]);
  });

  test('an unassignment is only checked against the interface', async () => {
    const result = await preflight(unassignV4({ PrivateIpAddresses: ['192.168.7.5'] }, ids.eniV4), options());
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [[['PrivateIpAddresses', 0], 'not-assigned']]);
  });

  test('an interface that does not exist', async () => {
    const result = await preflight(assignV4({ PrivateIpAddresses: ['10.20.1.40'] }, 'eni-0000000000000dead'), options());
    assert.equal(result.kind, 'invalid', result.message);
    assert.deepEqual(problems(result), [[['NetworkInterfaceId'], 'InvalidNetworkInterfaceID.NotFound']]);
  });
});

/** An IPv6 address as its eight groups (numbers). */
function expand(address: string): number[] {
  const [head, tail] = address.split('::');
  const part = (text: string | undefined) => (text ? text.split(':').map((g) => parseInt(g, 16)) : []);
  const missing = 8 - part(head).length - part(tail).length;
  return tail === undefined ? part(head) : [...part(head), ...Array<number>(missing).fill(0), ...part(tail)];
}
