/**
 * Lazy loading: the build puts the SDK in dist/execution.js alone, and loadExecution() finds it
 * next to the bundle that asks. Needs the build (`node scripts/build.mjs`), as `npm test` runs it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadExecution } from '../../server/src/execution/load';

const dist = path.join(process.cwd(), 'dist');
/** A string only the EC2 client holds (its protocol settings). */
const SDK_MARKER = 'com.amazonaws.ec2';

test('dist/execution.js holds the SDK; the server and the CLI bundles do not', () => {
  assert.ok(existsSync(path.join(dist, 'execution.js')), 'build first: node scripts/build.mjs');
  assert.ok(readFileSync(path.join(dist, 'execution.js'), 'utf8').includes(SDK_MARKER));
  for (const bundle of ['server.js', 'cli.js']) {
    assert.ok(!readFileSync(path.join(dist, bundle), 'utf8').includes(SDK_MARKER), `${bundle} must not bundle the AWS SDK`);
  }
});

test('dist/execution.js carries no schema index: execution is handed operation schemas, the server and the CLI bundle the one index', () => {
  // `x-filters` is a keyword only the generated schemas hold.
  assert.ok(!readFileSync(path.join(dist, 'execution.js'), 'utf8').includes('x-filters'), 'execution.js must not bundle build/schemas/index.json');
  for (const bundle of ['server.js', 'cli.js']) assert.ok(readFileSync(path.join(dist, bundle), 'utf8').includes('x-filters'), `${bundle} bundles the schemas`);
});

test('loadExecution loads the bundle next to the caller once, with the whole API', () => {
  const execution = loadExecution(dist);
  for (const name of [
    'dryRun',
    'run',
    'preflight',
    'preview',
    'whoAmI',
    'decodeAuthorizationMessage',
    'confirmationPrompt',
    'fieldProblemsFor',
    'redact',
  ] as const) {
    assert.equal(typeof execution[name], 'function', name);
  }
  assert.equal(execution.EXIT_CODES.denied, 3);
  assert.equal(loadExecution(dist), execution);
});
