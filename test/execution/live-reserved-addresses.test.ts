/**
 * The live checks' subnet-range warnings (service/live/id-checks.ts) through the service and
 * LiveChecks.settle (what `check --live` uses), against the EC2 test double: an explicit address
 * AWS reserves in the subnet beside it (`live:address-reserved`: the first four and the last,
 * IPv4 and IPv6) and one outside the subnet (`live:address-outside-subnet`), wherever an object
 * holds a SubnetId and addresses: CreateNetworkInterface, RunInstances and its entries, a launch
 * template's entries, a Spot request's and each Spot Fleet specification's. Legal neighbours (the
 * fifth address, the second-to-last, /28 and /20 subnets) get no warning.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeResources } from '../../server/src/execution/describe-resources';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { LiveChecks } from '../../server/src/service/live/live-checks';
import { isolateAws, type TestAws } from '../support/aws';

const VPC = 'vpc-0123456789abcdef0';
const SUBNET = 'subnet-0123456789abcdef0';
const SMALL = 'subnet-0aaaaaaaaaaaaaaa1';
const LARGE = 'subnet-0aaaaaaaaaaaaaaa2';
const IMAGE = 'ami-0123456789abcdef0';
/** The codes this file is about (the instance-type and in-use checks have their own tests). */
const CODES = new Set(['live:address-reserved', 'live:address-outside-subnet']);

let aws: TestAws;
before(async () => (aws = await isolateAws()));
after(() => aws.restore());
beforeEach(() => {
  aws.double.reset();
  aws.double.subnets = [
    { id: SUBNET, vpcId: VPC, cidrBlock: '10.0.1.0/24', ipv6CidrBlocks: ['2001:db8:1:2::/64'] },
    { id: SMALL, vpcId: VPC, cidrBlock: '10.0.2.16/28' },
    { id: LARGE, vpcId: VPC, cidrBlock: '10.0.16.0/20' },
  ];
});

interface Warning {
  readonly code: string;
  /** The text the warning covers. */
  readonly on: string;
  readonly message: string;
  /** The text its related information points at (the SubnetId). */
  readonly related?: string;
}

/** The subnet-range warnings of a JSON request, once the look-ups are done, in document order. */
async function warnings(cliCommand: string, request: unknown): Promise<Warning[]> {
  const service = new RequestLanguageService();
  const live = new LiveChecks(service, { lookup: (query, options) => describeResources(query, { ...options, maxAttempts: 1 }) });
  live.configure({ enabled: true, timeoutSeconds: 5 });
  const doc = TextDocument.create(`file:///work/req.${cliCommand}.json`, 'json', 1, `${JSON.stringify(request, null, 2)}\n`);
  await live.settle([doc]);
  assert.equal(live.failure, undefined, live.failure?.message);
  return live
    .diagnostics(doc)
    .filter((d) => CODES.has(String(d.code)))
    .sort((a, b) => doc.offsetAt(a.range.start) - doc.offsetAt(b.range.start))
    .map((d) => {
      const related = d.relatedInformation?.[0];
      return {
        code: String(d.code),
        on: doc.getText(d.range),
        message: String(d.message),
        ...(related ? { related: doc.getText(related.location.range) } : {}),
      };
    });
}

const on = (list: readonly Warning[]) => list.map((w) => [w.code, w.on]);
const entry = (SubnetId: string, PrivateIpAddress: string, DeviceIndex = 0) => ({ DeviceIndex, SubnetId, PrivateIpAddress });

