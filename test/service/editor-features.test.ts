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

test('the layout: the live checks’ problems and the instance type their cache knows, only while they are on', async () => {
  const p5 = { instanceType: 'p5.48xlarge', maximumNetworkCards: 32, maximumNetworkInterfaces: 64, efaSupported: true, maximumEfaInterfaces: 32 };
  const queries: unknown[] = [];
  const features = new EditorFeatures({
    live: {
      lookup: async (query) => {
        queries.push(query);
        return {
          kind: 'succeeded',
          title: 'ok',
          message: 'ok',
          operation: 'Describe',
          fieldProblems: [],
          durationMs: 0,
          instanceTypes: [p5],
          unknownInstanceTypes: [],
        };
      },
    },
  });
  const text = JSON.stringify({
    LaunchTemplateName: 'p5-training',
    LaunchTemplateData: {
      InstanceType: 'p5.48xlarge',
      NetworkInterfaces: [
        { NetworkCardIndex: 0, DeviceIndex: 0 },
        { NetworkCardIndex: 32, DeviceIndex: 0, InterfaceType: 'efa-only' },
      ],
    },
  });
  const document = doc(text, 'p5.create-launch-template.json');
  const launchOf = () => {
    const answer = features.layout(document);
    assert.equal(answer.kind, 'layout');
    return answer.kind === 'layout' ? answer.layout.launches[0] : undefined;
  };
  assert.equal(launchOf()?.instanceType, undefined, 'live checks off');
  features.configure({ liveChecks: true });
  await features.live.settle([document]);
  assert.equal(queries.length, 1);
  const launch = launchOf();
  assert.deepEqual(launch?.instanceType, {
    name: 'p5.48xlarge',
    maximumNetworkCards: 32,
    maximumNetworkInterfaces: 64,
    efaSupported: true,
    maximumEfaInterfaces: 32,
  });
  assert.deepEqual(
    launch?.cells.map((c) => c.codes),
    [[], ['live:instance-type-limit']],
  );
  features.configure({ liveChecks: false });
  assert.equal(launchOf()?.instanceType, undefined, 'off again');
});
