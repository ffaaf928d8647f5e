/**
 * Live checks through the built language server (dist/server.js --stdio), against the EC2 test
 * double: `ec2-live` diagnostics after the static ones, for missing IDs, addresses outside the
 * subnet, addresses another interface holds and more than the instance type allows; completion of real IDs after an `isIncomplete` round trip; nothing sent when the setting
 * is off or the workspace untrusted; one log note and no diagnostics when EC2 cannot be reached.
 * The server gets the isolated AWS environment of test/execution/setup.ts. Run
 * `node scripts/build.mjs` first. Every wait has a timeout.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiagnosticSeverity, type CompletionItem, type Diagnostic, type Position } from 'vscode-languageserver-types';
import { ServerCommand, type InitializationOptions, type LayoutResult } from '../../contract/protocol';
import { answers, INSTANCE_TYPES, type Ec2Double } from '../ec2-double/ec2-double';
import { closedPort, FAKE_CREDENTIALS, isolateAws, type TestAws } from '../support/aws';
import { LspServer, type MessageParams, type PublishDiagnosticsParams } from '../support/lsp-client';
import { projectRoot } from '../support/project-root';

const WAIT_MS = 8_000;
const TEST_OPTIONS = { timeout: 30_000 };
/** Longer than the live checks' debounce (1 s) and a look-up against the double. */
const QUIET_MS = 1_800;

const VPC = 'vpc-0123456789abcdef0';
const SUBNET = 'subnet-0123456789abcdef0';
const OTHER_SUBNET = 'subnet-0fedcba9876543210';
const MISSING_SUBNET = 'subnet-0aaaaaaaaaaaaaaaa';
const GROUP = 'sg-0123456789abcdef0';
const MISSING_GROUP = 'sg-0bbbbbbbbbbbbbbbb';
const DB_ENI = 'eni-0a1b2c3d4e5f60718';
const WEB_ENI = 'eni-0b1b2c3d4e5f60718';
const OTHER_ENI = 'eni-0c1b2c3d4e5f60718';
const INSTANCE = 'i-0123456789abcdef0';
const BIG_INSTANCE = 'i-0fedcba9876543210';
const IMAGE = 'ami-0123456789abcdef0';
/** The security group of the examples in examples/valid. */
const EXAMPLE_GROUP = 'sg-0f1e2d3c4b5a69788';
const examples = path.join(projectRoot(), 'examples', 'valid');

/** Starts and initializes a server; `settings` is its eniRequests section. One attempt per AWS call: the double answers at once. */
function startServer(
  initializationOptions: InitializationOptions | undefined,
  settings: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<LspServer> {
  return LspServer.start({ initializationOptions, settings, env: { AWS_MAX_ATTEMPTS: '1', ...env }, waitMs: WAIT_MS });
}

const directory = path.join(os.tmpdir(), 'eni-requests-live-lsp-test');
const uriOf = (name: string) => pathToFileURL(path.join(directory, name)).href;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
/** A RunInstances request for one instance of `InstanceType`, with `members`. */
const runInstances = (InstanceType: string | undefined, members: Record<string, unknown>) =>
  json({ ImageId: IMAGE, ...(InstanceType ? { InstanceType } : {}), MinCount: 1, MaxCount: 1, ...members });
const live = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.source === 'ec2-live');
const hasLive = (p: PublishDiagnosticsParams) => live(p.diagnostics).length > 0;
const hasCode = (code: string) => (p: PublishDiagnosticsParams) => live(p.diagnostics).some((d) => d.code === code);

/** The live diagnostics as [code, text covered] pairs, in document order. */
const flagged = (text: string, diagnostics: Diagnostic[]) =>
  live(diagnostics)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => [d.code, covered(text, d)]);

/** The text a diagnostic covers, from the document as written (`json` output: one line per member). */
function covered(text: string, diagnostic: Diagnostic): string {
  const line = text.split('\n')[diagnostic.range.start.line];
  return line.slice(diagnostic.range.start.character, diagnostic.range.end.character);
}

