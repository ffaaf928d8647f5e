/**
 * The editor features composed once (service + runner + live checks), in process: what the
 * language server publishes and answers, without a connection.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorFeatures } from '../../server/src/service/editor-features';

const doc = (text: string, name = 'web.create-network-interface.json') => TextDocument.create(`file:///work/${name}`, 'json', 1, text);

test('diagnostics follow the settings: file associations and consumers', () => {
  const features = new EditorFeatures();
  const unnamed = doc('{ "SubnetID": "subnet-0123456789abcdef0" }', 'nics/a.json');
  assert.deepEqual(features.diagnostics(unnamed), []);
  features.configure({ fileAssociations: { 'nics/*.json': 'create-network-interface' } });
  assert.deepEqual(
    features.diagnostics(unnamed).map((d) => d.code),
    ['unknown-parameter'],
  );
  const launch = doc('{ "ImageId": "ami-0123456789abcdef0" }', 'x.run-instances.json');
  assert.deepEqual(
    features.diagnostics(launch).map((d) => d.code),
    ['cli-default-count'],
  );
  features.configure({ consumers: { '**/*.run-instances.json': 'sdk' } });
  assert.deepEqual(
    features.diagnostics(launch).map((d) => d.code),
    ['missing-required', 'missing-required'],
  );
});

test('completion, hover and code actions come from the service and the runner; a malformed setting falls back to the default', () => {
  const features = new EditorFeatures({ trust: { executionAllowed: false } });
  features.configure({ timeoutSeconds: 'soon', fileAssociations: 'all' });
  assert.equal(features.runnerSettings().timeoutSeconds, undefined);
  assert.equal(features.runnerSettings().executionAllowed, false);
  const document = doc('{ "SubnetId": "subnet-0123456789abcdef0" }');
  assert.ok(features.complete(document, { line: 0, character: 1 }).items.some((item) => item.label === 'Description'));
  assert.match(JSON.stringify(features.hover(document, { line: 0, character: 5 })), /SubnetId/);
  // Untrusted: the runner offers no run actions; the service's source actions remain possible.
  assert.deepEqual(
    features.codeActions(document, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []).filter((a) => /Dry-run/.test(a.title)),
    [],
  );
  features.forget(document.uri);
});
