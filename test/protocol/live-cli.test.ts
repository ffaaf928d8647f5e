/**
 * `eni-requests check --live[=required]` and `eni-requests layout --live` through the built CLI
 * (dist/cli.js), against the EC2 test double, never real AWS: the CLI runs as a child process with
 * the isolated AWS environment of test/support/aws.ts (dummy credentials, AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE in a temporary directory, the double's endpoints). The live warnings
 * among the findings in every format; read-only calls, one look-up for all files; when EC2 cannot
 * be reached or there are no credentials, one line on stderr and the exit code unchanged, unless
 * --live=required. Run `node scripts/build.mjs` first.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { answers, INSTANCE_TYPES } from '../ec2-double/ec2-double';
import { closedPort, FAKE_CREDENTIALS, isolateAws, type TestAws } from '../support/aws';
import { projectRoot } from '../support/project-root';

const TEST_OPTIONS = { timeout: 30_000 };
const VPC = 'vpc-0123456789abcdef0';
const SUBNET = 'subnet-0123456789abcdef0';
const MISSING_SUBNET = 'subnet-0aaaaaaaaaaaaaaaa';
const GROUP = 'sg-0f1e2d3c4b5a69788';
const examples = path.join(projectRoot(), 'examples', 'valid');

/** Line 9 holds the index 32 (column 27). */
const CARD_32 = `# p5.48xlarge has network cards 0 to 31.
LaunchTemplateName: p5-card-32
LaunchTemplateData:
  ImageId: ami-0123456789abcdef0
  InstanceType: p5.48xlarge
  NetworkInterfaces:
    - { NetworkCardIndex: 0, DeviceIndex: 0, SubnetId: ${SUBNET}, Groups: [${GROUP}] }
    - { NetworkCardIndex: 1, DeviceIndex: 0, InterfaceType: efa-only, SubnetId: ${SUBNET}, Groups: [${GROUP}] }
    - { NetworkCardIndex: 32, DeviceIndex: 0, InterfaceType: efa-only, SubnetId: ${SUBNET}, Groups: [${GROUP}] }
`;

const FIXTURES: Record<string, string> = {
  'card-32.create-launch-template.yaml': CARD_32,
  'missing.create-network-interface.json': `{\n  "SubnetId": "${MISSING_SUBNET}",\n  "Groups": ["${GROUP}"]\n}\n`,
  'p5-efa.create-launch-template.json': fs.readFileSync(path.join(examples, 'p5-efa.create-launch-template.json'), 'utf8'),
  'efa.run-instances.json': `${JSON.stringify(
    {
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 'm5.large',
      MinCount: 1,
      MaxCount: 1,
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, InterfaceType: 'efa' }],
    },
    null,
    2,
  )}\n`,
};
const FILES = Object.keys(FIXTURES).sort();

const CARD_32_LINE =
  'card-32.create-launch-template.yaml:9:27: warning [live:instance-type-limit] Network card index 32; p5.48xlarge has 32 network cards, so the highest index is 31.';
const EFA_LINE =
  'efa.run-instances.json:10:24: warning [live:instance-type-limit] 1 EFA interface (InterfaceType efa or efa-only); m5.large does not support EFA.';