/** Where the cursor goes: just after the first occurrence of `marker` in `text`. */
function positionAfter(text: string, marker: string): Position {
  const offset = text.indexOf(marker) + marker.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function fixtures(double: Ec2Double): void {
  double.subnets = [
    { id: SUBNET, vpcId: VPC, cidrBlock: '10.0.1.0/24', availabilityZone: 'eu-west-1a', name: 'web-a' },
    { id: OTHER_SUBNET, vpcId: VPC, cidrBlock: '10.0.2.0/24', availabilityZone: 'eu-west-1b', name: 'db-b' },
  ];
  double.securityGroups = [
    { id: GROUP, groupName: 'web', vpcId: VPC, name: 'web-sg' },
    { id: EXAMPLE_GROUP, groupName: 'training', vpcId: VPC },
  ];
}

/** Interfaces holding addresses, instances and instance types with their network limits. */
function addressFixtures(double: Ec2Double): void {
  fixtures(double);
  double.interfaces = [
    {
      id: DB_ENI,
      subnetId: SUBNET,
      vpcId: VPC,
      privateIps: [{ address: '10.0.1.25', primary: true }, { address: '10.0.1.27' }],
      ipv6: ['2001:db8:1::a'],
      description: 'database',
      instanceId: INSTANCE,
    },
    { id: WEB_ENI, subnetId: SUBNET, vpcId: VPC, privateIps: [{ address: '10.0.1.31', primary: true }, { address: '10.0.1.32' }] },
    { id: OTHER_ENI, subnetId: OTHER_SUBNET, vpcId: VPC, privateIps: [{ address: '10.0.2.25', primary: true }] },
  ];
  double.instances = [
    { id: INSTANCE, instanceType: 'm5.large', subnetId: SUBNET, vpcId: VPC },
    { id: BIG_INSTANCE, instanceType: 'p5.48xlarge', subnetId: SUBNET, vpcId: VPC },
  ];
  double.instanceTypes = [INSTANCE_TYPES['c6i.large'], INSTANCE_TYPES['m5.large'], INSTANCE_TYPES['m1.small'], INSTANCE_TYPES['p5.48xlarge']];
}

/** `count` PrivateIpAddresses entries from 10.0.1.<first>, the first one primary. */
const addresses = (first: number, count: number) => Array.from({ length: count }, (_, i) => ({ PrivateIpAddress: `10.0.1.${first + i}`, Primary: i === 0 }));

/** The requests of an action, and the values of its filter `name`. */
const sent = (double: Ec2Double, action: string) => double.requests.filter((r) => r.action === action);
function filterValues(params: Record<string, string>, name: string): string[] {
  const index = Object.entries(params)
    .find(([key, value]) => /^Filter\.\d+\.Name$/.test(key) && value === name)?.[0]
    .split('.')[1];
  return index === undefined
    ? []
    : Object.entries(params)
        .filter(([key]) => key.startsWith(`Filter.${index}.Value.`))
        .map(([, value]) => value);
}

const languageOf = (uri: string) => (/\.ya?ml$/.test(uri) ? 'yaml' : 'json');

/** Opens the document and waits for its live diagnostics: there must be one. */
async function onlyLiveWarning(server: LspServer, uri: string, text: string): Promise<Diagnostic> {
  const withLive = server.diagnostics(uri, hasLive);
  await server.open(uri, text, { languageId: languageOf(uri) });
  const [warning, ...others] = live((await withLive).diagnostics);
  assert.deepEqual(others, []);
  return warning;
}

/** Requests the double received: all must be read-only Describe calls. */
function describeOnly(double: Ec2Double): string[] {
  const actions = double.requests.map((r) => r.action);
  for (const action of actions) assert.match(action, /^Describe(Subnets|SecurityGroups|NetworkInterfaces|Instances|InstanceTypes)$/);
  return actions;
}

describe('live checks on (liveChecks: true, a trusted workspace)', () => {
  let aws: TestAws;
  let server: LspServer;

  before(async () => {
    aws = await isolateAws();
    addressFixtures(aws.double);
    server = await startServer(undefined, { liveChecks: true, timeoutSeconds: 5 });
  });
  beforeEach(() => {
    aws.double.requests.length = 0;
  });
  after(async () => {
    await server?.stop();
    await aws?.restore();
  });

  it('static diagnostics first, then an ec2-live warning on the missing ID only', TEST_OPTIONS, async () => {
    const uri = uriOf('groups.create-network-interface.json');
    const text = json({ SubnetId: SUBNET, Groups: [GROUP, MISSING_GROUP], Description: 5 });
    const withLive = server.diagnostics(uri, hasLive);
    const first = await server.open(uri, text);
    assert.deepEqual(
      first.diagnostics.map((d) => d.code),
      ['wrong-type'],
      'the static diagnostics, at once',
    );
    assert.equal(aws.double.requests.length, 0, 'nothing sent before the static diagnostics are out');

    const second = await withLive;
    assert.deepEqual(
      second.diagnostics.filter((d) => d.source !== 'ec2-live').map((d) => d.code),
      ['wrong-type'],
      'the static ones stay',
    );
    const [warning, ...others] = live(second.diagnostics);
    assert.deepEqual(others, []);
    assert.equal(warning.code, 'live:not-found');
    assert.equal(warning.severity, DiagnosticSeverity.Warning);
    assert.equal(covered(text, warning), `"${MISSING_GROUP}"`);
    assert.match(String(warning.message), new RegExp(`^Security group ${MISSING_GROUP} does not exist in eu-west-1`));
    assert.equal(second.version, 1);
    // One batch: the subnet and both groups, as filter values.
    assert.deepEqual(describeOnly(aws.double).sort(), ['DescribeSecurityGroups', 'DescribeSubnets']);
    const groups = aws.double.requests.find((r) => r.action === 'DescribeSecurityGroups')!;
    assert.equal(groups.params['Filter.1.Name'], 'group-id');
    assert.deepEqual([groups.params['Filter.1.Value.1'], groups.params['Filter.1.Value.2']].sort(), [GROUP, MISSING_GROUP].sort());
    assert.ok(
      server.logMessages.some(({ type, message }) => type === 4 && /^Live check: DescribeSubnets, DescribeSecurityGroups in eu-west-1/.test(message)),
      'one log line per look-up',
    );
  });

  it('a missing subnet is flagged; IDs known from the cache are not looked up again', TEST_OPTIONS, async () => {
    aws.double.requests.length = 0;
    const uri = uriOf('missing.create-network-interface.json');
    const text = json({ SubnetId: MISSING_SUBNET, Groups: [GROUP] });
    const withLive = server.diagnostics(uri, hasLive);
    const first = await server.open(uri, text);
    assert.deepEqual(first.diagnostics, []);
    const [warning, ...others] = live((await withLive).diagnostics);
    assert.deepEqual(others, []);
    assert.equal(warning.code, 'live:not-found');
    assert.equal(covered(text, warning), `"${MISSING_SUBNET}"`);
    const subnets = aws.double.requests.filter((r) => r.action === 'DescribeSubnets');
    assert.deepEqual(describeOnly(aws.double), ['DescribeSubnets'], 'the group was in the cache');
    assert.equal(subnets[0].params['Filter.1.Value.1'], MISSING_SUBNET);
    assert.equal(subnets[0].params['Filter.1.Value.2'], undefined);
  });

  it('an explicit address outside the subnet CIDR is flagged, one inside is not (CreateNetworkInterface and RunInstances entries)', TEST_OPTIONS, async () => {
    const uri = uriOf('addresses.create-network-interface.json');
    const text = json({
      SubnetId: SUBNET,
      PrivateIpAddresses: [
        { PrivateIpAddress: '10.0.1.20', Primary: true },
        { PrivateIpAddress: '10.0.9.9', Primary: false },
      ],
    });
    const withLive = server.diagnostics(uri, hasLive);
    await server.open(uri, text);
    const [warning, ...others] = live((await withLive).diagnostics);
    assert.deepEqual(others, [], 'not on 10.0.1.20');
    assert.equal(warning.code, 'live:address-outside-subnet');
    assert.equal(covered(text, warning), '"10.0.9.9"');
    assert.match(String(warning.message), new RegExp(`^10\\.0\\.9\\.9 is outside ${SUBNET} \\(10\\.0\\.1\\.0/24\\)`));
    assert.equal(warning.relatedInformation?.[0].location.range.start.line, 1, 'points at the SubnetId');

    const run = uriOf('nics.run-instances.json');
    const runText = json({
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 'c6i.large',
      MinCount: 1,
      MaxCount: 1,
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: SUBNET, PrivateIpAddress: '10.0.1.40' },
        { DeviceIndex: 1, SubnetId: OTHER_SUBNET, PrivateIpAddress: '10.0.1.41' },
      ],
    });
    const runLive = server.diagnostics(run, hasLive);
    await server.open(run, runText);
    const flagged = live((await runLive).diagnostics);
    assert.deepEqual(
      flagged.map((d) => [d.code, covered(runText, d)]),
      [['live:address-outside-subnet', '"10.0.1.41"']],
    );
  });

  it('debounced: a document edited before the look-up is only looked up as it ends up', TEST_OPTIONS, async () => {
    aws.double.requests.length = 0;
    const uri = uriOf('typing.create-network-interface.json');
    const early = 'subnet-0ccccccccccccccc1';
    const final = 'subnet-0ccccccccccccccc2';
    await server.open(uri, json({ SubnetId: early }));
    await sleep(200);
    const withLive = server.diagnostics(uri, (p) => p.version === 2 && hasLive(p));
    await server.replaceText(uri, json({ SubnetId: final }));
    const published = await withLive;
    assert.equal(covered(json({ SubnetId: final }), live(published.diagnostics)[0]), `"${final}"`);
    const asked = aws.double.requests.flatMap((r) =>
      Object.entries(r.params)
        .filter(([name]) => name.startsWith('Filter.1.Value.'))
        .map(([, v]) => v),
    );
    assert.deepEqual(asked, [final], `never ${early}`);
    assert.ok(!server.publications(uri).some((p) => p.version === 1 && hasLive(p)), 'nothing published for the old version');
  });

  it("completion of SubnetId offers the double's subnets with their Name tags, after an isIncomplete round trip", TEST_OPTIONS, async () => {
    const uri = uriOf('complete.create-network-interface.json');
    const text = '{\n  "SubnetId": ""\n}\n';
    await server.open(uri, text);
    const position = positionAfter(text, '"SubnetId": "');
    const first = (await server.completion(uri, position))!;
    assert.equal(first.isIncomplete, true, 'not listed yet: the client must ask again');
    let items: CompletionItem[] = first.items;
    const deadline = Date.now() + WAIT_MS;
    while (!items.some((i) => i.label === SUBNET)) {
      assert.ok(Date.now() < deadline, 'the listing arrives');
      await sleep(100);
      items = (await server.completion(uri, position))!.items;
    }
    const subnets = items.filter((i) => i.label.startsWith('subnet-'));
    assert.deepEqual(
      subnets.map((i) => [i.label, i.labelDetails?.description]),
      [
        [OTHER_SUBNET, 'db-b'],
        [SUBNET, 'web-a'],
      ],
    );
    const web = subnets.find((i) => i.label === SUBNET)!;
    assert.equal(web.detail, 'web-a · 10.0.1.0/24 · eu-west-1a · vpc-0123456789abcdef0');
    assert.equal((web.textEdit as { newText: string }).newText, `"${SUBNET}"`);
    assert.deepEqual((web.textEdit as { range: unknown }).range, { start: { line: 1, character: 14 }, end: { line: 1, character: 16 } });
    const listing = aws.double.requests.find((r) => r.action === 'DescribeSubnets' && r.params.MaxResults !== undefined);
    assert.ok(listing, 'listed with MaxResults');
    describeOnly(aws.double);

    // A subnet-id filter value: the listing is cached now, so the IDs come at once.
    const filtered = uriOf('filter.describe-network-interfaces.json');
    const filterText = '{\n  "Filters": [{ "Name": "subnet-id", "Values": [""] }]\n}\n';
    await server.open(filtered, filterText);
    const values = (await server.completion(filtered, positionAfter(filterText, '"Values": ["')))!;
    assert.equal(values.isIncomplete, false);
    assert.deepEqual(values.items.map((i) => i.label).sort(), [OTHER_SUBNET, SUBNET].sort());

    // Member names are the static completion's, at once.
    const names = (await server.completion(uri, { line: 1, character: 2 }))!;
    assert.equal(names.isIncomplete, false);
    assert.ok(names.items.some((i) => i.label === 'Description'));
  });

  it(
    'CreateNetworkInterface: IPv4 and IPv6 addresses another interface of the subnet holds are flagged, free ones are not; the cache avoids a second call',
    TEST_OPTIONS,
    async () => {
      const uri = uriOf('in-use.create-network-interface.json');
      const text = json({
        Description: 'web',
        SubnetId: SUBNET,
        Ipv6Addresses: [{ Ipv6Address: '2001:DB8:1::A' }, { Ipv6Address: '2001:db8:1::b' }],
        PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.26', Primary: true }, { PrivateIpAddress: '10.0.1.25' }],
      });
      const withLive = server.diagnostics(uri, hasLive);
      assert.ok(!hasLive(await server.open(uri, text)));
      const published = await withLive;
      assert.deepEqual(flagged(text, published.diagnostics), [
        ['live:address-in-use', '"2001:DB8:1::A"'],
        ['live:address-in-use', '"10.0.1.25"'],
      ]);
      const v4 = live(published.diagnostics).find((d) => covered(text, d) === '"10.0.1.25"')!;
      const v6 = live(published.diagnostics).find((d) => covered(text, d) === '"2001:DB8:1::A"')!;
      assert.equal(v4.severity, DiagnosticSeverity.Warning);
      assert.equal(v4.message, `10.0.1.25 is already in use by ${DB_ENI} ("database", attached to ${INSTANCE}) in ${SUBNET}.`);
      assert.equal(v6.message, `2001:DB8:1::A is already in use by ${DB_ENI} ("database", attached to ${INSTANCE}) in ${SUBNET}.`);
      assert.equal(v4.relatedInformation?.[0].location.range.start.line, 2, 'points at the SubnetId');

      const lookUps = sent(aws.double, 'DescribeNetworkInterfaces');
      assert.equal(lookUps.length, 2, 'one call per address family');
      const ipv4 = lookUps.find((r) => filterValues(r.params, 'addresses.private-ip-address').length)!;
      const ipv6 = lookUps.find((r) => filterValues(r.params, 'ipv6-addresses.ipv6-address').length)!;
      assert.deepEqual(filterValues(ipv4.params, 'subnet-id'), [SUBNET]);
      assert.deepEqual(filterValues(ipv4.params, 'addresses.private-ip-address'), ['10.0.1.26', '10.0.1.25']);
      assert.deepEqual(filterValues(ipv6.params, 'subnet-id'), [SUBNET]);
      assert.deepEqual(filterValues(ipv6.params, 'ipv6-addresses.ipv6-address'), ['2001:db8:1::a', '2001:db8:1::b']);
      describeOnly(aws.double);

      // An edit elsewhere: the warnings come from the cache with the static diagnostics, nothing is sent.
      aws.double.requests.length = 0;
      const edited = text.replace('"Description": "web"', '"Description": "web server"');
      const again = server.diagnostics(uri, (p) => p.version === 2);
      await server.replaceText(uri, edited);
      assert.deepEqual(flagged(edited, (await again).diagnostics), [
        ['live:address-in-use', '"2001:DB8:1::A"'],
        ['live:address-in-use', '"10.0.1.25"'],
      ]);
      await sleep(QUIET_MS);
      assert.deepEqual(aws.double.requests, [], 'all in the cache');
    },
  );

  it('RunInstances: the top-level address with the top-level SubnetId, and each entry with its own SubnetId', TEST_OPTIONS, async () => {
    const uri = uriOf('in-use.run-instances.json');
    const text = runInstances('c6i.large', {
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: SUBNET, PrivateIpAddress: '10.0.2.25' },
        { DeviceIndex: 1, SubnetId: OTHER_SUBNET, PrivateIpAddress: '10.0.2.25' },
      ],
    });
    const withLive = server.diagnostics(uri, hasCode('live:address-in-use'));
    await server.open(uri, text);
    const published = await withLive;
    // In SUBNET, 10.0.2.25 is outside the CIDR (and free); in OTHER_SUBNET, OTHER_ENI holds it.
    assert.deepEqual(flagged(text, published.diagnostics), [
      ['live:address-outside-subnet', '"10.0.2.25"'],
      ['live:address-in-use', '"10.0.2.25"'],
    ]);
    const warning = live(published.diagnostics).find((d) => d.code === 'live:address-in-use')!;
    assert.equal(warning.range.start.line, text.split('\n').findIndex((line) => line.includes(OTHER_SUBNET)) + 1, 'the entry in OTHER_SUBNET');
    assert.equal(warning.message, `10.0.2.25 is already in use by ${OTHER_ENI} in ${OTHER_SUBNET}.`);

    const top = uriOf('top.run-instances.json');
    const topText = runInstances(undefined, { SubnetId: SUBNET, PrivateIpAddress: '10.0.1.31', Ipv6Addresses: [{ Ipv6Address: '2001:db8:1::a' }] });
    // The IPv6 address is in the cache already (the first test): wait for the IPv4 one as well.
    const topLive = server.diagnostics(top, (p) => live(p.diagnostics).length === 2);
    await server.open(top, topText);
    assert.deepEqual(flagged(topText, (await topLive).diagnostics), [
      ['live:address-in-use', '"10.0.1.31"'],
      ['live:address-in-use', '"2001:db8:1::a"'],
    ]);
  });

  it(
    "Assign: an address another interface holds is flagged once the interface's subnet is known; its own address, free ones and AllowReassignment are not",
    TEST_OPTIONS,
    async () => {
      const uri = uriOf('in-use.assign-private-ip-addresses.json');
      const text = json({ NetworkInterfaceId: WEB_ENI, PrivateIpAddresses: ['10.0.1.27', '10.0.1.32', '10.0.1.42'] });
      const withLive = server.diagnostics(uri, hasLive);
      await server.open(uri, text);
      const published = await withLive;
      assert.deepEqual(
        flagged(text, published.diagnostics),
        [['live:address-in-use', '"10.0.1.27"']],
        'not 10.0.1.32, which the interface itself holds; not the free 10.0.1.42',
      );
      const [warning] = live(published.diagnostics);
      assert.equal(
        warning.message,
        `10.0.1.27 is already in use by ${DB_ENI} ("database", attached to ${INSTANCE}) in ${SUBNET}. AllowReassignment: true would move it.`,
      );
      assert.equal(warning.relatedInformation?.[0].message, `${WEB_ENI} is in ${SUBNET}`);
      // First the interface (for its subnet), then its subnet's addresses.
      const [first, second] = sent(aws.double, 'DescribeNetworkInterfaces');
      assert.deepEqual(filterValues(first.params, 'network-interface-id'), [WEB_ENI]);
      assert.deepEqual(filterValues(second.params, 'subnet-id'), [SUBNET]);
      assert.deepEqual(filterValues(second.params, 'addresses.private-ip-address'), ['10.0.1.27', '10.0.1.32', '10.0.1.42']);

      const v6 = uriOf('in-use.assign-ipv6-addresses.json');
      const v6Text = json({ NetworkInterfaceId: WEB_ENI, Ipv6Addresses: ['2001:db8:1::a'] });
      const v6Live = server.diagnostics(v6, hasLive);
      await server.open(v6, v6Text);
      const v6Warning = live((await v6Live).diagnostics)[0];
      assert.equal(
        v6Warning.message,
        `2001:db8:1::a is already in use by ${DB_ENI} ("database", attached to ${INSTANCE}) in ${SUBNET}.`,
        'no AllowReassignment hint for IPv6',
      );

      aws.double.requests.length = 0;
      const moving = uriOf('reassign.assign-private-ip-addresses.json');
      const movingText = json({ NetworkInterfaceId: WEB_ENI, PrivateIpAddresses: ['10.0.1.25', '10.0.1.41'], AllowReassignment: true });
      await server.open(moving, movingText);
      await sleep(QUIET_MS);
      assert.ok(!server.publications(moving).some(hasLive), 'AllowReassignment: moving the address is the point');
      assert.deepEqual(aws.double.requests, [], 'nothing to look up: the interface is in the cache, and its addresses are not checked');
    },
  );

  it('RunInstances above the limits of its InstanceType: each excess on its own node', TEST_OPTIONS, async () => {
    const uri = uriOf('limits.run-instances.json');
    const text = runInstances('m5.large', {
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: SUBNET, SecondaryPrivateIpAddressCount: 10 },
        { DeviceIndex: 1, SubnetId: SUBNET, PrivateIpAddresses: addresses(50, 11) },
        { DeviceIndex: 2, SubnetId: SUBNET, Ipv6AddressCount: 11 },
        { DeviceIndex: 3, SubnetId: SUBNET, NetworkCardIndex: 1 },
      ],
    });
    const withLive = server.diagnostics(uri, hasCode('live:instance-type-limit'));
    await server.open(uri, text);
    const published = await withLive;
    const limits = live(published.diagnostics).filter((d) => d.code === 'live:instance-type-limit');
    const lines = text.split('\n');
    const on = (d: Diagnostic) => (d.range.start.line === d.range.end.line ? covered(text, d) : `lines ${d.range.start.line}-${d.range.end.line}`);
    const byMessage = Object.fromEntries(limits.map((d) => [d.message, on(d)]));
    const fourthEntry = lines.findIndex((line) => line.includes('"DeviceIndex": 3')) - 1;
    const eleventhAddress = lines.findIndex((line) => line.includes('"10.0.1.60"')) - 1;
    assert.deepEqual(byMessage, {
      '11 private IPv4 addresses on one interface (1 primary + 10 secondary); m5.large allows at most 10 per interface.': '10',
      '11 private IPv4 addresses on one interface; m5.large allows at most 10 per interface.': `lines ${eleventhAddress}-${eleventhAddress + 3}`,
      '11 IPv6 addresses on one interface; m5.large allows at most 10 per interface.': '11',
      'Network card index 1; m5.large has 1 network card, so the highest index is 0.': '1',
      '4 network interfaces; m5.large allows at most 3.': `lines ${fourthEntry}-${fourthEntry + 4}`,
    });
    assert.equal(limits.length, 5);
    for (const d of limits) assert.equal(d.severity, DiagnosticSeverity.Warning);
    const [lookUp, ...more] = sent(aws.double, 'DescribeInstanceTypes');
    assert.deepEqual(more, []);
    assert.deepEqual(filterValues(lookUp.params, 'instance-type'), ['m5.large']);
    assert.equal(lookUp.params['InstanceType.1'], undefined);
  });

  it('exactly at the limits, IPv6 on a type that supports it: nothing; the instance type comes from the cache', TEST_OPTIONS, async () => {
    const uri = uriOf('at-limits.run-instances.json');
    const text = runInstances('m5.large', {
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: SUBNET, SecondaryPrivateIpAddressCount: 9, Ipv6AddressCount: 10 },
        { DeviceIndex: 1, SubnetId: SUBNET, PrivateIpAddresses: addresses(70, 10) },
        { DeviceIndex: 2, SubnetId: SUBNET, NetworkCardIndex: 0, Ipv6Addresses: [{ Ipv6Address: '2001:db8:1::60' }] },
      ],
    });
    await server.open(uri, text);
    await sleep(QUIET_MS);
    assert.ok(!server.publications(uri).some(hasCode('live:instance-type-limit')));

    // One more secondary address: over the limit, known at once from the cache.
    const over = text.replace('"SecondaryPrivateIpAddressCount": 9', '"SecondaryPrivateIpAddressCount": 10');
    const published = server.diagnostics(uri, (p) => p.version === 2);
    await server.replaceText(uri, over);
    assert.deepEqual(flagged(over, (await published).diagnostics), [['live:instance-type-limit', '10']]);
    assert.deepEqual(sent(aws.double, 'DescribeInstanceTypes'), [], 'm5.large is in the cache');
  });

  it('IPv6 on a type without IPv6 support is flagged; an unknown instance type gets nothing', TEST_OPTIONS, async () => {
    const uri = uriOf('no-ipv6.run-instances.json');
    const text = runInstances('m1.small', { SubnetId: SUBNET, Ipv6AddressCount: 1 });
    const warning = await onlyLiveWarning(server, uri, text);
    assert.equal(warning.code, 'live:instance-type-limit');
    assert.equal(covered(text, warning), '1');
    assert.equal(warning.message, '1 IPv6 address on one interface; m1.small does not support IPv6.');

    aws.double.requests.length = 0;
    const unknown = uriOf('unknown-type.run-instances.json');
    const entries = Array.from({ length: 9 }, (_, i) => ({ DeviceIndex: i, SubnetId: SUBNET, SecondaryPrivateIpAddressCount: 60 }));
    const unknownText = runInstances('c7i.large', { NetworkInterfaces: entries });
    const asked = aws.double.received();
    await server.open(unknown, unknownText);
    assert.equal((await server.within(asked, 'the look-up')).action, 'DescribeInstanceTypes');
    await sleep(QUIET_MS);
    assert.ok(!server.publications(unknown).some(hasLive), 'c7i.large is not in the region (the double): nothing to compare with');
    assert.equal(sent(aws.double, 'DescribeInstanceTypes').length, 1);
  });

  it(
    "AttachNetworkInterface: a network card index the instance's type does not have, after looking up the instance; a larger type is fine",
    TEST_OPTIONS,
    async () => {
      const uri = uriOf('card.attach-network-interface.json');
      const text = json({ NetworkInterfaceId: WEB_ENI, InstanceId: INSTANCE, DeviceIndex: 1, NetworkCardIndex: 1 });
      const warning = await onlyLiveWarning(server, uri, text);
      assert.equal(warning.code, 'live:instance-type-limit');
      assert.equal(covered(text, warning), '1');
      assert.equal(warning.range.start.line, 4);
      assert.equal(warning.message, `Network card index 1; ${INSTANCE} (m5.large) has 1 network card, so the highest index is 0.`);
      assert.deepEqual(filterValues(sent(aws.double, 'DescribeInstances')[0].params, 'instance-id'), [INSTANCE]);

      const big = uriOf('big.attach-network-interface.json');
      const bigText = json({ NetworkInterfaceId: WEB_ENI, InstanceId: BIG_INSTANCE, DeviceIndex: 1, NetworkCardIndex: 31 });
      const asked = new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (sent(aws.double, 'DescribeInstanceTypes').some((r) => filterValues(r.params, 'instance-type').includes('p5.48xlarge'))) {
            clearInterval(poll);
            resolve();
          }
        }, 50);
        poll.unref();
      });
      await server.open(big, bigText);
      await server.within(asked, 'the instance type look-up');
      await sleep(QUIET_MS);
      assert.ok(!server.publications(big).some(hasLive), 'p5.48xlarge has 32 network cards');
    },
  );

  it(
    "each launch specification against its own InstanceType: p5.48xlarge's cards, interfaces per card and EFA, EFA on m5.large (JSON and YAML)",
    TEST_OPTIONS,
    async () => {
      const cardUri = uriOf('card-32.create-launch-template.json');
      const cardText = json({
        LaunchTemplateName: 'p5-training',
        LaunchTemplateData: {
          InstanceType: 'p5.48xlarge',
          NetworkInterfaces: [
            { NetworkCardIndex: 0, DeviceIndex: 0, SubnetId: SUBNET },
            { NetworkCardIndex: 32, DeviceIndex: 0, InterfaceType: 'efa-only', SubnetId: SUBNET },
          ],
        },
      });
      const card = await onlyLiveWarning(server, cardUri, cardText);
      assert.deepEqual(
        [card.code, covered(cardText, card), card.message],
        ['live:instance-type-limit', '32', 'Network card index 32; p5.48xlarge has 32 network cards, so the highest index is 31.'],
      );

      const perCardUri = uriOf('per-card.create-launch-template.yaml');
      const perCardText = [
        'LaunchTemplateName: p5-training',
        'LaunchTemplateData:',
        '  InstanceType: p5.48xlarge',
        '  NetworkInterfaces:',
        `    - { NetworkCardIndex: 0, DeviceIndex: 0, SubnetId: ${SUBNET} }`,
        `    - { NetworkCardIndex: 1, DeviceIndex: 0, InterfaceType: efa-only, SubnetId: ${SUBNET} }`,
        `    - { NetworkCardIndex: 1, DeviceIndex: 1, SubnetId: ${SUBNET} }`,
        `    - { NetworkCardIndex: 1, DeviceIndex: 2, SubnetId: ${SUBNET} }`,
        '',
      ].join('\n');
      const perCard = await onlyLiveWarning(server, perCardUri, perCardText);
      assert.deepEqual(
        [perCard.range.start.line, covered(perCardText, perCard), perCard.message],
        [7, '1', '3 network interfaces on network card 1; p5.48xlarge allows at most 2 on that card.'],
      );

      const efaUri = uriOf('efa.run-instances.yaml');
      const efaText = `ImageId: ${IMAGE}\nInstanceType: m5.large\nNetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: ${SUBNET}\n    InterfaceType: efa\n`;
      const efa = await onlyLiveWarning(server, efaUri, efaText);
      assert.deepEqual(
        [efa.range.start.line, covered(efaText, efa), efa.message],
        [5, 'efa', '1 EFA interface (InterfaceType efa or efa-only); m5.large does not support EFA.'],
      );

      // AWS's current p5 layout with an efa primary: 33 EFA interfaces, the last one past the limit.
      const tooManyUri = uriOf('efa-33.create-launch-template.json');
      const tooManyText = fs
        .readFileSync(path.join(examples, 'p5-efa.create-launch-template.json'), 'utf8')
        .replace('"InterfaceType": "interface"', '"InterfaceType": "efa"');
      const tooMany = await onlyLiveWarning(server, tooManyUri, tooManyText);
      const lines = tooManyText.split('\n');
      assert.deepEqual(
        [tooMany.range.start.line, covered(tooManyText, tooMany), tooMany.message],
        [
          lines.findIndex((line) => line.includes('"NetworkCardIndex": 31')) + 2,
          '"efa-only"',
          '33 EFA interfaces (InterfaceType efa or efa-only); p5.48xlarge allows at most 32.',
        ],
      );

      // AWS's layouts, current and older, JSON and YAML: no live warning at all (p5.48xlarge, the subnet and the group are known).
      aws.double.requests.length = 0;
      const valid = [
        'p5-efa.create-launch-template.json',
        'p5-efa.create-launch-template.yaml',
        'p5-efa-older.create-launch-template.json',
        'p5-efa-older.create-launch-template.yaml',
      ];
      for (const file of valid) await server.open(uriOf(file), fs.readFileSync(path.join(examples, file), 'utf8'), { languageId: languageOf(file) });
      await sleep(QUIET_MS);
      for (const file of valid) assert.ok(!server.publications(uriOf(file)).some(hasLive), file);
      assert.deepEqual(sent(aws.double, 'DescribeInstanceTypes'), [], 'p5.48xlarge and m5.large are in the cache');
      describeOnly(aws.double);
    },
  );

  it('the layout command shows the instance type the cache knows, and the live problems', TEST_OPTIONS, async () => {
    const uri = uriOf('layout.create-launch-template.json');
    const text = json({
      LaunchTemplateName: 'p5-training',
      LaunchTemplateData: {
        InstanceType: 'p5.48xlarge',
        NetworkInterfaces: [
          { NetworkCardIndex: 0, DeviceIndex: 0, SubnetId: SUBNET },
          { NetworkCardIndex: 32, DeviceIndex: 0, InterfaceType: 'efa-only', SubnetId: SUBNET },
        ],
      },
    });
    await onlyLiveWarning(server, uri, text);
    const result = await server.execute<LayoutResult>(ServerCommand.layout, [uri]);
    assert.match(
      result.markdown,
      /\n_instance type p5\.48xlarge \(DescribeInstanceTypes\): 32 network cards, 2 interfaces per card, 64 interfaces in all; EFA: at most 32 interfaces_\n/,
    );
    assert.match(result.markdown, /\| \*\*32\*\* \| \*\*EFA-only\*\* #1<br>⚠ `live:instance-type-limit` \|/, 'the warning on the entry of card 32');
  });

  it('the log never holds the secret key or the session token', TEST_OPTIONS, () => {
    const log = server.logMessages.map(({ message }) => message).join('\n');
    assert.ok(!log.includes(FAKE_CREDENTIALS.secretAccessKey));
    assert.ok(!log.includes(FAKE_CREDENTIALS.sessionToken));
  });
});

