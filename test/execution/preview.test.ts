/**
 * The preview: the request the SDK would send (method, URL, form body, signed headers with the
 * signature and token redacted) and the equivalent AWS CLI command, without sending anything.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { preview } from '../../server/src/execution/index';
import { exampleRequest, FAKE_CREDENTIALS, isolateAws, REGION, withEnv, withInput, type TestAws } from '../support/aws';

let aws: TestAws;
before(async () => (aws = await isolateAws()));
after(() => aws.restore());
beforeEach(() => aws.double.reset());

test('the dry-run request: URL from the endpoint, exact form body, redacted signature, CLI line; nothing sent', async () => {
  const request = exampleRequest('prefixes.create-network-interface.json');
  const result = await preview(request);
  assert.equal(result.kind, 'succeeded', result.message);
  assert.equal(aws.double.requests.length, 0);
  const p = result.preview;
  assert.ok(p);
  assert.equal(p.method, 'POST');
  assert.equal(p.url, `${aws.double.url}/`);
  assert.equal(
    p.body,
    'Action=CreateNetworkInterface&Version=2016-11-15&SubnetId=subnet-0123456789abcdef0' +
      '&Ipv4Prefix.1.Ipv4Prefix=10.0.2.16%2F28&Ipv6Prefix.1.Ipv6Prefix=2001%3Adb8%3A1%3A2%3A3%3A%3A%2F80' +
      '&ClientToken=prefixes-2026-11-23&DryRun=true',
  );
  assert.match(
    p.headers.authorization,
    new RegExp(
      `^AWS4-HMAC-SHA256 Credential=${FAKE_CREDENTIALS.accessKeyId}/\\d{8}/${REGION}/ec2/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=<redacted>$`,
    ),
  );
  assert.equal(p.headers['x-amz-security-token'], '<redacted>');
  assert.equal(p.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(p.placeholderCredentials, false);
  // The endpoint from AWS_ENDPOINT_URL_EC2 (the double) is on the CLI line too: not every AWS CLI reads that variable.
  assert.equal(
    p.cliCommand,
    `aws ec2 create-network-interface --cli-input-json file://${request.filePath} --dry-run --region ${REGION} --endpoint-url ${aws.double.url.replace(/\/$/, '')}`,
  );
  assert.match(result.message, /Nothing was sent/);
  assert.doesNotMatch(result.message, /AWS CLI v2/);
});

test('YAML, a profile, an explicit endpoint: all on the CLI line; the real request has no DryRun', async () => {
  const config = aws.configFile('[profile ops]\nregion = us-west-2\naws_access_key_id = AKIDPROFILEOPS000001\naws_secret_access_key = ops-secret-0123456789\n');
  const request = { ...exampleRequest('old.delete-network-interface.yaml'), filePath: "/work/team's requests/old.delete-network-interface.yaml" };
  const result = await withEnv({ AWS_CONFIG_FILE: config, AWS_REGION: undefined }, () =>
    preview(request, { profile: 'ops', endpoint: 'http://127.0.0.1:1/ec2', dryRun: false }),
  );
  assert.equal(result.kind, 'succeeded', result.message);
  assert.equal(result.preview?.url, 'http://127.0.0.1:1/ec2/');
  assert.equal(result.preview?.body, 'Action=DeleteNetworkInterface&Version=2016-11-15&NetworkInterfaceId=eni-0a1b2c3d4e5f60718');
  assert.match(result.preview?.headers.authorization ?? '', /Credential=AKIDPROFILEOPS000001\/\d{8}\/us-west-2\/ec2\//);
  assert.equal(
    result.preview?.cliCommand,
    `aws ec2 delete-network-interface --cli-input-yaml 'file:///work/team'\\''s requests/old.delete-network-interface.yaml' --region us-west-2 --profile ops --endpoint-url http://127.0.0.1:1/ec2`,
  );
  assert.match(result.message, /--cli-input-yaml needs AWS CLI v2/);
});

test('no credentials: still a preview, signed with placeholders, and it says so', async () => {
  const result = await withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined }, () =>
    preview(exampleRequest('web.create-tags.json')),
  );
  assert.equal(result.kind, 'succeeded', result.message);
  assert.equal(result.preview?.placeholderCredentials, true);
  assert.match(result.message, /No credentials were found for the default profile: the request is signed with placeholder credentials/);
  assert.match(result.preview?.headers.authorization ?? '', /Credential=AKIAIOSFODNN7EXAMPLE\/.*Signature=<redacted>$/);
  assert.equal(result.preview?.headers['x-amz-security-token'], undefined);
  assert.equal(aws.double.requests.length, 0);
});

test('an operation without DryRun: the real request, with a warning that it changes the account', async () => {
  const result = await preview(exampleRequest('more.assign-private-ip-addresses.json'));
  assert.equal(
    result.preview?.body,
    'Action=AssignPrivateIpAddresses&Version=2016-11-15&NetworkInterfaceId=eni-0a1b2c3d4e5f60718&PrivateIpAddress.1=10.0.1.30&PrivateIpAddress.2=10.0.1.31&AllowReassignment=true',
  );
  assert.doesNotMatch(result.preview?.cliCommand ?? '', /--dry-run/);
  assert.match(result.message, /AssignPrivateIpAddresses has no dry run: this is the request a real run sends, and it changes the account/);
  assert.equal(aws.double.requests.length, 0);
});

test('a file with DryRun: false: the dry-run preview still says DryRun=true, on the wire and on the CLI line', async () => {
  const request = exampleRequest('old.delete-network-interface.json');
  const result = await preview(withInput(request, { ...request.input, DryRun: false }));
  assert.match(result.preview?.body ?? '', /&DryRun=true$/);
  assert.match(result.preview?.cliCommand ?? '', / --dry-run /);
});

test('no region: no preview (the URL depends on it)', async () => {
  const result = await withEnv({ AWS_REGION: undefined }, () => preview(exampleRequest('web.create-tags.json')));
  assert.equal(result.kind, 'no-region');
  assert.equal(result.preview, undefined);
});
