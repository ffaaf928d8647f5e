/**
 * Running requests through the built language server (dist/server.js --stdio): the execution
 * commands, their code actions, progress, cancellation, confirmation, the `ec2` diagnostics, trust
 * and endpoints, against the EC2 test double in this process. The server gets the isolated AWS
 * environment of test/execution/setup.ts (fake keys, the double's endpoints, temp config files).
 * Run `node scripts/build.mjs` first. Every wait has a timeout.
 */
import type { CodeActionOptions } from 'vscode-languageserver';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Range } from 'vscode-languageserver-types';
import type { DecodeResult, ExecutionResult, PreflightResult, PreviewResult } from '../../contract/outcome';
import { ServerCommand, type ConfirmationInfo, type InitializationOptions, type NewRequestTemplate, type OperationSummary } from '../../contract/protocol';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { ACCOUNT, answers, CALLER_ARN, Ec2Double } from '../ec2-double/ec2-double';
import { FAKE_CREDENTIALS, isolateAws, REGION, type TestAws } from '../support/aws';
import { LspServer, type MessageParams, type ShowMessageRequestParams } from '../support/lsp-client';

const WAIT_MS = 8_000;
const TEST_OPTIONS = { timeout: 30_000 };
const SUBNET = 'subnet-0123456789abcdef0';
const ENI = 'eni-0a1b2c3d4e5f60718';
const VALID = `{\n  "SubnetId": "${SUBNET}",\n  "Description": "web"\n}\n`;
const BROKEN = `{\n  "SubnetID": "${SUBNET}",\n  "Description": 5\n}\n`;
const ASSIGN = `{\n  "NetworkInterfaceId": "${ENI}",\n  "SecondaryPrivateIpAddressCount": 1\n}\n`;

const range = (line: number, start: number, endLine: number, end: number): Range => ({
  start: { line, character: start },
  end: { line: endLine, character: end },
});

/** Starts and initializes a server; `settings` is its eniRequests section. One attempt per AWS call: the double answers at once. */
function startServer(initializationOptions: InitializationOptions | undefined, settings: Record<string, unknown>): Promise<LspServer> {
  return LspServer.start({ initializationOptions, settings, env: { AWS_MAX_ATTEMPTS: '1' }, waitMs: WAIT_MS });
}

const directory = path.join(os.tmpdir(), 'eni-requests-exec-lsp-test');
const uriOf = (name: string) => pathToFileURL(path.join(directory, name)).href;