describe('live checks off', () => {
  let aws: TestAws;
  const servers: LspServer[] = [];
  const uri = uriOf('quiet.create-network-interface.json');
  const text = json({ SubnetId: MISSING_SUBNET, Groups: [GROUP, MISSING_GROUP] });

  before(async () => {
    aws = await isolateAws();
  });
  beforeEach(() => {
    aws.double.reset();
    fixtures(aws.double);
  });
  after(async () => {
    for (const server of servers) await server.stop();
    await aws?.restore();
  });

  /** Opens the document, asks for completion of the subnet, waits: nothing must reach the double. */
  async function assertSilent(server: LspServer): Promise<void> {
    assert.deepEqual((await server.open(uri, text)).diagnostics, []);
    const completion = (await server.completion(uri, positionAfter(text, '"SubnetId": "')))!;
    assert.equal(completion.isIncomplete, false);
    assert.deepEqual(completion.items, []);
    await sleep(QUIET_MS);
    assert.deepEqual(aws.double.requests, [], 'the double received no request at all');
    assert.ok(!server.publications(uri).some(hasLive));
  }

  it('by default (the setting absent): the double receives no request', TEST_OPTIONS, async () => {
    const server = await startServer(undefined, { timeoutSeconds: 5 });
    servers.push(server);
    await assertSilent(server);
  });

  it('liveChecks: false: the double receives no request', TEST_OPTIONS, async () => {
    const server = await startServer(undefined, { liveChecks: false });
    servers.push(server);
    await assertSilent(server);
  });

  it('in an untrusted workspace (executionAllowed: false), even with liveChecks: true', TEST_OPTIONS, async () => {
    const server = await startServer({ executionAllowed: false }, { liveChecks: true });
    servers.push(server);
    await assertSilent(server);
  });

  it('addresses and instance types are not looked up either', TEST_OPTIONS, async () => {
    addressFixtures(aws.double);
    const server = await startServer(undefined, { liveChecks: false });
    servers.push(server);
    const run = uriOf('quiet.run-instances.json');
    const runText = runInstances('m5.large', { SubnetId: SUBNET, PrivateIpAddress: '10.0.1.25', Ipv6AddressCount: 9 });
    const attach = uriOf('quiet.attach-network-interface.json');
    const attachText = json({ NetworkInterfaceId: WEB_ENI, InstanceId: INSTANCE, DeviceIndex: 1, NetworkCardIndex: 3 });
    assert.ok(!hasLive(await server.open(run, runText)));
    assert.ok(!hasLive(await server.open(attach, attachText)));
    await sleep(QUIET_MS);
    assert.deepEqual(aws.double.requests, [], 'the double received no request at all');
    assert.ok(![...server.publications(run), ...server.publications(attach)].some(hasLive));
  });
});

