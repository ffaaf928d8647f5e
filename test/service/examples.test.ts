/**
 * examples/valid must pass with zero diagnostics; every file in examples/broken is named
 * `<rule-code>[-n].<cli-command>.<ext>` and must trigger that rule. Every catalogue rule has one.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { pathToFileURL } from 'node:url';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { summarize } from '../support/service';

const examples = path.join(process.cwd(), 'examples');
const service = new RequestLanguageService();

function load(file: string): TextDocument {
  const languageId = /\.ya?ml$/.test(file) ? 'yaml' : 'json';
  return TextDocument.create(pathToFileURL(file).href, languageId, 1, fs.readFileSync(file, 'utf8'));
}

const validFiles = fs.readdirSync(path.join(examples, 'valid')).map((f) => path.join(examples, 'valid', f));
const brokenFiles = fs.readdirSync(path.join(examples, 'broken')).map((f) => path.join(examples, 'broken', f));

test('every supported operation has a valid example in JSON and in YAML', () => {
  const commands = new Set(service.registry.all().map((o) => o['x-operation'].cliCommand));
  for (const extension of ['json', 'yaml']) {
    const covered = new Set(validFiles.filter((f) => f.endsWith(`.${extension}`)).map((f) => path.basename(f).split('.').at(-2)));
    assert.deepEqual(
      [...commands].filter((c) => !covered.has(c)),
      [],
      `operations without a valid .${extension} example`,
    );
  }
});

for (const file of validFiles) {
  test(`valid example ${path.basename(file)} has no errors and no warnings`, () => {
    // Information stays: e.g. no-dry-run says on every Assign/Unassign request that a run changes the account.
    const diagnostics = service.validate(load(file)).filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
    assert.equal(diagnostics.length, 0, summarize(diagnostics));
  });
}

for (const file of brokenFiles) {
  const code = path.basename(file).split('.')[0].replace(/-\d+$/, '');
  test(`broken example ${path.basename(file)} triggers ${code}`, () => {
    const diagnostics = service.validate(load(file));
    assert.ok(
      diagnostics.some((d) => d.code === code),
      `expected ${code}, got:\n${summarize(diagnostics)}`,
    );
  });
}

test('every rule in the catalogue (docs/rules.md) has a broken example', () => {
  const catalogue = [
    ...fs
      .readFileSync(path.join(process.cwd(), 'docs', 'rules.md'), 'utf8')
      .matchAll(/^\| <a id="[a-z0-9-]+"><\/a>`([a-z0-9-]+)` \| (error|warning|information)/gm),
  ].map((m) => m[1]);
  assert.ok(catalogue.length > 40, `read ${catalogue.length} rules from docs/rules.md`);
  const shown = new Set(brokenFiles.map((f) => path.basename(f).split('.')[0].replace(/-\d+$/, '')));
  assert.deepEqual(
    catalogue.filter((code) => !shown.has(code)),
    [],
  );
});
