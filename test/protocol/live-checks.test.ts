/**
 * Live checks through the built language server (dist/server.js --stdio), against the EC2 test
 * double: `ec2-live` diagnostics after the static ones, for missing IDs and addresses outside the
 * subnet; completion of real IDs after an `isIncomplete` round trip; nothing sent when the setting
 * is off or the workspace untrusted; one log note and no diagnostics when EC2 cannot be reached.
 * The server gets the isolated AWS environment of test/execution/setup.ts. Run
 * `node scripts/build.mjs` first. Every wait has a timeout.
 */
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiagnosticSeverity, type CompletionItem, type Diagnostic, type Position } from 'vscode-languageserver-types';
import type { InitializationOptions } from '../../server/src/protocol';
import { answers, type Ec2Double } from '../ec2-double/ec2-double';
import { closedPort, FAKE_CREDENTIALS, isolateAws, type TestAws } from '../execution/setup';
import { LspServer, type MessageParams, type PublishDiagnosticsParams } from '../support/lsp-client';

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

/** Starts and initializes a server; `settings` is its eniRequests section. One attempt per AWS call: the double answers at once. */
function startServer(initializationOptions: InitializationOptions | undefined, settings: Record<string, unknown>, env: Record<string, string> = {}): Promise<LspServer> {
  return LspServer.start({ initializationOptions, settings, env: { AWS_MAX_ATTEMPTS: '1', ...env }, waitMs: WAIT_MS });
}

const directory = path.join(os.tmpdir(), 'eni-requests-live-lsp-test');
const uriOf = (name: string) => pathToFileURL(path.join(directory, name)).href;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const live = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.source === 'ec2-live');
const hasLive = (p: PublishDiagnosticsParams) => live(p.diagnostics).length > 0;

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
  double.securityGroups = [{ id: GROUP, groupName: 'web', vpcId: VPC, name: 'web-sg' }];
}

/** Requests the double received: all must be read-only Describe calls. */
function describeOnly(double: Ec2Double): string[] {
  const actions = double.requests.map((r) => r.action);
  for (const action of actions) assert.match(action, /^Describe(Subnets|SecurityGroups|NetworkInterfaces|Instances)$/);
  return actions;
}

describe('live checks on (liveChecks: true, a trusted workspace)', () => {
  let aws: TestAws;
  let server: LspServer;

  before(async () => {
    aws = await isolateAws();
    fixtures(aws.double);
    server = await startServer(undefined, { liveChecks: true, timeoutSeconds: 5 });
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
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['wrong-type'], 'the static diagnostics, at once');
    assert.equal(aws.double.requests.length, 0, 'nothing sent before the static diagnostics are out');

    const second = await withLive;
    assert.deepEqual(second.diagnostics.filter((d) => d.source !== 'ec2-live').map((d) => d.code), ['wrong-type'], 'the static ones stay');
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
    assert.ok(server.logMessages.some(({ type, message }) => type === 4 && /^Live check: DescribeSubnets, DescribeSecurityGroups in eu-west-1/.test(message)), 'one log line per look-up');
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
    const asked = aws.double.requests.flatMap((r) => Object.entries(r.params).filter(([name]) => name.startsWith('Filter.1.Value.')).map(([, v]) => v));
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
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['wrong-type']);
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
    assert.deepEqual(server.publications(uri).at(-1)?.diagnostics.map((d) => d.code), ['wrong-type']);
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
    assert.match((await noted).message, /^Live checks are off until the eniRequests settings change\. Not permitted: DescribeSecurityGroups with the default profile/);
    await sleep(QUIET_MS);
    assert.ok(!server.publications(uri).some(hasLive));
    assert.equal(server.logMessages.filter(({ message }) => /Live check/.test(message)).length, 1);
  });
});