describe('live checks that cannot reach EC2', () => {
  let aws: TestAws;
  let server: LspServer;
  const note = /^Live checks are off until the eniRequests settings change\. Could not reach EC2 at 127\.0\.0\.1:\d+: /;
  const notes = () => server.logMessages.map(({ message }) => message).filter((line) => /Live check/.test(line));

  before(async () => {
    aws = await isolateAws();
    const port = await closedPort();
    server = await startServer(undefined, { liveChecks: true, timeoutSeconds: 5 }, { AWS_ENDPOINT_URL_EC2: `http://127.0.0.1:${port}` });
  });
  after(async () => {
    await server?.stop();
    await aws?.restore();
  });

  it('one note in the log, no live diagnostics, the static diagnostics unaffected; off until the settings change', TEST_OPTIONS, async () => {
    const uri = uriOf('unreachable.create-network-interface.json');
    const text = json({ SubnetId: MISSING_SUBNET, Groups: [MISSING_GROUP], Description: 5 });
    const noted = server.next<MessageParams>('window/logMessage', (p) => /Live check/.test(p.message));
    const first = await server.open(uri, text);
    assert.deepEqual(
      first.diagnostics.map((d) => d.code),
      ['wrong-type'],
    );
    const message = await noted;
    assert.equal(message.type, 3, 'information');
    assert.match(message.message, note);

    // More documents and edits: no more look-ups, no more notes, no live diagnostics.
    const other = uriOf('other.create-network-interface.json');
    await server.open(other, json({ SubnetId: SUBNET }));
    await server.replaceText(uri, json({ SubnetId: OTHER_SUBNET, Description: 5 }));
    await sleep(QUIET_MS);
    assert.equal(notes().length, 1, notes().join('\n'));
    for (const published of [...server.publications(uri), ...server.publications(other)]) assert.ok(!hasLive(published));
    assert.deepEqual(
      server
        .publications(uri)
        .at(-1)
        ?.diagnostics.map((d) => d.code),
      ['wrong-type'],
    );
    assert.deepEqual(aws.double.requests, [], 'the double (elsewhere) got nothing');
    assert.ok(!server.logMessages.some(({ message }) => /→ Describe/.test(message)), 'no request log lines for background look-ups');

    // A settings change turns them on again: one new attempt, one new note.
    const again = server.next<MessageParams>('window/logMessage', (p) => /Live check/.test(p.message));
    await server.changeSettings({ liveChecks: true, timeoutSeconds: 6 });
    assert.match((await again).message, note);
    await sleep(QUIET_MS);
    assert.equal(notes().length, 2);
  });
});

describe('live checks denied', () => {
  let aws: TestAws;
  let server: LspServer;

  before(async () => {
    aws = await isolateAws();
    fixtures(aws.double);
    aws.double.answer('DescribeSecurityGroups', answers.unauthorized('DescribeSecurityGroups'));
    server = await startServer(undefined, { liveChecks: true, timeoutSeconds: 5 });
  });
  after(async () => {
    await server?.stop();
    await aws?.restore();
  });

  it('UnauthorizedOperation: one note naming the action, no live diagnostics', TEST_OPTIONS, async () => {
    const uri = uriOf('denied.create-network-interface.json');
    const noted = server.next<MessageParams>('window/logMessage', (p) => /Live check/.test(p.message));
    await server.open(uri, json({ SubnetId: MISSING_SUBNET, Groups: [MISSING_GROUP] }));
    assert.match(
      (await noted).message,
      /^Live checks are off until the eniRequests settings change\. Not permitted: DescribeSecurityGroups with the default profile/,
    );
    await sleep(QUIET_MS);
    assert.ok(!server.publications(uri).some(hasLive));
    assert.equal(server.logMessages.filter(({ message }) => /Live check/.test(message)).length, 1);
  });
});
