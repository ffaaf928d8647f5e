/**
 * The project file (.eni-requests.json), read by the editor and the CLI from the nearest folder up:
 * file associations, consumers and rule levels; the editor's settings win over it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RequestLanguageService } from '../../server/src/service/language-service';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-project-'));
fs.writeFileSync(
  path.join(root, '.eni-requests.json'),
  JSON.stringify({
    fileAssociations: { 'nics/*.json': 'create-network-interface' },
    consumers: { 'sdk/**': 'sdk' },
    rules: { 'force-detach': 'off', 'attach-device-index-zero': 'error' },
  }),
);
const doc = (relative: string, text: string) => {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return TextDocument.create(pathToFileURL(file).href, 'json', 1, text);
};
const codes = (service: RequestLanguageService, document: TextDocument) => service.validate(document).map((d) => [d.code, d.severity]);

test('file associations and consumers from the project file, in a subfolder', () => {
  const service = new RequestLanguageService();
  assert.deepEqual(codes(service, doc('deep/nics/a.json', '{ "SubnetID": "subnet-0123456789abcdef0" }')), [['unknown-parameter', DiagnosticSeverity.Error]]);
  assert.deepEqual(codes(service, doc('sdk/x.run-instances.json', '{ "ImageId": "ami-0123456789abcdef0" }')), [
    ['missing-required', DiagnosticSeverity.Error],
    ['missing-required', DiagnosticSeverity.Error],
  ]);
  // Elsewhere the AWS CLI reads the file, and unrelated JSON stays unchecked.
  assert.deepEqual(codes(service, doc('cli/x.run-instances.json', '{ "ImageId": "ami-0123456789abcdef0" }')), [
    ['cli-default-count', DiagnosticSeverity.Information],
  ]);
  assert.deepEqual(codes(service, doc('other/a.json', '{ "SubnetID": "x" }')), []);
});

test('rule levels: off drops a code, a level replaces its severity', () => {
  const service = new RequestLanguageService();
  assert.deepEqual(codes(service, doc('d.detach-network-interface.json', '{ "AttachmentId": "eni-attach-0123456789abcdef0", "Force": true }')), []);
  assert.deepEqual(
    codes(
      service,
      doc('a.attach-network-interface.json', '{ "NetworkInterfaceId": "eni-0a1b2c3d4e5f60718", "InstanceId": "i-0123456789abcdef0", "DeviceIndex": 0 }'),
    ),
    [['attach-device-index-zero', DiagnosticSeverity.Error]],
  );
});

test("the editor's settings win over the project file for the same glob", () => {
  const service = new RequestLanguageService({ settings: { fileAssociations: { 'nics/*.json': 'delete-network-interface' } } });
  assert.deepEqual(codes(service, doc('nics/b.json', '{ "NetworkInterfaceId": "eni-0a1b2c3d4e5f60718" }')), []);
});

test('a project file that is not understood is reported, not thrown', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-project-bad-'));
  fs.writeFileSync(path.join(dir, '.eni-requests.json'), JSON.stringify({ rules: { 'force-detach': 'loud' }, colours: true }));
  const document = TextDocument.create(
    pathToFileURL(path.join(dir, 'x.delete-network-interface.json')).href,
    'json',
    1,
    '{ "NetworkInterfaceId": "eni-0a1b2c3d4e5f60718" }',
  );
  const found = new RequestLanguageService().validate(document);
  assert.deepEqual(
    found.map((d) => d.code),
    ['project-config', 'project-config'],
  );
  assert.match(String(found[0].message), /"rules" → "force-detach" must be off, error, warning, information|"colours" is not a setting/);
});

test('the nearest project file is looked up once a second per folder: a new one is seen within a second, not at once', async () => {
  const folder = fs.mkdtempSync(path.join(root, 'later-'));
  const file = path.join(folder, 'x.detach-network-interface.json');
  const text = '{ "AttachmentId": "eni-attach-0123456789abcdef0", "Force": true }';
  const service = new RequestLanguageService();
  const check = () => service.validate(TextDocument.create(pathToFileURL(file).href, 'json', 1, text)).map((d) => [d.code, d.severity]);
  // The root's project file turns force-detach off.
  assert.deepEqual(check(), []);
  fs.writeFileSync(path.join(folder, '.eni-requests.json'), JSON.stringify({ rules: { 'force-detach': 'error' } }));
  assert.deepEqual(check(), [], 'the answer of a moment ago (no stat of every folder on each keystroke)');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.deepEqual(check(), [['force-detach', DiagnosticSeverity.Error]]);
});
