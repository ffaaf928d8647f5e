/**
 * Values as the AWS CLI reads them and botocore judges them, through the service: timestamps,
 * tagged YAML scalars, strings the CLI cannot encode. The real CLIs check the same in test/cli-oracle.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { isTimestampText } from '../../server/src/service/validation/schema-validator';
import { withDates } from '../../server/src/execution/sdk-input';
import { checkRequest, json, summarize } from '../support/service';

const BASE = { ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1 };
const withValidUntil = (value: unknown) => json({ ...BASE, InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { ValidUntil: value } } });
const errors = (r: ReturnType<typeof checkRequest>) => r.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code);

test('timestamps: ISO 8601 and seconds since 1970 (number or text) are taken, as botocore takes them', () => {
  for (const value of ['2030-01-01T00:00:00Z', '2030-01-01', '2030-01-01T00:00:00.5+02:00', 1893456000, 1893456000.5, '1893456000']) {
    const r = checkRequest('run-instances', withValidUntil(value));
    assert.deepEqual(errors(r), [], `${value}: ${summarize(r.diagnostics)}`);
  }
});

test('timestamps: text botocore cannot read, a month 13, true, and a YAML date (not a date and time) are errors', () => {
  assert.deepEqual(errors(checkRequest('run-instances', withValidUntil('tomorrow'))), ['wrong-type']);
  assert.deepEqual(errors(checkRequest('run-instances', withValidUntil('2030-13-01T00:00:00Z'))), ['wrong-type']);
  assert.deepEqual(errors(checkRequest('run-instances', withValidUntil(true))), ['boolean-as-number']);
  const yaml = (value: string) =>
    `ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nInstanceMarketOptions:\n  MarketType: spot\n  SpotOptions:\n    ValidUntil: ${value}\n`;
  assert.deepEqual(errors(checkRequest('run-instances', yaml('2030-01-01'), 'yaml')), ['cli-yaml-type']);
  // Its legal neighbours: a YAML date and time, and the quoted date (text botocore reads).
  assert.deepEqual(errors(checkRequest('run-instances', yaml('2030-01-01T00:00:00Z'), 'yaml')), []);
  assert.deepEqual(errors(checkRequest('run-instances', yaml('"2030-01-01"'), 'yaml')), []);
  assert.equal(isTimestampText('2030-02-30'), false);
  assert.equal(isTimestampText('2028-02-29'), true);
});

test('timestamps reach the SDK as dates, read as botocore reads them (no zone: UTC)', () => {
  const schema = {
    type: 'object' as const,
    properties: {
      At: { type: 'string' as const, format: 'date-time' as const },
      List: { type: 'array' as const, items: { type: 'string' as const, format: 'date-time' as const } },
    },
  };
  const out = withDates(schema, { At: '2030-01-01T00:00:00', List: [1893456000, '1893456000'], Other: 'x' }) as { At: Date; List: Date[]; Other: string };
  assert.equal(out.At.toISOString(), '2030-01-01T00:00:00.000Z');
  assert.deepEqual(
    out.List.map((d) => d.toISOString()),
    ['2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z'],
  );
  assert.equal(out.Other, 'x');
});

test('tagged YAML scalars as the CLI constructs them: !!bool yes is true, !!bool maybe fails, `<<` as a value fails', () => {
  const yaml = (value: string) => `AllocationId: eipalloc-0123456789abcdef0\nNetworkInterfaceId: eni-0a1b2c3d4e5f60718\nAllowReassociation: ${value}\n`;
  assert.deepEqual(errors(checkRequest('associate-address', yaml('!!bool yes'), 'yaml')), []);
  assert.ok(errors(checkRequest('associate-address', yaml('!!bool maybe'), 'yaml')).includes('cli-yaml-syntax'));
  const merge = checkRequest('create-network-interface', 'SubnetId: subnet-0123456789abcdef0\nDescription: <<\n', 'yaml');
  assert.deepEqual(errors(merge), ['cli-yaml-syntax']);
  assert.deepEqual(errors(checkRequest('create-network-interface', 'SubnetId: subnet-0123456789abcdef0\nDescription: "<<"\n', 'yaml')), []);
});

test('cli-refuses: half a surrogate pair, which the AWS CLI cannot encode; the whole pair is fine', () => {
  assert.deepEqual(errors(checkRequest('create-network-interface', '{"SubnetId": "subnet-0123456789abcdef0", "Description": "a\\ud800b"}')), ['cli-refuses']);
  assert.deepEqual(errors(checkRequest('create-network-interface', '{"SubnetId": "subnet-0123456789abcdef0", "Description": "a\\ud83d\\ude00b"}')), []);
});
