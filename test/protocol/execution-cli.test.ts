/**
 * The built CLI's execution commands (dist/cli.js dry-run|preview|preflight|run) against the EC2
 * test double: output, exit codes, and what reached the double. The CLI runs as a child process
 * (asynchronously: the double answers from this process) with the isolated AWS environment of
 * test/execution/setup.ts. Run `node scripts/build.mjs` first.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { answers, Ec2Double } from '../ec2-double/ec2-double';
import { closedPort, FAKE_CREDENTIALS, isolateAws, REGION, type TestAws } from '../support/aws';
import { projectRoot } from '../support/project-root';

const TEST_OPTIONS = { timeout: 30_000 };
const SUBNET = 'subnet-0123456789abcdef0';
const ENI = 'eni-0a1b2c3d4e5f60718';

const FIXTURES: Record<string, string> = {
  'web.create-network-interface.json': `{\n  "SubnetId": "${SUBNET}",\n  "Description": "web"\n}\n`,
  'web.create-network-interface.yaml': `SubnetId: ${SUBNET}\nDescription: web\n`,
  'broken.create-network-interface.json': `{\n  "SubnetID": "${SUBNET}",\n  "Description": 5\n}\n`,
  'more.assign-private-ip-addresses.json': `{\n  "NetworkInterfaceId": "${ENI}",\n  "PrivateIpAddresses": ["10.0.1.30"]\n}\n`,
  'notes.json': '{ "SubnetId": "subnet-0123456789abcdef0" }\n',
};

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('eni-requests dry-run | preview | preflight | run', () => {
  const cli = path.join(projectRoot(), 'dist', 'cli.js');
  let aws: TestAws;
  let cwd: string;

  /** Runs the CLI in the fixture directory with this process's (isolated) environment plus `env`. */
  function run(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, AWS_MAX_ATTEMPTS: '1', ...env }, stdio: 'pipe' });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill(), 15_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }
  const ec2Requests = () => aws.double.requests.filter((r) => r.service === 'ec2');

  before(async () => {
    assert.ok(fs.existsSync(cli), `${cli} is missing: run node scripts/build.mjs first`);
    aws = await isolateAws();
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-exec-cli-'));
    for (const [file, text] of Object.entries(FIXTURES)) fs.writeFileSync(path.join(cwd, file), text);
  });
  after(async () => {
    await aws?.restore();
    if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
  });
  beforeEach(() => aws.double.reset());

  it('dry-run: exit 0 when EC2 says it would succeed; the double got the action with DryRun=true', TEST_OPTIONS, async () => {
    for (const file of ['web.create-network-interface.json', 'web.create-network-interface.yaml']) {
      aws.double.reset();
      const { code, stdout, stderr } = await run(['dry-run', file]);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /^CreateNetworkInterface would succeed\n.*DryRunOperation/);
      assert.deepEqual(
        ec2Requests().map((r) => [r.action, r.params.SubnetId, r.params.Description, r.params.DryRun]),
        [['CreateNetworkInterface', SUBNET, 'web', 'true']],
      );
    }
  });

  it('dry-run --verbose: the request log on stderr (the request sent, then a summary), without credentials; none without it', TEST_OPTIONS, async () => {
    const verbose = await run(['dry-run', '--verbose', 'web.create-network-interface.json']);
    assert.equal(verbose.code, 0, verbose.stderr);
    const lines = verbose.stderr.trimEnd().split('\n');
    assert.match(lines[0], /^→ CreateNetworkInterface POST http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(
      lines.at(-1)!,
      /^CreateNetworkInterface .*→ would-succeed \(DryRunOperation\) region=\S+ profile=\S+ endpoint=127\.0\.0\.1:\d+ requestId=\S+ \d+ ms$/,
    );
    for (const secret of [FAKE_CREDENTIALS.secretAccessKey, FAKE_CREDENTIALS.sessionToken]) assert.ok(!verbose.stderr.includes(secret));
    assert.match(verbose.stdout, /^CreateNetworkInterface would succeed\n/);
    const quiet = await run(['dry-run', 'web.create-network-interface.json']);
    assert.equal(quiet.stderr, '');
  });

  it('dry-run: exit 3 when denied', TEST_OPTIONS, async () => {
    aws.double.answer('CreateNetworkInterface', answers.unauthorized());
    const { code, stdout } = await run(['dry-run', 'web.create-network-interface.json']);
    assert.match(stdout, /^Not permitted: CreateNetworkInterface with the default profile\n/);
    assert.equal(code, 3);
  });

  it('dry-run: exit 4 and the field EC2 named as a problem-matcher line', TEST_OPTIONS, async () => {
    aws.double.answer('CreateNetworkInterface', answers.subnetNotFound(SUBNET));
    const { code, stdout } = await run(['dry-run', 'web.create-network-interface.json']);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'EC2 rejected CreateNetworkInterface: InvalidSubnetID.NotFound');
    assert.equal(lines.at(-1), `web.create-network-interface.json:2:3: error [ec2:InvalidSubnetID.NotFound] The subnet ID '${SUBNET}' does not exist`);
    assert.equal(code, 4);
  });

  it('exit 4 and nothing sent for a file with errors, or a file that is not a request', TEST_OPTIONS, async () => {
    for (const command of ['dry-run', 'preview', 'preflight']) {
      const { code, stdout } = await run([command, 'broken.create-network-interface.json']);
      assert.match(
        stdout,
        /^CreateNetworkInterface was not sent\nThe request has 2 errors \(line 2 \[unknown-parameter\], line 3 \[wrong-type\]\)\..* Nothing was sent\./,
      );
      assert.match(stdout, /^broken\.create-network-interface\.json:2:3: error \[unknown-parameter\] SubnetID is not a parameter/m);
      assert.match(stdout, /^broken\.create-network-interface\.json:3:18: error \[wrong-type\] /m);
      assert.equal(code, 4, command);
    }
    const { code: yesCode } = await run(['run', '--yes', 'broken.create-network-interface.json']);
    assert.equal(yesCode, 4);
    const notARequest = await run(['dry-run', 'notes.json']);
    assert.match(notARequest.stdout, /This file is not a request file/);
    assert.equal(notARequest.code, 4);
    assert.deepEqual(aws.double.requests, []);
  });

  it('dry-run: exit 5 when EC2 cannot be reached or does not answer in time', TEST_OPTIONS, async () => {
    const refused = await run(['dry-run', 'web.create-network-interface.json'], { AWS_ENDPOINT_URL_EC2: `http://127.0.0.1:${await closedPort()}` });
    assert.match(refused.stdout, /^Could not reach EC2 at 127\.0\.0\.1:\d+\n/);
    assert.equal(refused.code, 5);

    aws.double.answer('*', { kind: 'hang' });
    const started = Date.now();
    const silent = await run(['dry-run', '--timeout', '1', 'web.create-network-interface.json']);
    assert.match(silent.stdout, /did not answer within 1 s/);
    assert.equal(silent.code, 5);
    assert.ok(Date.now() - started < 8_000, 'gives up after the --timeout');
  });

  it('dry-run of an operation without DryRun: exit 6, nothing sent; preflight checks it read-only', TEST_OPTIONS, async () => {
    const dry = await run(['dry-run', 'more.assign-private-ip-addresses.json']);
    assert.match(dry.stdout, /^AssignPrivateIpAddresses has no dry run\n/);
    assert.equal(dry.code, 6);
    assert.deepEqual(aws.double.requests, []);

    aws.double.interfaces = [
      { id: ENI, subnetId: SUBNET, vpcId: 'vpc-0123456789abcdef0', privateIps: [{ address: '10.0.1.25', primary: true }, { address: '10.0.1.30' }] },
    ];
    aws.double.subnets = [{ id: SUBNET, vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.1.0/24' }];
    const check = await run(['preflight', 'more.assign-private-ip-addresses.json']);
    assert.match(check.stdout, /^Preflight found problems for AssignPrivateIpAddresses\n/);
    // The preflight's own findings: `preflight:`, not `ec2:` (EC2 never saw the request).
    assert.match(check.stdout, /^more\.assign-private-ip-addresses\.json:3:26: error \[preflight:already-assigned\] 10\.0\.1\.30 is already assigned/m);
    assert.doesNotMatch(check.stdout, /\[ec2:/);
    assert.equal(check.code, 4);
    assert.deepEqual(
      ec2Requests().map((r) => r.action),
      ['DescribeNetworkInterfaces', 'DescribeSubnets'],
      'read-only',
    );

    aws.double.answer('DescribeSubnets', answers.throttled());
    const throttled = await run(['preflight', '--format', 'json', 'more.assign-private-ip-addresses.json']);
    const answer = JSON.parse(throttled.stdout) as { kind: string; title: string; message: string; findings: unknown[] };
    assert.equal(answer.kind, 'throttled');
    assert.equal(answer.title, `Preflight could not describe the subnet ${SUBNET} of ${ENI}`);
    assert.match(answer.message, /\(DescribeSubnets: EC2 is throttling requests: /);
    assert.deepEqual(answer.findings, []);
    assert.equal(throttled.code, 5);
    aws.double.reset();

    aws.double.interfaces = [{ id: ENI, subnetId: SUBNET, vpcId: 'vpc-0123456789abcdef0', privateIps: [{ address: '10.0.1.25', primary: true }] }];
    aws.double.subnets = [{ id: SUBNET, vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.1.0/24' }];
    const ready = await run(['preflight', 'more.assign-private-ip-addresses.json']);
    assert.match(ready.stdout, new RegExp(`^Preflight: ${ENI} is ready for AssignPrivateIpAddresses\\n`));
    assert.equal(ready.code, 0);
  });

  it('preview: the HTTP request and the aws CLI line, exit 0, nothing sent', TEST_OPTIONS, async () => {
    const { code, stdout } = await run(['preview', 'web.create-network-interface.json']);
    assert.match(stdout, /^Preview of CreateNetworkInterface \(dry run\)\nNothing was sent\./);
    assert.match(stdout, /^POST \/ HTTP\/1\.1$/m);
    assert.match(stdout, /^Action=CreateNetworkInterface&Version=[\d-]+&SubnetId=subnet-0123456789abcdef0&.*DryRun=true$/m);
    assert.match(stdout, /Signature=<redacted>/);
    assert.ok(!stdout.includes(FAKE_CREDENTIALS.secretAccessKey) && !stdout.includes(FAKE_CREDENTIALS.sessionToken));
    // The endpoint in effect (the double, from AWS_ENDPOINT_URL_EC2) is on the line, for CLIs that do not read that variable.
    const cliLine = `aws ec2 create-network-interface --cli-input-json file://${path.join(cwd, 'web.create-network-interface.json')} --dry-run --region ${REGION} --endpoint-url ${aws.double.url.replace(/\/$/, '')}`;
    assert.ok(stdout.split('\n').includes(cliLine), stdout);
    assert.equal(code, 0);
    assert.deepEqual(aws.double.requests, []);
  });

  it('run: refused without --yes (exit 2, nothing sent); with --yes it runs (exit 0) and prints the answer', TEST_OPTIONS, async () => {
    const refused = await run(['run', 'web.create-network-interface.json']);
    assert.equal(refused.code, 2);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /a real run changes your AWS account: add --yes/);
    assert.deepEqual(aws.double.requests, []);

    const done = await run(['run', 'web.create-network-interface.json', '--yes']);
    assert.equal(done.code, 0, done.stdout);
    assert.match(done.stdout, /^CreateNetworkInterface succeeded\n/);
    assert.match(done.stdout, /"NetworkInterfaceId": "eni-0d0b1e0000000new"/);
    assert.deepEqual(
      ec2Requests().map((r) => [r.action, r.params.DryRun]),
      [['CreateNetworkInterface', undefined]],
    );
  });

  it('--format json: the result object with the findings; --region is used', TEST_OPTIONS, async () => {
    aws.double.answer('CreateNetworkInterface', answers.subnetNotFound(SUBNET));
    const { code, stdout } = await run(['dry-run', '--format', 'json', '--region', 'us-east-2', 'web.create-network-interface.json']);
    const result = JSON.parse(stdout);
    assert.equal(result.kind, 'invalid');
    assert.equal(result.region, 'us-east-2');
    assert.deepEqual(
      result.fieldProblems.map((p: { path: unknown }) => p.path),
      [['SubnetId']],
    );
    assert.deepEqual(
      result.findings.map((f: Record<string, unknown>) => [f.line, f.column, f.code]),
      [[2, 3, 'ec2:InvalidSubnetID.NotFound']],
    );
    assert.equal(code, 4);
    assert.equal(ec2Requests()[0].sigv4?.region, 'us-east-2');
  });

  it(
    "--profile: the profile's endpoint_url (or its services section) is used unless AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL are set",
    TEST_OPTIONS,
    async () => {
      const other = await Ec2Double.start();
      try {
        const keys = `aws_access_key_id = ${FAKE_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${FAKE_CREDENTIALS.secretAccessKey}\nregion = ${REGION}\n`;
        const config = aws.configFile(
          `[profile direct]\n${keys}endpoint_url = ${other.url}\n\n` +
            `[profile viaservices]\n${keys}services = local\n\n` +
            `[services local]\nec2 =\n  endpoint_url = ${other.url}\n`,
        );
        const noEndpointVariables = { AWS_CONFIG_FILE: config, AWS_ENDPOINT_URL_EC2: undefined, AWS_ENDPOINT_URL: undefined };
        for (const profile of ['direct', 'viaservices']) {
          const { code, stdout } = await run(['dry-run', '--profile', profile, 'web.create-network-interface.json'], noEndpointVariables);
          assert.equal(code, 0, `${profile}: ${stdout}`);
        }
        assert.deepEqual(
          other.requests.map((r) => [r.action, r.params.DryRun]),
          [
            ['CreateNetworkInterface', 'true'],
            ['CreateNetworkInterface', 'true'],
          ],
        );
        assert.deepEqual(aws.double.requests, []);

        // The environment's endpoint comes first, as for the SDK and the AWS CLI.
        for (const variable of ['AWS_ENDPOINT_URL_EC2', 'AWS_ENDPOINT_URL']) {
          const { code } = await run(['dry-run', '--profile', 'direct', 'web.create-network-interface.json'], {
            ...noEndpointVariables,
            [variable]: aws.double.url,
          });
          assert.equal(code, 0, variable);
        }
        assert.equal(other.requests.length, 2);
        assert.equal(ec2Requests().length, 2);
      } finally {
        await other.close();
      }
    },
  );

  it('exits 2 on usage errors, before anything is sent', TEST_OPTIONS, async () => {
    const file = 'web.create-network-interface.json';
    for (const args of [
      ['dry-run'],
      ['dry-run', file, file],
      ['dry-run', '--format', 'sarif', file],
      ['preview', '--timeout', '0', file],
      ['dry-run', '--timeout', 'soon', file],
      ['dry-run', '--yes', file],
      ['preflight', '--bogus', file],
    ]) {
      const { code, stdout, stderr } = await run(args);
      assert.equal(code, 2, `eni-requests ${args.join(' ')}: ${stderr}`);
      assert.equal(stdout, '');
      assert.match(stderr, /Run "eni-requests \S+ --help" for usage/);
    }
    const missing = await run(['dry-run', 'missing.create-network-interface.json']);
    assert.match(missing.stderr, /^missing\.create-network-interface\.json: error: no such file or directory$/m);
    assert.equal(missing.code, 1);
    assert.deepEqual(aws.double.requests, []);
  });

  it('--help lists the commands; each command documents its options and exit codes', TEST_OPTIONS, async () => {
    const help = await run(['--help']);
    for (const name of ['check', 'dry-run', 'preview', 'preflight', 'run']) assert.match(help.stdout, new RegExp(`^ {2}${name} +\\S`, 'm'));
    for (const name of ['dry-run', 'preview', 'preflight', 'run']) {
      const { code, stdout } = await run([name, '--help']);
      assert.equal(code, 0);
      assert.match(stdout, new RegExp(`^Usage: eni-requests ${name} \\[options\\] <file>`));
      assert.match(stdout, /--profile <name>[\s\S]*--region <region>[\s\S]*--timeout <seconds>[\s\S]*--format <text\|json>/);
      assert.match(stdout, /^ {2}4 {4}invalid/m);
    }
    assert.match((await run(['run', '--help'])).stdout, /-y, --yes/);
  });
});
