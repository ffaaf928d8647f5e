/**
 * The AWS CLI's own documentation examples (awscli/examples/ec2/*.rst), written as request files in
 * test/fixtures/aws-cli-docs (its README says where each comes from): each comes out with no error
 * and no warning. The few that are wrong per EC2's rules are listed here with what they must give,
 * so that they are neither hidden nor silently accepted.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { summarize } from '../support/service';

const folder = path.join(process.cwd(), 'test', 'fixtures', 'aws-cli-docs');
const service = new RequestLanguageService();
const files = fs
  .readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** Examples wrong per EC2's rules (README: "Examples that are wrong"): code and the text each diagnostic covers. */
const WRONG: Record<string, [code: string, covered: string][]> = {
  // Two security group IDs in one string: `Groups` is a list of IDs.
  'ex2.create-launch-template.json': [['malformed-id', '"sg-7c227019,sg-903004f8"']],
};

function load(file: string): TextDocument {
  return TextDocument.create(pathToFileURL(path.join(folder, file)).href, 'json', 1, fs.readFileSync(path.join(folder, file), 'utf8'));
}

test('every supported operation has at least one AWS CLI documentation example, and each file is in the README', () => {
  const readme = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
  const commands = new Set(files.map((f) => f.split('.').at(-2)));
  assert.deepEqual(
    service.registry
      .all()
      .map((o) => o['x-operation'].cliCommand)
      .filter((c) => !commands.has(c)),
    [],
  );
  assert.deepEqual(
    files.filter((f) => !readme.includes(`| \`${f}\` |`)),
    [],
  );
  assert.ok(files.length >= 70, `${files.length} files`);
});

for (const file of files) {
  const expected = WRONG[file] ?? [];
  test(`AWS CLI docs ${file} ${expected.length ? `gives exactly ${expected.map(([code]) => code).join(', ')}` : 'has no errors and no warnings'}`, () => {
    const document = load(file);
    const found = service.validate(document).filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
    assert.deepEqual(
      found.map((d) => [d.code, document.getText(d.range)]),
      expected,
      summarize(found),
    );
  });
}
