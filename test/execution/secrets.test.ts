/**
 * Every execution path, run with known fake credentials: no log line, result (title, message,
 * field problems, preview, report, output) may contain the secret key, the session token or a
 * signature, in plain or URL-encoded form, even when the service echoes a secret in an error.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeAuthorizationMessage, dryRun, preflight, preview, run, whoAmI, type ExecutionOptions } from '../../server/src/execution/index';
import { answers, ENCODED_AUTHORIZATION_MESSAGE } from '../ec2-double/ec2-double';
import { closedPort, exampleRequest, FAKE_CREDENTIALS, isolateAws, withEnv, type TestAws } from '../support/aws';

let aws: TestAws;
before(async () => (aws = await isolateAws()));
after(() => aws.restore());

test('no secret, token or signature in any log line, result or preview', async () => {
  const log: string[] = [];
  const results: unknown[] = [];
  const options: ExecutionOptions = { maxAttempts: 1, timeoutMs: 200, log: (line) => log.push(line) };
  const create = exampleRequest('web.create-network-interface.json');
  const assign = exampleRequest('more.assign-private-ip-addresses.json');
  const collect = async (scenario: () => Promise<unknown>) => results.push(await scenario());
  const { secretAccessKey, sessionToken } = FAKE_CREDENTIALS;

  await collect(() => dryRun(create, options));
  await collect(() => dryRun(assign, options));
  for (const answer of [answers.unauthorized(), answers.subnetNotFound('subnet-0123456789abcdef0'), answers.throttled(), answers.authFailure()]) {
    aws.double.answer('*', answer);
    await collect(() => dryRun(create, options));
  }
  // A service that echoes the secrets back: the guard catches them by value.
  aws.double.answer('*', {
    kind: 'error',
    status: 400,
    code: 'InvalidParameterValue',
    message: `Value (${secretAccessKey}) for parameter SubnetId is invalid. Token ${encodeURIComponent(sessionToken)}`,
  });
  await collect(() => dryRun(create, options));
  aws.double.answer('*', { kind: 'hang' });
  await collect(() => dryRun(create, options));
  const controller = new AbortController();
  const cancelled = dryRun(create, { ...options, timeoutMs: 5_000, signal: controller.signal });
  await aws.double.received();
  controller.abort();
  results.push(await cancelled);
  const sent = [...aws.double.requests];
  aws.double.reset();
  const port = await closedPort();
  await collect(() => dryRun(create, { ...options, endpoint: `http://127.0.0.1:${port}` }));
  await collect(() => withEnv({ AWS_REGION: undefined }, () => dryRun(create, options)));
  await collect(() => run(create, options));
  await collect(() => run(create, { ...options, confirmed: true }));
  aws.double.interfaces = [
    {
      id: 'eni-0a1b2c3d4e5f60718',
      subnetId: 'subnet-0123456789abcdef0',
      vpcId: 'vpc-0123456789abcdef0',
      privateIps: [{ address: '10.0.1.25', primary: true }],
    },
  ];
  await collect(() => preflight(assign, options));
  await collect(() => preview(create, options));
  await collect(() => preview(assign, options));
  await collect(() => whoAmI(options));
  await collect(() => decodeAuthorizationMessage(ENCODED_AUTHORIZATION_MESSAGE, options));

  const signatures = [...sent, ...aws.double.requests].map((r) => r.sigv4?.signature).filter((s): s is string => !!s);
  assert.ok(signatures.length >= 10, 'requests were signed and sent');
  assert.ok(log.length >= results.length, 'every execution logged');
  const text = [...log, ...results.map((r) => JSON.stringify(r))].join('\n');
  for (const secret of [secretAccessKey, sessionToken, ...signatures]) {
    for (const form of [secret, encodeURIComponent(secret)]) assert.ok(!text.includes(form), `leaked: ${form.slice(0, 12)}…`);
  }
  // The previews were signed but never sent: no signature-shaped value but the body hashes.
  const bodyHashes = results.flatMap((r) => (r as { preview?: { headers: Record<string, string> } }).preview?.headers['x-amz-content-sha256'] ?? []);
  assert.deepEqual(
    [...new Set(text.match(/\b[0-9a-f]{64}\b/g) ?? [])].filter((hex) => !bodyHashes.includes(hex)),
    [],
  );
  assert.ok(text.includes('<redacted>'), 'the echoed secrets and the preview signatures were redacted');
});
