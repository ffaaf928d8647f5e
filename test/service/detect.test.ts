import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectOperation, globMatches } from '../../server/src/service/detect';
import { OperationRegistry } from '../../server/src/model/registry';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RequestLanguageService } from '../../server/src/service/language-service';

const registry = new OperationRegistry();
const op = (d: ReturnType<typeof detectOperation>) => (d.kind === 'operation' ? `${d.operation['x-operation'].name} by ${d.source}` : d.kind);

test('a modeline names the operation in YAML and JSONC, and wins over the file name', () => {
  assert.equal(op(detectOperation('# ec2: create-network-interface\nSubnetId: x\n', '/r/a.yaml', registry)), 'CreateNetworkInterface by modeline');
  assert.equal(op(detectOperation('// ec2: delete-network-interface\n{}', '/r/a.jsonc', registry)), 'DeleteNetworkInterface by modeline');
  assert.equal(op(detectOperation('# a comment\n\n#ec2:run-instances\nMinCount: 1\n', '/r/x.create-tags.yaml', registry)), 'RunInstances by modeline');
  assert.equal(op(detectOperation('\uFEFF# ec2: CreateTags\n', '/r/a.yaml', registry)), 'CreateTags by modeline');
});

test('a modeline after the first content line is not a modeline', () => {
  assert.equal(op(detectOperation('SubnetId: x\n# ec2: create-network-interface\n', '/r/a.yaml', registry)), 'none');
});

test('an unknown operation in a modeline is reported with its range', () => {
  const text = '# ec2: create-network-interfaces\n';
  const detection = detectOperation(text, '/r/a.yaml', registry);
  assert.equal(detection.kind, 'unknown-modeline');
  if (detection.kind !== 'unknown-modeline') return;
  assert.equal(text.slice(detection.offset, detection.offset + detection.length), 'create-network-interfaces');
});

test('the file name convention <name>.<cli-command>.<ext>', () => {
  assert.equal(op(detectOperation('{}', '/r/web.create-network-interface.json', registry)), 'CreateNetworkInterface by file name');
  assert.equal(op(detectOperation('{}', 'C:\\r\\a.b.attach-network-interface.yml', registry)), 'AttachNetworkInterface by file name');
  assert.equal(op(detectOperation('{}', '/r/describe-network-interfaces.jsonc', registry)), 'DescribeNetworkInterfaces by file name');
  assert.equal(op(detectOperation('{}', '/r/web.create-network-interface.txt', registry)), 'none');
  assert.equal(op(detectOperation('{}', '/r/package.json', registry)), 'none');
  assert.equal(op(detectOperation('{}', '/r/web.create-load-balancer.json', registry)), 'none');
});

test('the glob setting maps other files to operations', () => {
  const associations = { 'requests/nics/*.json': 'create-network-interface', '**/attach/**/*.{yaml,yml}': 'AttachNetworkInterface' };
  assert.equal(op(detectOperation('{}', '/w/requests/nics/web.json', registry, associations)), 'CreateNetworkInterface by setting');
  assert.equal(op(detectOperation('{}', '/w/a/attach/b/c.yml', registry, associations)), 'AttachNetworkInterface by setting');
  assert.equal(op(detectOperation('{}', '/w/requests/nics/deep/web.json', registry, associations)), 'none');
  assert.equal(op(detectOperation('{}', '/w/x.json', registry, { '*.json': 'no-such-operation' })), 'none');
});

test('glob matching', () => {
  assert.ok(globMatches('*.json', '/a/b/c.json'));
  assert.ok(globMatches('/a/**/c.json', '/a/c.json'));
  assert.ok(globMatches('/a/**/c.json', '/a/x/y/c.json'));
  assert.ok(!globMatches('/a/*/c.json', '/a/x/y/c.json'));
  assert.ok(globMatches('file?.yaml', '/x/file1.yaml'));
  assert.ok(!globMatches('file.json', '/x/profile.json'));
});

test('a file named after an EC2 operation eni-requests does not check says so, with the supported ones; other names stay silent', () => {
  const diagnostics = (name: string) => new RequestLanguageService().validate(TextDocument.create(`file:///work/${name}`, 'json', 1, '{ "Type": "instant" }'));
  const [note] = diagnostics('web.create-fleet.json');
  assert.equal(note.code, 'no-operation');
  assert.match(
    String(note.message),
    /^create-fleet is not an operation eni-requests checks, so this file is not checked\. Supported: .*create-launch-template/,
  );
  for (const name of ['docker-compose.json', 'app.docker-compose.json', 'tsconfig.json', 'web.create-network-interface-notes.md'])
    assert.deepEqual(diagnostics(name), [], name);
});