describe('running requests through the language server', () => {
  let aws: TestAws;
  /** Where a workspace's `endpoint` setting points: it must never receive anything. */
  let elsewhere: Ec2Double;
  let server: LspServer;
  const valid = uriOf('web.create-network-interface.json');
  const broken = uriOf('broken.create-network-interface.json');
  const assign = uriOf('more.assign-private-ip-addresses.json');
  const ec2Requests = () => aws.double.requests.filter((r) => r.service === 'ec2');

  before(async () => {
    aws = await isolateAws();
    elsewhere = await Ec2Double.start();
    // A workspace may set profile and region, never the endpoint: this `endpoint` is ignored.
    server = await startServer(undefined, { fileAssociations: {}, endpoint: elsewhere.url, timeoutSeconds: 5 });
    assert.deepEqual((await server.open(valid, VALID)).diagnostics, []);
    assert.deepEqual(
      (await server.open(broken, BROKEN)).diagnostics.map((d) => d.code),
      ['unknown-parameter', 'wrong-type'],
    );
    assert.deepEqual(
      (await server.open(assign, ASSIGN)).diagnostics.map((d) => d.code),
      ['no-dry-run'],
    );
  });
  after(async () => {
    await server?.stop();
    await elsewhere?.close();
    await aws?.restore();
  });
  beforeEach(() => {
    aws.double.reset();
    server.answerMessageRequest = () => null;
  });

  it('initialize lists every server command and source actions', TEST_OPTIONS, () => {
    assert.deepEqual([...(server.capabilities.executeCommandProvider?.commands ?? [])].sort(), Object.values(ServerCommand).sort());
    assert.deepEqual((server.capabilities.codeActionProvider as CodeActionOptions | undefined)?.codeActionKinds, ['quickfix', 'source']);
  });

  it('offers Dry-run and Preview on a valid request, Preflight on one without DryRun, nothing on a broken one', TEST_OPTIONS, async () => {
    const actions = await server.codeActions(valid);
    assert.deepEqual(
      actions!.map((a) => [a.title, a.kind, a.command?.command, a.command?.arguments]),
      [
        [`Dry-run CreateNetworkInterface (${REGION}, default profile)`, 'source', ServerCommand.dryRun, [valid]],
        ['Preview request', 'source', ServerCommand.preview, [valid]],
      ],
    );
    assert.deepEqual(
      (await server.codeActions(assign))!.map((a) => [a.title, a.command?.command]),
      [
        ['Preflight AssignPrivateIpAddresses (read-only)', ServerCommand.preflight],
        ['Preview request', ServerCommand.preview],
      ],
    );
    assert.deepEqual(await server.codeActions(broken), []);
    assert.deepEqual(await server.codeActions(valid, { only: ['quickfix'] }), [], 'not when only quick fixes are asked for');
  });

  it('dryRun: would succeed, the double got the action with DryRun=true, with progress and a message', TEST_OPTIONS, async () => {
    const shown = server.next<MessageParams>('window/showMessage');
    const progressBefore = server.progress.length;
    const result = await server.execute<ExecutionResult>(ServerCommand.dryRun, [valid]);
    assert.equal(result.kind, 'would-succeed', result.message);
    assert.equal(result.region, REGION);
    assert.deepEqual(
      ec2Requests().map((r) => [r.action, r.params.SubnetId, r.params.DryRun]),
      [['CreateNetworkInterface', SUBNET, 'true']],
    );
    // The server created a progress (the request carried no token), began it cancellable and ended it.
    const token = server.createdProgress.at(-1);
    assert.ok(token !== undefined, 'window/workDoneProgress/create');
    const reported = server.progress.slice(progressBefore).filter((p) => p.token === token);
    assert.deepEqual(
      reported.map((p) => [p.value.kind, p.value.title, p.value.cancellable]),
      [
        ['begin', 'Dry run: web.create-network-interface.json', true],
        ['end', undefined, undefined],
      ],
    );
    const message = await shown;
    assert.equal(message.type, 3);
    assert.match(message.message, /^CreateNetworkInterface would succeed\n/);
    assert.ok(
      server.logMessages.some(({ message }) => /→ CreateNetworkInterface POST http:\/\/127\.0\.0\.1:\d+\//.test(message)),
      'the request log',
    );
  });

  it("reports progress on the request's own work-done token", TEST_OPTIONS, async () => {
    const created = server.createdProgress.length;
    const result = await server.request<ExecutionResult>('workspace/executeCommand', {
      command: ServerCommand.preview,
      arguments: [valid],
      workDoneToken: 'client-token',
    });
    assert.equal(result.kind, 'succeeded');
    assert.deepEqual(
      server.progress.filter((p) => p.token === 'client-token').map((p) => [p.value.kind, p.value.title]),
      [
        ['begin', 'Preview: web.create-network-interface.json'],
        ['end', undefined],
      ],
    );
    assert.equal(server.createdProgress.length, created, 'no progress of its own');
  });

  it('the workspace endpoint setting is ignored: requests go to AWS_ENDPOINT_URL_EC2', TEST_OPTIONS, async () => {
    const result = await server.execute<ExecutionResult>(ServerCommand.dryRun, [valid]);
    assert.equal(result.endpointHost, new URL(aws.double.url).host);
    assert.equal(ec2Requests().length, 1);
    assert.deepEqual(elsewhere.requests, []);
  });

  it('an EC2 error naming a field becomes an `ec2` diagnostic on it, until the next edit', TEST_OPTIONS, async () => {
    aws.double.answer('CreateNetworkInterface', answers.subnetNotFound(SUBNET));
    const published = server.diagnostics(valid, (p) => p.diagnostics.some((d) => d.source === 'ec2'));
    const result = await server.execute<ExecutionResult>(ServerCommand.dryRun, [valid]);
    assert.equal(result.kind, 'invalid');
    assert.equal(result.code, 'InvalidSubnetID.NotFound');
    const { version, diagnostics } = await published;
    assert.equal(version, 1);
    assert.deepEqual(
      diagnostics.map((d) => ({ source: d.source, code: d.code, range: d.range, severity: d.severity, message: d.message })),
      [
        {
          source: 'ec2',
          code: 'InvalidSubnetID.NotFound',
          range: range(1, 2, 1, 12),
          severity: DiagnosticSeverity.Error,
          message: `The subnet ID '${SUBNET}' does not exist`,
        },
      ],
    );

    const cleared = server.diagnostics(valid, (p) => p.version === 2);
    await server.change(valid, 2, [{ range: range(2, 18, 2, 21), text: 'api' }]);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('the next run clears the `ec2` diagnostics too', TEST_OPTIONS, async () => {
    aws.double.answer('CreateNetworkInterface', answers.subnetNotFound(SUBNET));
    const marked = server.diagnostics(valid, (p) => p.diagnostics.length === 1);
    await server.execute(ServerCommand.dryRun, [valid]);
    await marked;
    aws.double.reset();
    const cleared = server.diagnostics(valid, (p) => p.diagnostics.length === 0);
    assert.equal((await server.execute<ExecutionResult>(ServerCommand.dryRun, [valid])).kind, 'would-succeed');
    await cleared;
  });

  it('$/cancelRequest aborts the request in flight: cancelled, promptly', TEST_OPTIONS, async () => {
    aws.double.answer('CreateNetworkInterface', { kind: 'slow', delayMs: 4_000 });
    const arrived = aws.double.received();
    const source = new CancellationTokenSource();
    const pending = server.execute<ExecutionResult>(ServerCommand.dryRun, [valid], source.token);
    await server.within(arrived, 'the request at the double');
    const cancelledAt = Date.now();
    source.cancel();
    const result = await pending;
    assert.equal(result.kind, 'cancelled', result.message);
    assert.ok(Date.now() - cancelledAt < 1_500, `answered ${Date.now() - cancelledAt} ms after the cancellation`);
  });

  it('run without confirmation asks (operation, region, profile, account); Cancel sends nothing to EC2', TEST_OPTIONS, async () => {
    server.answerMessageRequest = () => 'Cancel';
    const asked = server.next<ShowMessageRequestParams>('window/showMessageRequest');
    const result = await server.execute<ExecutionResult>(ServerCommand.run, [valid]);
    const question = await asked;
    assert.deepEqual(question.actions, [{ title: 'Run' }, { title: 'Cancel' }]);
    assert.match(question.message, new RegExp(`^Run CreateNetworkInterface in ${REGION} with the default profile as account ${ACCOUNT}\\?`));
    assert.equal(result.kind, 'not-confirmed');
    assert.deepEqual(
      aws.double.requests.map((r) => [r.service, r.action]),
      [['sts', 'GetCallerIdentity']],
    );
  });

  it('run: answered Run, the request is sent as written; confirmed: true does not ask', TEST_OPTIONS, async () => {
    server.answerMessageRequest = () => 'Run';
    const asked = server.messageRequests.length;
    const result = await server.execute<ExecutionResult>(ServerCommand.run, [valid]);
    assert.equal(result.kind, 'succeeded', result.message);
    assert.equal(server.messageRequests.length, asked + 1);
    assert.deepEqual(
      ec2Requests().map((r) => [r.action, r.params.DryRun]),
      [['CreateNetworkInterface', undefined]],
    );

    aws.double.reset();
    const confirmed = await server.execute<ExecutionResult>(ServerCommand.run, [valid, { confirmed: true }]);
    assert.equal(confirmed.kind, 'succeeded');
    assert.equal(server.messageRequests.length, asked + 1, 'no question');
    assert.deepEqual(
      aws.double.requests.map((r) => r.action),
      ['CreateNetworkInterface'],
    );
  });

  it('whoAmI: the confirmation info', TEST_OPTIONS, async () => {
    const who = await server.execute<ExecutionResult & ConfirmationInfo>(ServerCommand.whoAmI, [valid]);
    assert.equal(who.kind, 'succeeded');
    assert.deepEqual(
      { operation: who.operation, region: who.region, profile: who.profile, account: who.account, arn: who.arn },
      { operation: 'CreateNetworkInterface', region: REGION, profile: 'default', account: ACCOUNT, arn: CALLER_ARN },
    );
    assert.match(who.prompt, /^Run CreateNetworkInterface in eu-west-1 with the default profile as account 123456789012\?/);
  });

  it('denied: the message offers Decode, which decodes the reason through STS', TEST_OPTIONS, async () => {
    aws.double.answer('CreateNetworkInterface', answers.unauthorized());
    server.answerMessageRequest = (params) => (params.actions?.some((a) => a.title === 'Decode') ? 'Decode' : null);
    const offered = server.next<ShowMessageRequestParams>('window/showMessageRequest');
    const decoded = server.next<MessageParams>('window/showMessage', (p) => /Why the request was denied/.test(p.message));
    const result = await server.execute<ExecutionResult>(ServerCommand.dryRun, [valid]);
    assert.equal(result.kind, 'denied');
    assert.ok(result.encodedAuthorizationMessage);
    assert.match((await offered).message, /^Not permitted: CreateNetworkInterface/);
    assert.match((await decoded).message, /ec2:CreateNetworkInterface .* is not allowed by any policy/);

    const direct = await server.execute<DecodeResult>(ServerCommand.decodeAuthorizationMessage, [result.encodedAuthorizationMessage, valid]);
    assert.equal(direct.kind, 'succeeded');
    assert.match(direct.decoded ?? '', /"allowed": false/);
  });

  it('preflight and preview', TEST_OPTIONS, async () => {
    aws.double.interfaces = [{ id: ENI, subnetId: SUBNET, vpcId: 'vpc-0123456789abcdef0', privateIps: [{ address: '10.0.1.25', primary: true }] }];
    aws.double.subnets = [{ id: SUBNET, vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.1.0/24' }];
    const checked = await server.execute<PreflightResult>(ServerCommand.preflight, [assign]);
    assert.equal(checked.kind, 'succeeded', checked.message);
    assert.equal(checked.report?.exists, true);
    assert.deepEqual(
      aws.double.requests.map((r) => r.action),
      ['DescribeNetworkInterfaces', 'DescribeSubnets'],
    );

    const dry = await server.execute<ExecutionResult>(ServerCommand.dryRun, [assign]);
    assert.equal(dry.kind, 'no-dry-run');

    aws.double.reset();
    const previewed = await server.execute<PreviewResult>(ServerCommand.preview, [valid]);
    assert.equal(previewed.kind, 'succeeded');
    assert.match(previewed.preview?.body ?? '', /^Action=CreateNetworkInterface&/);
    assert.match(
      previewed.preview?.cliCommand ?? '',
      /^aws ec2 create-network-interface --cli-input-json file:\/\/\S+web\.create-network-interface\.json --dry-run/,
    );
    assert.deepEqual(aws.double.requests, [], 'nothing sent');
  });

  it('preflight findings are `preflight` diagnostics (not `ec2`) on the member they are about, until the next edit', TEST_OPTIONS, async () => {
    const outside = uriOf('outside.assign-private-ip-addresses.json');
    const text = `{\n  "NetworkInterfaceId": "${ENI}",\n  "PrivateIpAddresses": ["10.0.1.40", "10.0.9.40"]\n}\n`;
    assert.deepEqual(
      (await server.open(outside, text)).diagnostics.map((d) => d.code),
      ['no-dry-run'],
    );
    aws.double.interfaces = [{ id: ENI, subnetId: SUBNET, vpcId: 'vpc-0123456789abcdef0', privateIps: [{ address: '10.0.1.25', primary: true }] }];
    aws.double.subnets = [{ id: SUBNET, vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.1.0/24' }];
    const published = server.diagnostics(outside, (p) => p.diagnostics.some((d) => d.source === 'preflight'));
    const result = await server.execute<PreflightResult>(ServerCommand.preflight, [outside]);
    assert.equal(result.kind, 'invalid', result.message);
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics
        .filter((d) => d.source !== 'eni-requests')
        .map((d) => ({ source: d.source, code: d.code, range: d.range, severity: d.severity, message: d.message })),
      [
        {
          source: 'preflight',
          code: 'outside-subnet',
          range: range(2, 38, 2, 49),
          severity: DiagnosticSeverity.Error,
          message: `10.0.9.40 is outside ${SUBNET} (10.0.1.0/24): EC2 only assigns addresses and prefixes from the subnet's range.`,
        },
      ],
    );

    // A Describe that fails is no finding: nothing on the file, the result says what could not be described.
    aws.double.answer('DescribeSubnets', answers.unauthorized('DescribeSubnets'));
    const cleared = server.diagnostics(outside, (p) => !p.diagnostics.some((d) => d.source === 'preflight'));
    const denied = await server.execute<PreflightResult>(ServerCommand.preflight, [outside]);
    assert.equal(denied.kind, 'denied', denied.message);
    assert.equal(denied.title, `Preflight could not describe the subnet ${SUBNET} of ${ENI}`);
    await cleared;
    await server.close(outside);
  });

  it('a request with errors is not sent: which errors, and nothing reaches the double', TEST_OPTIONS, async () => {
    for (const command of [ServerCommand.dryRun, ServerCommand.preflight, ServerCommand.preview, ServerCommand.whoAmI]) {
      const result = await server.execute<ExecutionResult>(command, [broken]);
      assert.equal(result.kind, 'invalid', command);
      assert.match(result.message, /The request has 2 errors \(line 2 \[unknown-parameter\], line 3 \[wrong-type\]\)/);
    }
    const run = await server.execute<ExecutionResult>(ServerCommand.run, [broken, { confirmed: true }]);
    assert.equal(run.kind, 'invalid');
    assert.deepEqual(aws.double.requests, []);
  });

  it('operations and newRequest: every template is a valid request, its ID placeholders pointed out', TEST_OPTIONS, async () => {
    const operations = await server.execute<OperationSummary[]>(ServerCommand.operations, []);
    assert.equal(operations.length, 26);
    assert.deepEqual(
      operations.find((o) => o.name === 'AssignPrivateIpAddresses'),
      {
        name: 'AssignPrivateIpAddresses',
        cliCommand: 'assign-private-ip-addresses',
        hasDryRun: false,
        description: 'aws ec2 assign-private-ip-addresses. Required: NetworkInterfaceId. No dry run: check it with the read-only preflight.',
      },
    );
    const service = new RequestLanguageService();
    for (const operation of operations) {
      for (const syntax of ['json', 'yaml'] as const) {
        const template = await server.execute<NewRequestTemplate>(ServerCommand.newRequest, [operation.name, syntax]);
        assert.equal(template.fileName, `new.${operation.cliCommand}.${syntax}`);
        const document = TextDocument.create(`file:///work/${template.fileName}`, syntax, 1, template.content);
        const diagnostics = service.validate(document);
        const what = `${template.fileName}:\n${template.content}`;
        // Valid: no error, no warning; each ID placeholder is pointed out as information.
        const serious = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
        assert.deepEqual(
          serious.map((d) => d.code),
          [],
          what,
        );
        for (const note of diagnostics.filter((d) => d.code === 'placeholder-value')) {
          assert.match(document.getText(note.range).replace(/"/g, ''), /^[a-z]+(-[a-z]+)*-0{8}$/, what);
        }
      }
    }
    const create = await server.execute<NewRequestTemplate>(ServerCommand.newRequest, ['create-network-interface', 'yaml']);
    assert.deepEqual(create, { fileName: 'new.create-network-interface.yaml', content: 'SubnetId: subnet-00000000\n' });
    assert.equal(await server.execute(ServerCommand.newRequest, ['no-such-operation', 'json']), null);
  });

  it('the request log never holds the secret key, the session token or a signature', TEST_OPTIONS, () => {
    const log = server.logMessages.map(({ message }) => message).join('\n');
    assert.match(log, /CreateNetworkInterface dry run → would-succeed/);
    assert.ok(!log.includes(FAKE_CREDENTIALS.secretAccessKey), 'secret key');
    assert.ok(!log.includes(FAKE_CREDENTIALS.sessionToken), 'session token');
    assert.doesNotMatch(log, /Signature=[0-9a-f]{64}/i);
    assert.doesNotMatch(log, /\b[0-9a-f]{64}\b/, 'nothing shaped like a signature');
  });
});

describe('a server whose client shows results and sets the endpoint', () => {
  let aws: TestAws;
  let configured: Ec2Double;
  let server: LspServer;
  const valid = uriOf('web.create-network-interface.json');

  before(async () => {
    aws = await isolateAws();
    configured = await Ec2Double.start();
    server = await startServer({ endpoint: configured.url, clientShowsResults: true }, {});
    await server.open(valid, VALID);
  });
  after(async () => {
    await server?.stop();
    await configured?.close();
    await aws?.restore();
  });

  it('sends to the endpoint of the initialization options, shows no message and creates no progress', TEST_OPTIONS, async () => {
    const result = await server.execute<ExecutionResult>(ServerCommand.dryRun, [valid]);
    assert.equal(result.kind, 'would-succeed');
    assert.deepEqual(
      configured.requests.map((r) => r.action),
      ['CreateNetworkInterface'],
    );
    assert.deepEqual(aws.double.requests, [], 'the initialization option wins over AWS_ENDPOINT_URL_EC2');
    assert.ok(!server.received.some((m) => m.method === 'window/showMessage'));
    assert.deepEqual(server.createdProgress, []);
  });
});

describe('a server in an untrusted workspace (executionAllowed: false)', () => {
  let aws: TestAws;
  let server: LspServer;
  const valid = uriOf('web.create-network-interface.json');

  before(async () => {
    aws = await isolateAws();
    server = await startServer({ executionAllowed: false }, {});
    await server.open(valid, VALID);
  });
  after(async () => {
    await server?.stop();
    await aws?.restore();
  });

  it('refuses every execution command with a clear message, sends nothing and offers no run actions', TEST_OPTIONS, async () => {
    server.answerMessageRequest = () => 'Run';
    const calls: [string, unknown[]][] = [
      [ServerCommand.dryRun, [valid]],
      [ServerCommand.run, [valid]],
      [ServerCommand.run, [valid, { confirmed: true }]],
      [ServerCommand.preflight, [valid]],
      [ServerCommand.preview, [valid]],
      [ServerCommand.whoAmI, [valid]],
      [ServerCommand.decodeAuthorizationMessage, ['TESTDOUBLEENCODED', valid]],
    ];
    for (const [command, args] of calls) {
      const result = await server.execute<ExecutionResult>(command, args);
      assert.equal(result.kind, 'error', command);
      assert.equal(result.title, 'Requests are not sent from an untrusted workspace', command);
    }
    assert.deepEqual(aws.double.requests, []);
    assert.deepEqual(server.messageRequests, [], 'no confirmation asked');
    assert.deepEqual(await server.codeActions(valid), []);
    // Still a language service: operations and templates need nothing sent.
    assert.equal((await server.execute<OperationSummary[]>(ServerCommand.operations, [])).length, 26);
  });
});