describe('live:address-reserved', () => {
  it('CreateNetworkInterface: each reserved address, named with what it is for; the fifth and the second-to-last are not', async () => {
    const found = await warnings('create-network-interface', {
      SubnetId: SUBNET,
      PrivateIpAddress: '10.0.1.1',
      PrivateIpAddresses: ['10.0.1.0', '10.0.1.2', '10.0.1.3', '10.0.1.4', '10.0.1.254', '10.0.1.255'].map((PrivateIpAddress) => ({ PrivateIpAddress })),
    });
    assert.deepEqual(on(found), [
      ['live:address-reserved', '"10.0.1.1"'],
      ['live:address-reserved', '"10.0.1.0"'],
      ['live:address-reserved', '"10.0.1.2"'],
      ['live:address-reserved', '"10.0.1.3"'],
      ['live:address-reserved', '"10.0.1.255"'],
    ]);
    assert.equal(
      found[3].message,
      `10.0.1.3 is reserved by AWS in ${SUBNET} (10.0.1.0/24) for future use: the first four addresses and the last are never assigned.`,
    );
    assert.match(found[0].message, / for the VPC router: /);
    assert.match(found[4].message, / as its broadcast address: /);
    assert.equal(found[0].related, `"${SUBNET}"`, 'points at the SubnetId');
  });

  it('IPv6: the first four and the last of the subnet block; the fifth and the second-to-last are not', async () => {
    const found = await warnings('create-network-interface', {
      SubnetId: SUBNET,
      Ipv6Addresses: ['2001:db8:1:2::', '2001:DB8:1:2::1', '2001:db8:1:2::4', '2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:db8:1:2:ffff:ffff:ffff:ffff'].map(
        (Ipv6Address) => ({ Ipv6Address }),
      ),
    });
    assert.deepEqual(on(found), [
      ['live:address-reserved', '"2001:db8:1:2::"'],
      ['live:address-reserved', '"2001:DB8:1:2::1"'],
      ['live:address-reserved', '"2001:db8:1:2:ffff:ffff:ffff:ffff"'],
    ]);
    assert.equal(
      found[1].message,
      `2001:DB8:1:2::1 is reserved by AWS in ${SUBNET} (2001:db8:1:2::/64) for the VPC router: the first four addresses and the last are never assigned.`,
    );
  });

  it('a /28 subnet and a /20 one: only their own first four and last', async () => {
    const found = await warnings('run-instances', {
      ImageId: IMAGE,
      MinCount: 1,
      MaxCount: 1,
      NetworkInterfaces: [
        entry(SMALL, '10.0.2.19', 0),
        entry(SMALL, '10.0.2.20', 1),
        entry(SMALL, '10.0.2.30', 2),
        entry(SMALL, '10.0.2.31', 3),
        entry(LARGE, '10.0.31.255', 4),
        entry(LARGE, '10.0.31.254', 5),
        entry(LARGE, '10.0.17.0', 6),
        entry(LARGE, '10.0.16.255', 7),
      ],
    });
    assert.deepEqual(on(found), [
      ['live:address-reserved', '"10.0.2.19"'],
      ['live:address-reserved', '"10.0.2.31"'],
      ['live:address-reserved', '"10.0.31.255"'],
    ]);
    assert.match(found[2].message, /\(10\.0\.16\.0\/20\) as its broadcast address: /);
  });

  it('RunInstances at the top level, a launch template, a Spot request and every Spot Fleet specification', async () => {
    const top = await warnings('run-instances', { ImageId: IMAGE, MinCount: 1, MaxCount: 1, SubnetId: SUBNET, PrivateIpAddress: '10.0.1.2' });
    assert.deepEqual(on(top), [['live:address-reserved', '"10.0.1.2"']]);

    const template = await warnings('create-launch-template', {
      LaunchTemplateName: 'reserved',
      LaunchTemplateData: { ImageId: IMAGE, NetworkInterfaces: [entry(SUBNET, '10.0.1.255'), entry(SUBNET, '10.0.9.9', 1), entry(SUBNET, '10.0.1.5', 2)] },
    });
    assert.deepEqual(on(template), [
      ['live:address-reserved', '"10.0.1.255"'],
      ['live:address-outside-subnet', '"10.0.9.9"'],
    ]);

    const spot = await warnings('request-spot-instances', {
      InstanceCount: 1,
      LaunchSpecification: { ImageId: IMAGE, NetworkInterfaces: [entry(SUBNET, '10.0.1.0')] },
    });
    assert.deepEqual(on(spot), [['live:address-reserved', '"10.0.1.0"']]);

    const fleet = await warnings('request-spot-fleet', {
      SpotFleetRequestConfig: {
        IamFleetRole: 'arn:aws:iam::123456789012:role/fleet',
        TargetCapacity: 2,
        LaunchSpecifications: [
          { ImageId: IMAGE, NetworkInterfaces: [entry(SUBNET, '10.0.1.6')] },
          { ImageId: IMAGE, NetworkInterfaces: [entry(SMALL, '10.0.2.16')] },
        ],
      },
    });
    assert.deepEqual(on(fleet), [['live:address-reserved', '"10.0.2.16"']]);
  });

  it('nothing is concluded without the subnet: one that does not exist, or an address outside it (that warning only)', async () => {
    const missing = await warnings('create-network-interface', { SubnetId: 'subnet-0bbbbbbbbbbbbbbb1', PrivateIpAddress: '10.0.1.1' });
    assert.deepEqual(missing, []);
    const outside = await warnings('create-network-interface', { SubnetId: SMALL, PrivateIpAddress: '10.0.2.32' });
    assert.deepEqual(on(outside), [['live:address-outside-subnet', '"10.0.2.32"']]);
  });
});
