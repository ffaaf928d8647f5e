/** redact: known secrets by value (plain and URL-encoded), signatures and tokens by shape. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redact } from '../../server/src/execution/redact';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

test('known secrets, plain and URL-encoded', () => {
  assert.equal(redact(`key ${SECRET} and ${encodeURIComponent(SECRET)}`, [SECRET]), 'key <redacted> and <redacted>');
});

test('SigV4 signatures, whatever the secret', () => {
  const header = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'ab'.repeat(32)}`;
  assert.equal(
    redact(header),
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=<redacted>',
  );
  assert.equal(redact(`https://h/?X-Amz-Signature=${'0'.repeat(64)}&a=b`), 'https://h/?X-Amz-Signature=<redacted>&a=b');
});

test('tokens and secret keys written as name and value', () => {
  assert.equal(redact('aws_secret_access_key = abc/def+ghi'), 'aws_secret_access_key = <redacted>');
  assert.equal(redact('X-Amz-Security-Token: FwoGZXIvYXdzE'), 'X-Amz-Security-Token: <redacted>');
  assert.equal(redact('{"SessionToken":"FwoGZXIvYXdzE","AccessKeyId":"ASIA1"}'), '{"SessionToken":"<redacted>","AccessKeyId":"ASIA1"}');
});

test('ordinary text, empty and short "secrets" are left alone', () => {
  const text = 'CreateNetworkInterface dry run → would-succeed region=eu-west-1 requestId=abc 12 ms';
  assert.equal(redact(text, ['', undefined, 'run']), text);
});
