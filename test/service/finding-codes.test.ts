/**
 * The codes of the live checks and of the preflight are catalogued where users look them up: each
 * `live:` code (LiveCode) has a SARIF description (LIVE_RULES, rule-catalogue.ts) and an entry in
 * docs/live-checks.md, and LIVE_RULES lists no code the checks do not emit; each preflight finding
 * code (PreflightCode) is named in docs/rules.md. A new code that skips one of them fails here.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { LIVE_RULES } from '../../server/src/cli/rule-catalogue';
import { PreflightCode } from '../../server/src/execution/preflight';
import { LiveCode } from '../../server/src/service/live/diagnostic';
import { projectRoot } from '../support/project-root';

const doc = (name: string) => fs.readFileSync(path.join(projectRoot(), 'docs', name), 'utf8');

test('every live code has a SARIF description and an entry in docs/live-checks.md; no description without a code', () => {
  const codes: string[] = Object.values(LiveCode);
  assert.ok(codes.includes('live:address-reserved'));
  assert.deepEqual(
    codes.filter((code) => !Object.hasOwn(LIVE_RULES, code)),
    [],
    'codes without a description in LIVE_RULES',
  );
  assert.deepEqual(
    Object.keys(LIVE_RULES).filter((code) => !codes.includes(code)),
    [],
    'descriptions of codes the live checks do not emit',
  );
  const liveDoc = doc('live-checks.md');
  assert.deepEqual(
    codes.filter((code) => !liveDoc.includes(`\`${code}\``)),
    [],
    'codes docs/live-checks.md does not name',
  );
});

test('every preflight finding code is named in docs/rules.md', () => {
  const rulesDoc = doc('rules.md');
  const codes: string[] = Object.values(PreflightCode);
  assert.ok(codes.includes('address-reserved'));
  assert.deepEqual(
    codes.filter((code) => !rulesDoc.includes(`\`${code}\``)),
    [],
    'preflight codes docs/rules.md does not name',
  );
});