const MISSING_LINE = `missing.create-network-interface.json:2:15: warning [live:not-found] Subnet ${MISSING_SUBNET} does not exist in eu-west-1`;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('eni-requests check --live | layout --live', () => {
  const cli = path.join(projectRoot(), 'dist', 'cli.js');
  let aws: TestAws;
  let cwd: string;

  /** Runs the CLI in the fixture directory with this process's (isolated) environment plus `env`; one attempt per AWS call. */
  function run(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const childEnv: Record<string, string | undefined> = { ...process.env, AWS_MAX_ATTEMPTS: '1', ...env };
      for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
      const child = spawn(process.execPath, [cli, ...args], { cwd, env: childEnv, stdio: 'pipe' });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill(), 20_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** What the double received (a function: an assertion on the list must not narrow its type). */
  const requests = () => aws.double.requests;
  const actions = () => requests().map((r) => r.action);

  before(async () => {
    assert.ok(fs.existsSync(cli), `${cli} is missing: run node scripts/build.mjs first`);
    aws = await isolateAws();
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-live-cli-'));
    for (const [file, text] of Object.entries(FIXTURES)) fs.writeFileSync(path.join(cwd, file), text);
  });
  after(async () => {
    await aws?.restore();
    if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
  });
  beforeEach(() => {
    aws.double.reset();
    aws.double.subnets = [{ id: SUBNET, vpcId: VPC, cidrBlock: '10.0.1.0/24' }];
    aws.double.securityGroups = [{ id: GROUP, groupName: 'training', vpcId: VPC }];
    aws.double.instanceTypes = [INSTANCE_TYPES['p5.48xlarge'], INSTANCE_TYPES['m5.large']];
  });

  it(
    'check --live: the live warnings among the findings, after the static checks; exit 0; read-only, one look-up per kind for all files',
    TEST_OPTIONS,
    async () => {
      const { code, stdout, stderr } = await run(['check', '--live', ...FILES]);
      assert.equal(code, 0, stderr);
      const lines = stdout.trimEnd().split('\n');
      assert.deepEqual(lines.slice(0, 2), [CARD_32_LINE, EFA_LINE]);
      assert.match(lines[2], new RegExp(`^${MISSING_LINE.replace(/[.[\]]/g, '\\$&')}`));
      assert.equal(lines.length, 3, 'nothing on the p5 example: AWS’s layout is within p5.48xlarge’s limits');
      assert.match(stderr, /^4 files checked, 0 errors, 3 warnings$/m);
      assert.doesNotMatch(stderr, /live checks skipped/);
      assert.deepEqual(actions().sort(), ['DescribeInstanceTypes', 'DescribeSecurityGroups', 'DescribeSubnets']);
      const types = aws.double.requests.find((r) => r.action === 'DescribeInstanceTypes')!;
      assert.deepEqual(
        Object.entries(types.params)
          .filter(([name]) => name.startsWith('Filter.1.Value.'))
          .map(([, value]) => value)
          .sort(),
        ['m5.large', 'p5.48xlarge'],
      );
      for (const request of aws.double.requests) assert.equal(request.sigv4?.accessKeyId, FAKE_CREDENTIALS.accessKeyId);
    },
  );

  it('without --live nothing is sent and the live warnings are absent', TEST_OPTIONS, async () => {
    const { code, stdout } = await run(['check', ...FILES]);
    assert.equal(code, 0);
    assert.equal(stdout, '');
    assert.deepEqual(aws.double.requests, []);
  });

  it('check --live --format json | sarif: the live findings with their codes; SARIF rules link docs/live-checks.md', TEST_OPTIONS, async () => {
    const asJson = await run(['check', '--live', '--format', 'json', 'card-32.create-launch-template.yaml']);
    assert.equal(asJson.code, 0, asJson.stderr);
    assert.deepEqual(JSON.parse(asJson.stdout), [
      {
        file: 'card-32.create-launch-template.yaml',
        line: 9,
        column: 27,
        endLine: 9,
        endColumn: 29,
        severity: 'warning',
        code: 'live:instance-type-limit',
        message: 'Network card index 32; p5.48xlarge has 32 network cards, so the highest index is 31.',
      },
    ]);
    const sarif = await run(['check', '--live=required', '-f', 'sarif', 'efa.run-instances.json']);
    assert.equal(sarif.code, 0, sarif.stderr);
    const [runLog] = JSON.parse(sarif.stdout).runs;
    assert.deepEqual(
      runLog.results.map((r: { ruleId: string; level: string; message: { text: string } }) => [r.ruleId, r.level, r.message.text]),
      [['live:instance-type-limit', 'warning', '1 EFA interface (InterfaceType efa or efa-only); m5.large does not support EFA.']],
    );
    const [rule] = runLog.tool.driver.rules;
    assert.equal(rule.id, 'live:instance-type-limit');
    assert.match(rule.helpUri, /\/blob\/main\/docs\/live-checks\.md#what-they-do$/);
    assert.equal(rule.defaultConfiguration.level, 'warning');
  });

  it('EC2 unreachable: one line on stderr, the static findings unchanged, exit unchanged; --live=required: exit 5', TEST_OPTIONS, async () => {
    const endpoint = { AWS_ENDPOINT_URL_EC2: `http://127.0.0.1:${await closedPort()}` };
    const broken = 'broken.create-network-interface.json';
    fs.writeFileSync(path.join(cwd, broken), `{\n  "SubnetId": "${MISSING_SUBNET}",\n  "Description": 5\n}\n`);
    try {
      const optional = await run(['check', '--live', ...FILES], endpoint);
      assert.equal(optional.code, 0, optional.stderr);
      assert.equal(optional.stdout, '');
      const skipped = optional.stderr.split('\n').filter((line) => line.startsWith('live checks skipped'));
      assert.equal(skipped.length, 1, optional.stderr);
      assert.match(skipped[0], /^live checks skipped: Could not reach EC2 at 127\.0\.0\.1:\d+: /);

      const withErrors = await run(['check', '--live', broken], endpoint);
      assert.equal(withErrors.code, 1, 'the static error decides');
      assert.match(withErrors.stdout, /^broken\.create-network-interface\.json:3:18: error \[wrong-type\]/);

      const required = await run(['check', '--live=required', ...FILES], endpoint);
      assert.equal(required.code, 5);
      assert.match(required.stderr, /^live checks skipped: Could not reach EC2/m);
      const requiredWithErrors = await run(['check', '--live=required', broken], endpoint);
      assert.equal(requiredWithErrors.code, 5, 'not fully checked wins over the errors found');
      assert.deepEqual(aws.double.requests, [], 'the double (elsewhere) got nothing');
    } finally {
      fs.rmSync(path.join(cwd, broken));
    }
  });

  it('no credentials: skipped (exit 0), or exit 5 with --live=required; denied: exit 3 with --live=required', TEST_OPTIONS, async () => {
    const none = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined };
    const optional = await run(['check', '--live', 'efa.run-instances.json'], none);
    assert.equal(optional.code, 0, optional.stderr);
    assert.equal(optional.stdout, '');
    assert.match(optional.stderr, /^live checks skipped: .*credentials/im);
    assert.equal((await run(['check', '--live=required', 'efa.run-instances.json'], none)).code, 5);
    assert.deepEqual(aws.double.requests, []);

    aws.double.answer('DescribeInstanceTypes', answers.unauthorized('DescribeInstanceTypes'));
    const denied = await run(['check', '--live=required', 'efa.run-instances.json']);
    assert.equal(denied.code, 3);
    assert.match(denied.stderr, /^live checks skipped: Not permitted: DescribeInstanceTypes/m);
    assert.equal(denied.stdout, '');
  });

  it('check --live --verbose: one line per look-up on stderr, never a secret', TEST_OPTIONS, async () => {
    const { code, stderr } = await run(['check', '--live', '--verbose', 'card-32.create-launch-template.yaml']);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /^Live check: .*DescribeInstanceTypes.* in eu-west-1/m);
    for (const secret of [FAKE_CREDENTIALS.secretAccessKey, FAKE_CREDENTIALS.sessionToken]) assert.ok(!stderr.includes(secret));
  });

  it('--profile, --region and --timeout need --live; --live takes no value but required', TEST_OPTIONS, async () => {
    for (const args of [
      ['check', '--profile', 'p', 'efa.run-instances.json'],
      ['check', '--region', 'eu-west-1', 'efa.run-instances.json'],
      ['check', '--live=maybe', 'efa.run-instances.json'],
      ['check', '--live', '--timeout', '0', 'efa.run-instances.json'],
      ['layout', '--timeout', '5', 'efa.run-instances.json'],
    ]) {
      const { code, stdout, stderr } = await run(args);
      assert.equal(code, 2, `eni-requests ${args.join(' ')}: ${stderr}`);
      assert.equal(stdout, '');
      assert.match(stderr, /Run "eni-requests \S+ --help" for usage/);
    }
    assert.deepEqual(aws.double.requests, []);
    // --live before the file: the file is not its value; --region picks the region the look-ups are signed for.
    const { code, stdout } = await run(['check', '--live', '--region', 'us-east-1', 'efa.run-instances.json']);
    assert.equal(code, 0);
    assert.match(stdout, /m5\.large does not support EFA/);
    const regions = requests().map((r) => r.sigv4?.region);
    assert.ok(regions.length > 0);
    for (const region of regions) assert.equal(region, 'us-east-1');
  });

  it('layout --live: the instance type line under the summary, the live problems in the table', TEST_OPTIONS, async () => {
    const p5 = await run(['layout', '--live', 'p5-efa.create-launch-template.json']);
    assert.equal(p5.code, 0, p5.stderr);
    const lines = p5.stdout.split('\n');
    assert.equal(lines[1], '33 interfaces on 32 network cards: 1 ENA, 32 EFA-only (1 per card); primary: card 0 device 0 (interface)');
    assert.equal(
      lines[2],
      'instance type p5.48xlarge (DescribeInstanceTypes): 32 network cards, 2 interfaces per card, 64 interfaces in all; EFA: at most 32 interfaces',
    );

    const card = await run(['layout', '--live', 'card-32.create-launch-template.yaml']);
    assert.match(card.stdout, /\n {2}32 {4}0 {2}2 {2}efa-only .*live:instance-type-limit\n/);

    // A single ENA interface asks nothing of the type: it is still looked up for the layout.
    fs.writeFileSync(
      path.join(cwd, 'one.run-instances.json'),
      JSON.stringify({ ImageId: 'ami-0123456789abcdef0', InstanceType: 'm5.large', NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET }] }),
    );
    const single = await run(['layout', '--live', '--format', 'json', 'one.run-instances.json']);
    assert.equal(single.code, 0, single.stderr);
    const [launch] = JSON.parse(single.stdout).launches;
    assert.deepEqual(launch.instanceType, {
      name: 'm5.large',
      maximumNetworkCards: 1,
      maximumNetworkInterfaces: 3,
      networkCards: [{ index: 0, maximumNetworkInterfaces: 3 }],
      efaSupported: false,
    });
    const text = await run(['layout', '--live', 'one.run-instances.json']);
    assert.equal(text.stdout.split('\n')[2], 'instance type m5.large (DescribeInstanceTypes): 1 network card, 3 interfaces; no EFA');

    const without = await run(['layout', 'p5-efa.create-launch-template.json']);
    assert.doesNotMatch(without.stdout, /instance type/);

    const unreachable = await run(['layout', '--live=required', 'p5-efa.create-launch-template.json'], {
      AWS_ENDPOINT_URL_EC2: `http://127.0.0.1:${await closedPort()}`,
    });
    assert.equal(unreachable.code, 5);
    assert.match(unreachable.stderr, /^live checks skipped: Could not reach EC2/);
    assert.match(unreachable.stdout, /^LaunchTemplateData\.NetworkInterfaces/, 'the layout is still shown');
    assert.doesNotMatch(unreachable.stdout, /instance type/);
  });
});
