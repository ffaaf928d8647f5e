/**
 * Each outcome of a dry run, produced by the real SDK against the EC2 test double (or, for the
 * network failures, against nothing): its kind, what it says, the fields it points at, exit codes.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { decodeAuthorizationMessage, dryRun, EXIT_CODES, run, type OutcomeKind } from '../../server/src/execution/index';
import { answers, CALLER_ARN, DECODED_AUTHORIZATION_MESSAGE, ENCODED_AUTHORIZATION_MESSAGE } from '../ec2-double/ec2-double';
import { closedPort, exampleRequest, isolateAws, REGION, withEnv, type TestAws } from '../support/aws';

let aws: TestAws;
before(async () => (aws = await isolateAws()));
after(() => aws.restore());
beforeEach(() => aws.double.reset());

const create = () => exampleRequest('web.create-network-interface.json');
const NO_ENV_CREDENTIALS = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined };

test('DryRunOperation: would succeed, logged with operation, region, profile, endpoint, request ID and duration', async () => {
  const log: string[] = [];
  const result = await dryRun(create(), { maxAttempts: 1, log: (line) => log.push(line) });
  assert.equal(result.kind, 'would-succeed');
  assert.equal(result.code, 'DryRunOperation');
  assert.equal(result.title, 'CreateNetworkInterface would succeed');
  assert.equal(result.region, REGION);
  assert.equal(result.profile, undefined);
  assert.equal(EXIT_CODES[result.kind], 0);
  const host = new URL(aws.double.url).host;
  assert.deepEqual(log, [
    `→ CreateNetworkInterface POST http://${host}/ (attempt 1/1)`,
    `CreateNetworkInterface dry run → would-succeed (DryRunOperation) region=${REGION} profile=default endpoint=${host} requestId=${result.requestId} ${result.durationMs} ms`,
  ]);
});

test('UnauthorizedOperation: denied, with the encoded message kept apart and decoded through STS', async () => {
  aws.double.answer('CreateNetworkInterface', answers.unauthorized());
  const result = await dryRun(create(), { maxAttempts: 1 });
  assert.equal(result.kind, 'denied');
  assert.equal(result.code, 'UnauthorizedOperation');
  assert.equal(result.encodedAuthorizationMessage, ENCODED_AUTHORIZATION_MESSAGE);
  assert.doesNotMatch(result.message, /Encoded authorization failure message/);
  assert.match(result.message, /is not authorized to perform: ec2:CreateNetworkInterface/);
  assert.equal(EXIT_CODES[result.kind], 3);

  const decoded = await decodeAuthorizationMessage(result.encodedAuthorizationMessage ?? '', { maxAttempts: 1 });
  assert.equal(decoded.kind, 'succeeded', decoded.message);
  assert.deepEqual(JSON.parse(decoded.decoded ?? ''), JSON.parse(DECODED_AUTHORIZATION_MESSAGE));
  assert.equal(
    decoded.message,
    `${CALLER_ARN}: ec2:CreateNetworkInterface on arn:aws:ec2:eu-west-1:123456789012:network-interface/* is not allowed by any policy.`,
  );
  const sts = aws.double.requests.at(-1);
  assert.equal(sts?.service, 'sts');
  assert.equal(sts?.action, 'DecodeAuthorizationMessage');
  assert.equal(sts?.sigv4?.service, 'sts');
});

test('decoding a message STS does not know: invalid, with its code', async () => {
  const decoded = await decodeAuthorizationMessage('not-a-message', { maxAttempts: 1 });
  assert.equal(decoded.kind, 'invalid');
  assert.equal(decoded.code, 'InvalidAuthorizationMessageException');
});

test('InvalidSubnetID.NotFound: invalid, pointing at SubnetId', async () => {
  aws.double.answer('CreateNetworkInterface', answers.subnetNotFound('subnet-0123456789abcdef0'));
  const result = await dryRun(create(), { maxAttempts: 1 });
  assert.equal(result.kind, 'invalid');
  assert.equal(EXIT_CODES[result.kind], 4);
  assert.deepEqual(
    result.fieldProblems.map((p) => [p.path, p.code]),
    [[['SubnetId'], 'InvalidSubnetID.NotFound']],
  );
});

test('InvalidSubnetID.NotFound in RunInstances: the NetworkInterfaces item whose subnet the message names', async () => {
  const request = exampleRequest('two-nics.run-instances.json');
  aws.double.answer('RunInstances', answers.subnetNotFound('subnet-0123456789abcdef0'));
  const result = await dryRun(request, { maxAttempts: 1 });
  assert.deepEqual(
    result.fieldProblems.map((p) => p.path),
    [['NetworkInterfaces', 0, 'SubnetId']],
  );
});

test('InvalidGroup.NotFound: the Groups item the message names', async () => {
  aws.double.answer('CreateNetworkInterface', answers.groupNotFound('sg-11223344'));
  const result = await dryRun(create(), { maxAttempts: 1 });
  assert.deepEqual(
    result.fieldProblems.map((p) => p.path),
    [['Groups', 1]],
  );
});

test('InvalidParameterValue naming a parameter in wire spelling: the member it means', async () => {
  aws.double.answer('CreateNetworkInterface', answers.invalidParameterValue('sg-0f1e2d3c4b5a69788', 'groupId'));
  const result = await dryRun(create(), { maxAttempts: 1 });
  assert.equal(result.kind, 'invalid');
  assert.deepEqual(
    result.fieldProblems.map((p) => p.path),
    [['Groups', 0]],
  );
});

test('a request that never gets an answer: timeout', async () => {
  aws.double.answer('*', { kind: 'slow', delayMs: 5_000 });
  const started = Date.now();
  const result = await dryRun(create(), { maxAttempts: 1, timeoutMs: 200 });
  assert.equal(result.kind, 'timeout', result.message);
  assert.match(result.message, /did not answer within 0\.2 s/);
  assert.ok(Date.now() - started < 2_000, 'gives up at the timeout');
  assert.equal(EXIT_CODES[result.kind], 5);
});

test('a real run that times out says it may have taken effect', async () => {
  aws.double.answer('*', { kind: 'hang' });
  const result = await run(exampleRequest('old.delete-network-interface.json'), { confirmed: true, maxAttempts: 1, timeoutMs: 200 });
  assert.equal(result.kind, 'timeout');
  assert.match(result.message, /may still have taken effect/);
});

test('cancelling mid-request aborts the HTTP request: cancelled', async () => {
  aws.double.answer('*', { kind: 'hang' });
  const controller = new AbortController();
  const pending = dryRun(create(), { maxAttempts: 1, signal: controller.signal });
  await aws.double.received();
  controller.abort();
  const result = await pending;
  assert.equal(result.kind, 'cancelled');
  assert.equal(EXIT_CODES[result.kind], 130);
});

test('cancelled before it starts: nothing is sent', async () => {
  const result = await dryRun(create(), { signal: AbortSignal.abort() });
  assert.equal(result.kind, 'cancelled');
  assert.equal(aws.double.requests.length, 0);
});

test('no credentials anywhere: a clear message before anything is sent', async () => {
  const result = await withEnv(NO_ENV_CREDENTIALS, () => dryRun(create()));
  assert.equal(result.kind, 'no-credentials');
  assert.match(result.message, /^No AWS credentials found for the default profile: run `aws configure` or `aws sso login`/);
  assert.equal(aws.double.requests.length, 0);
  assert.equal(EXIT_CODES[result.kind], 5);
});

test('no credentials for a named profile: the message names it and its commands', async () => {
  const result = await dryRun(create(), { profile: 'prod' });
  assert.equal(result.kind, 'no-credentials');
  assert.equal(result.profile, 'prod');
  assert.match(result.message, /^No AWS credentials found for profile "prod": run `aws configure --profile prod` or `aws sso login --profile prod`/);
  assert.equal(aws.double.requests.length, 0);
});

test('no region anywhere: a clear message before anything is sent', async () => {
  const result = await withEnv({ AWS_REGION: undefined }, () => dryRun(create()));
  assert.equal(result.kind, 'no-region');
  assert.match(result.message, /^No AWS region is configured for the default profile: set the region setting, AWS_REGION \(or AWS_DEFAULT_REGION\)/);
  assert.equal(aws.double.requests.length, 0);
  assert.equal(EXIT_CODES[result.kind], 5);
});

test('region fallbacks: the option, AWS_REGION, AWS_DEFAULT_REGION, then the profile', async () => {
  const signedRegion = async (options: { region?: string; profile?: string }) => {
    aws.double.reset();
    const result = await dryRun(create(), { maxAttempts: 1, ...options });
    assert.equal(result.kind, 'would-succeed', result.message);
    assert.equal(aws.double.requests[0].sigv4?.region, result.region);
    return result.region;
  };
  assert.equal(await signedRegion({ region: 'us-east-2' }), 'us-east-2');
  assert.equal(await signedRegion({}), REGION);
  await withEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: 'ap-south-1' }, async () => assert.equal(await signedRegion({}), 'ap-south-1'));
  const config = aws.configFile(
    '[profile regional]\nregion = us-west-2\naws_access_key_id = AKIDPROFILEREGIONAL1\naws_secret_access_key = profile-secret-0123456789\n',
  );
  await withEnv({ AWS_REGION: undefined, AWS_CONFIG_FILE: config }, async () => {
    assert.equal(await signedRegion({ profile: 'regional' }), 'us-west-2');
    assert.equal(aws.double.requests[0].sigv4?.accessKeyId, 'AKIDPROFILEREGIONAL1', "the profile's credentials, not the environment's");
  });
});

test('RequestLimitExceeded: throttled', async () => {
  aws.double.answer('*', answers.throttled());
  const result = await dryRun(create(), { maxAttempts: 1 });
  assert.equal(result.kind, 'throttled');
  assert.equal(result.code, 'RequestLimitExceeded');
  assert.equal(EXIT_CODES[result.kind], 5);
});

test("the SDK's retries are used: a server error is tried maxAttempts times", async () => {
  aws.double.answer('*', { kind: 'error', status: 500, code: 'InternalError', message: 'An internal error has occurred' });
  const result = await dryRun(create(), { maxAttempts: 2 });
  assert.equal(result.kind, 'error');
  assert.equal(result.code, 'InternalError');
  assert.equal(aws.double.requests.length, 2);
  assert.equal(EXIT_CODES[result.kind], 1);
});

test('AuthFailure: the credentials were not accepted', async () => {
  aws.double.answer('*', answers.authFailure());
  const result = await dryRun(create(), { maxAttempts: 1 });
  assert.equal(result.kind, 'auth-failure');
  assert.match(result.title, /did not accept the credentials of the default profile/);
  assert.equal(EXIT_CODES[result.kind], 5);
});

test('an endpoint nobody listens on: unreachable (and an explicit endpoint wins over AWS_ENDPOINT_URL_EC2)', async () => {
  const port = await closedPort();
  const result = await dryRun(create(), { maxAttempts: 1, endpoint: `http://127.0.0.1:${port}` });
  assert.equal(result.kind, 'unreachable', result.message);
  assert.equal(result.title, `Could not reach EC2 at 127.0.0.1:${port}`);
  assert.match(result.message, /ECONNREFUSED/);
  assert.equal(aws.double.requests.length, 0);
  assert.equal(EXIT_CODES[result.kind], 5);
});

test('every outcome kind has an exit code in the documented ranges', () => {
  const kinds: OutcomeKind[] = [
    'would-succeed',
    'succeeded',
    'denied',
    'invalid',
    'unreachable',
    'no-credentials',
    'no-region',
    'cancelled',
    'timeout',
    'throttled',
    'auth-failure',
    'error',
    'no-dry-run',
    'not-confirmed',
  ];
  assert.deepEqual(Object.keys(EXIT_CODES).sort(), [...kinds].sort());
  const byCode = (code: number) => kinds.filter((k) => EXIT_CODES[k] === code).sort();
  assert.deepEqual(byCode(0), ['succeeded', 'would-succeed']);
  assert.deepEqual(byCode(5), ['auth-failure', 'no-credentials', 'no-region', 'throttled', 'timeout', 'unreachable']);
});
