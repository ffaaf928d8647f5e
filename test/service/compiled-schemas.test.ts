/**
 * The engine validates with the exported schemas, compiled by ajv at build time
 * (server/src/service/validation/schema-keywords.ts → build/validators): the code in the bundle is
 * the current export compiled, and the project's keywords (`x-idKind`, `x-format`) are checks in
 * it. What the diagnostics say is tested through the service (schema-rules, cli-reading, …).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { validators, type CompiledValidator } from '../../build/validators';
import { OperationRegistry } from '../../server/src/model/registry';
import { compileValidationCode } from '../../server/src/service/validation/schema-keywords';
import { projectRoot } from '../support/project-root';

const root = projectRoot();
const registry = new OperationRegistry();

test('build/validators holds every operation`s exported schema compiled with the current keywords (npm run generate)', () => {
  const outDir = path.join(root, 'build', 'validators');
  const code = compileValidationCode(registry.all(), '../../server/src/service/validation/formats');
  assert.deepEqual(
    [...code.keys()].sort(),
    registry
      .all()
      .map((o) => o['x-operation'].name)
      .sort(),
  );
  assert.deepEqual(Object.keys(validators).sort(), [...code.keys()].sort());
  for (const [name, source] of code) {
    const written = fs.readFileSync(path.join(outDir, `${name}.js`), 'utf8');
    assert.ok(written.endsWith(source + '\n'), `build/validators/${name}.js is not the current export compiled: run npm run generate`);
    assert.doesNotMatch(source, /"(?:markdownDescription|x-shape|x-operation)":/, `${name}: annotations are left out of the code`);
  }
});

/** The keywords that fail at each instance path. */
function failures(validate: CompiledValidator, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
}

test('x-idKind is a keyword of the compiled code: the kind, 8 or 17 lowercase hex digits, not the all-zero placeholder', () => {
  const validate = validators.DeleteNetworkInterface();
  assert.deepEqual(failures(validate, { NetworkInterfaceId: 'eni-0a1b2c3d' }), []);
  assert.deepEqual(failures(validate, { NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718' }), []);
  for (const bad of ['eni-0A1B2C3D', 'eni-12345', 'i-0a1b2c3d', 'eni-attach-0a1b2c3d', 'eni-00000000']) {
    assert.deepEqual(failures(validate, { NetworkInterfaceId: bad }), ['/NetworkInterfaceId x-idKind'], bad);
  }
  assert.deepEqual(failures(validators.DetachNetworkInterface(), { AttachmentId: 'eni-attach-0a1b2c3d' }), []);
});

test('x-format is a keyword of the compiled code: addresses, delegated prefixes, and a timestamp`s day against its month', () => {
  const assign = validators.AssignPrivateIpAddresses();
  const eni = 'eni-0a1b2c3d4e5f60718';
  assert.deepEqual(failures(assign, { NetworkInterfaceId: eni, PrivateIpAddresses: ['10.0.1.5'], Ipv4Prefixes: ['10.0.1.16/28'] }), []);
  assert.deepEqual(failures(assign, { NetworkInterfaceId: eni, PrivateIpAddresses: ['10.0.1.256'], Ipv4Prefixes: ['10.0.1.5/28'] }).sort(), [
    '/Ipv4Prefixes/0 x-format',
    '/PrivateIpAddresses/0 x-format',
  ]);
  const spot = validators.RequestSpotInstances();
  assert.deepEqual(failures(spot, { ValidUntil: '2028-02-29T00:00:00Z' }), []);
  assert.deepEqual(failures(spot, { ValidUntil: 1893456000.5 }), []);
  assert.deepEqual(failures(spot, { ValidUntil: '2030-02-30T00:00:00Z' }).sort(), ['/ValidUntil anyOf', '/ValidUntil type', '/ValidUntil x-format']);
});

test('the compiled code checks EC2`s own required members (the AWS CLI`s defaults are forgiven by the validator, per consumer)', () => {
  const run = validators.RunInstances();
  assert.deepEqual(failures(run, { ImageId: 'ami-1' }).sort(), [' required', ' required']);
});
