/**
 * Quick fixes through the service: the diagnostics `validate` reports (or hand-made ones, for fix
 * kinds no rule emits yet), the actions `codeActions` offers for them, applied to the text. Every
 * fix is checked for the exact resulting text, a clean parse, and the diagnostic being gone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/service/document/parse';
import type { FixData } from '../../server/src/service/validation/problem';
import { requestDocument, service, summarize } from '../support/service';

type Syntax = 'json' | 'yaml';

const SUBNET = 'subnet-0123456789abcdef0';
const SG = 'sg-0123456789abcdef0';
const SG2 = 'sg-0123456789abcdef1';
const ENI = 'eni-0123456789abcdef0';

function diagnosticWith(document: TextDocument, code: string, message?: RegExp): Diagnostic {
  const all = service.validate(document);
  const found = all.filter((d) => d.code === code && (!message || message.test(String(d.message))));
  assert.ok(found.length > 0, `no ${code} diagnostic in:\n${summarize(all)}`);
  return found[0];
}

function actionsFor(document: TextDocument, diagnostic: Diagnostic): CodeAction[] {
  return service.codeActions(document, diagnostic.range, [diagnostic]);
}

function applied(document: TextDocument, action: CodeAction): string {
  const edits = action.edit?.changes?.[document.uri];
  assert.ok(edits, `"${action.title}" has no text edits`);
  return TextDocument.applyEdits(document, edits);
}

function assertParses(text: string, syntax: Syntax): void {
  const errors = parseDocument(text, syntax).problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, [], `the fixed text does not parse:\n${text}`);
}

/**
 * Applies the quick fix titled `title` for the first `code` diagnostic of a request and returns
 * the new text, after checking that it parses and no longer has that diagnostic.
 */
function fix(cliCommand: string, syntax: Syntax, text: string, code: string, title: string, message?: RegExp): string {
  const document = requestDocument(cliCommand, text, syntax);
  const diagnostic = diagnosticWith(document, code, message);
  const actions = actionsFor(document, diagnostic);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no action "${title}"; offered: ${actions.map((a) => a.title).join(' | ')}`);
  assert.equal(action.kind, 'quickfix');
  assert.deepEqual(action.diagnostics, [diagnostic]);
  const result = applied(document, action);
  assertParses(result, syntax);
  const after = service.validate(requestDocument(cliCommand, result, syntax, 2));
  assert.ok(!after.some((d) => d.code === code && d.message === diagnostic.message), `still reported after the fix:\n${summarize(after)}`);
  return result;
}

/** A diagnostic of ours carrying `fixes`, as a rule would report it. */
function ours(fixes: FixData[], code = 'unknown-parameter'): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: DiagnosticSeverity.Error,
    source: 'eni-requests',
    code,
    message: 'hand-made',
    data: { fixes },
  };
}

/** Applies the single action a hand-made fix offers and returns the text. */
function applyHandMade(document: TextDocument, fixData: FixData, syntax: Syntax): string {
  const actions = service.codeActions(document, ours([fixData]).range, [ours([fixData])]);
  assert.equal(actions.length, 1, `offered: ${actions.map((a) => a.title).join(' | ')}`);
  const result = applied(document, actions[0]);
  assertParses(result, syntax);
  return result;
}

// rename-key ---------------------------------------------------------------------------------

test('rename-key: did-you-mean renames a JSON key, preferred', () => {
  const text = `{\n  "SubnetID": "${SUBNET}",\n  "Description": "web"\n}\n`;
  const document = requestDocument('create-network-interface', text);
  const [action] = actionsFor(document, diagnosticWith(document, 'unknown-parameter'));
  assert.equal(action.title, 'Change to SubnetId');
  assert.equal(action.isPreferred, true);
  const result = fix('create-network-interface', 'json', text, 'unknown-parameter', 'Change to SubnetId');
  assert.equal(result, `{\n  "SubnetId": "${SUBNET}",\n  "Description": "web"\n}\n`);
  assert.deepEqual(service.validate(requestDocument('create-network-interface', result, 'json', 2)), []);
});

test('rename-key: a key in a YAML list item, and a quoted YAML key keeps its quotes', () => {
  const text = `SubnetId: ${SUBNET}\nPrivateIpAddresses:\n  - PrivateIPAddress: 10.0.0.5\n    Primary: true\n`;
  assert.equal(
    fix('create-network-interface', 'yaml', text, 'unknown-parameter', 'Change to PrivateIpAddress'),
    `SubnetId: ${SUBNET}\nPrivateIpAddresses:\n  - PrivateIpAddress: 10.0.0.5\n    Primary: true\n`,
  );
  assert.equal(fix('create-network-interface', 'yaml', `'SubnetID': ${SUBNET}\n`, 'unknown-parameter', 'Change to SubnetId'), `'SubnetId': ${SUBNET}\n`);
});

// replace-value ------------------------------------------------------------------------------

test('replace-value: an enum near miss in JSON, preferred', () => {
  const text = `{\n  "SubnetId": "${SUBNET}",\n  "InterfaceType": "trunc"\n}`;
  const document = requestDocument('create-network-interface', text);
  const [action] = actionsFor(document, diagnosticWith(document, 'interface-type'));
  assert.equal(action.isPreferred, true);
  assert.equal(
    fix('create-network-interface', 'json', text, 'interface-type', 'Change to "trunk"'),
    `{\n  "SubnetId": "${SUBNET}",\n  "InterfaceType": "trunk"\n}`,
  );
});

test('replace-value: a quoted number becomes a number in YAML and JSON', () => {
  assert.equal(
    fix('create-network-interface', 'yaml', `SubnetId: ${SUBNET}\nSecondaryPrivateIpAddressCount: "2" # two more\n`, 'wrong-type', 'Change to the number 2'),
    `SubnetId: ${SUBNET}\nSecondaryPrivateIpAddressCount: 2 # two more\n`,
  );
  assert.equal(
    fix('create-network-interface', 'json', `{"SubnetId": "${SUBNET}", "SecondaryPrivateIpAddressCount": "2"}`, 'wrong-type', 'Change to the number 2'),
    `{"SubnetId": "${SUBNET}", "SecondaryPrivateIpAddressCount": 2}`,
  );
});

test('replace-value: YAML strings that would read as something else are quoted', () => {
  assert.equal(
    fix('create-network-interface', 'yaml', `SubnetId: ${SUBNET}\nDescription: true\n`, 'wrong-type', 'Change to the string "true"'),
    `SubnetId: ${SUBNET}\nDescription: "true"\n`,
  );
  assert.equal(
    fix('create-network-interface', 'yaml', `SubnetId: ${SUBNET}\nDescription: 1.50\n`, 'wrong-type', 'Change to the string "1.50"'),
    `SubnetId: ${SUBNET}\nDescription: "1.50"\n`,
  );
});

test('replace-value: a bare value becomes a list, block in YAML, inline in JSON', () => {
  assert.equal(
    fix('create-network-interface', 'yaml', `SubnetId: ${SUBNET}\nGroups: ${SG}\nDescription: web\n`, 'wrong-type', 'Make it a list of one item'),
    `SubnetId: ${SUBNET}\nGroups:\n  - ${SG}\nDescription: web\n`,
  );
  assert.equal(
    fix('create-network-interface', 'json', `{\n  "SubnetId": "${SUBNET}",\n  "Groups": "${SG}"\n}\n`, 'wrong-type', 'Make it a list of one item'),
    `{\n  "SubnetId": "${SUBNET}",\n  "Groups": ["${SG}"]\n}\n`,
  );
});

test('replace-value: a nested path inside a list (RunInstances DeviceIndex)', () => {
  const text = `MinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: ${SUBNET}\n  - DeviceIndex: 0\n    SubnetId: ${SUBNET}\n`;
  assert.equal(
    fix('run-instances', 'yaml', text, 'nic-device-index', 'Change DeviceIndex to 1'),
    `MinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: ${SUBNET}\n  - DeviceIndex: 1\n    SubnetId: ${SUBNET}\n`,
  );
});

test('replace-value: of two alternative corrections neither is preferred', () => {
  const document = requestDocument('run-instances', '{"MinCount": 3, "MaxCount": 2}');
  const actions = actionsFor(document, diagnosticWith(document, 'min-max-count'));
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred ?? false]),
    [
      ['Set MinCount to 2', false],
      ['Set MaxCount to 3', false],
    ],
  );
  assert.equal(applied(document, actions[1]), '{"MinCount": 3, "MaxCount": 3}');
});

// wrap-value ---------------------------------------------------------------------------------

test('wrap-value: a bare attribute value becomes { "Value": … } in JSON and YAML', () => {
  assert.equal(
    fix(
      'modify-network-interface-attribute',
      'json',
      `{\n  "NetworkInterfaceId": "${ENI}",\n  "SourceDestCheck": false\n}\n`,
      'attribute-value-shape',
      'Wrap in { "Value": … }',
    ),
    `{\n  "NetworkInterfaceId": "${ENI}",\n  "SourceDestCheck": { "Value": false }\n}\n`,
  );
  assert.equal(
    fix(
      'modify-network-interface-attribute',
      'yaml',
      `NetworkInterfaceId: ${ENI}\nDescription: "web server"\n`,
      'attribute-value-shape',
      'Wrap in { "Value": … }',
    ),
    `NetworkInterfaceId: ${ENI}\nDescription:\n  Value: "web server"\n`,
  );
  assert.equal(
    fix(
      'modify-network-interface-attribute',
      'yaml',
      `{NetworkInterfaceId: ${ENI}, SourceDestCheck: false}\n`,
      'attribute-value-shape',
      'Wrap in { "Value": … }',
    ),
    `{NetworkInterfaceId: ${ENI}, SourceDestCheck: { Value: false }}\n`,
  );
});

// insert-member ------------------------------------------------------------------------------

test('insert-member: a required member into an empty JSON object and into a YAML mapping', () => {
  assert.equal(
    fix('create-network-interface', 'json', '{}\n', 'missing-required', 'Insert required member SubnetId'),
    '{\n  "SubnetId": "subnet-00000000"\n}\n',
  );
  assert.equal(
    fix('create-network-interface', 'json', '{\n    "Description": "web"\n}\n', 'missing-required', 'Insert required member SubnetId'),
    '{\n    "Description": "web",\n    "SubnetId": "subnet-00000000"\n}\n',
  );
  assert.equal(
    fix('create-network-interface', 'yaml', '# the web ENI\nDescription: web # shown in the console\n', 'missing-required', 'Insert required member SubnetId'),
    '# the web ENI\nDescription: web # shown in the console\nSubnetId: subnet-00000000\n',
  );
});

test('insert-member: into a nested empty JSON object', () => {
  assert.equal(
    fix(
      'modify-network-interface-attribute',
      'json',
      `{\n  "NetworkInterfaceId": "${ENI}",\n  "Attachment": {}\n}\n`,
      'attachment-change',
      'Insert AttachmentId',
    ),
    `{\n  "NetworkInterfaceId": "${ENI}",\n  "Attachment": {\n    "AttachmentId": "eni-attach-00000000"\n  }\n}\n`,
  );
});

test('insert-member: into a YAML list-item object and a JSON list-item object', () => {
  assert.equal(
    fix(
      'run-instances',
      'yaml',
      `MinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - SubnetId: ${SUBNET}\n    Groups: [${SG}]\nTagSpecifications: []\n`,
      'nic-device-index',
      'Insert DeviceIndex',
    ),
    `MinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - SubnetId: ${SUBNET}\n    Groups: [${SG}]\n    DeviceIndex: 0\nTagSpecifications: []\n`,
  );
  assert.equal(
    fix(
      'run-instances',
      'json',
      `{\n  "MinCount": 1,\n  "MaxCount": 1,\n  "NetworkInterfaces": [{ "SubnetId": "${SUBNET}" }]\n}\n`,
      'nic-device-index',
      'Insert DeviceIndex',
    ),
    `{\n  "MinCount": 1,\n  "MaxCount": 1,\n  "NetworkInterfaces": [{ "SubnetId": "${SUBNET}", "DeviceIndex": 0 }]\n}\n`,
  );
});

// remove-member ------------------------------------------------------------------------------

const ASSIGN = 'assign-private-ip-addresses';
const DRY_RUN = /has no DryRun/;

test('remove-member: the first, a middle, the last and the only JSON member, commas right', () => {
  const remove = (text: string) => fix(ASSIGN, 'json', text, 'unknown-parameter', 'Remove DryRun', DRY_RUN);
  assert.equal(
    remove(`{\n  "DryRun": true,\n  "NetworkInterfaceId": "${ENI}",\n  "SecondaryPrivateIpAddressCount": 2\n}\n`),
    `{\n  "NetworkInterfaceId": "${ENI}",\n  "SecondaryPrivateIpAddressCount": 2\n}\n`,
  );
  assert.equal(
    remove(`{\n  "NetworkInterfaceId": "${ENI}",\n  "DryRun": true,\n  "SecondaryPrivateIpAddressCount": 2\n}\n`),
    `{\n  "NetworkInterfaceId": "${ENI}",\n  "SecondaryPrivateIpAddressCount": 2\n}\n`,
  );
  assert.equal(
    remove(`{\n  "NetworkInterfaceId": "${ENI}",\n  "SecondaryPrivateIpAddressCount": 2,\n  "DryRun": true\n}\n`),
    `{\n  "NetworkInterfaceId": "${ENI}",\n  "SecondaryPrivateIpAddressCount": 2\n}\n`,
  );
  assert.equal(
    remove(`{"NetworkInterfaceId": "${ENI}", "SecondaryPrivateIpAddressCount": 2, "DryRun": true}`),
    `{"NetworkInterfaceId": "${ENI}", "SecondaryPrivateIpAddressCount": 2}`,
  );
  assert.equal(
    remove(`{"DryRun": true, "NetworkInterfaceId": "${ENI}", "SecondaryPrivateIpAddressCount": 2}`),
    `{"NetworkInterfaceId": "${ENI}", "SecondaryPrivateIpAddressCount": 2}`,
  );
  assert.equal(remove('{\n  "DryRun": true\n}\n'), '{}\n');
});

test('remove-member: a YAML property with its lines', () => {
  assert.equal(
    fix(
      ASSIGN,
      'yaml',
      `NetworkInterfaceId: ${ENI}\nDryRun: true # from the create request\nSecondaryPrivateIpAddressCount: 2\n`,
      'unknown-parameter',
      'Remove DryRun',
      DRY_RUN,
    ),
    `NetworkInterfaceId: ${ENI}\nSecondaryPrivateIpAddressCount: 2\n`,
  );
});

test('remove-member: a list item in JSON and in a YAML block list', () => {
  assert.equal(
    fix(
      'create-network-interface',
      'json',
      `{\n  "SubnetId": "${SUBNET}",\n  "Groups": ["${SG}", "${SG2}", "${SG}"]\n}\n`,
      'duplicate-value',
      'Remove the repeated Groups[2]',
    ),
    `{\n  "SubnetId": "${SUBNET}",\n  "Groups": ["${SG}", "${SG2}"]\n}\n`,
  );
  assert.equal(
    fix(
      'create-network-interface',
      'yaml',
      `SubnetId: ${SUBNET}\nGroups:\n  - ${SG}\n  - ${SG}\n  - ${SG2}\n`,
      'duplicate-value',
      'Remove the repeated Groups[1]',
    ),
    `SubnetId: ${SUBNET}\nGroups:\n  - ${SG}\n  - ${SG2}\n`,
  );
});

test('remove-member: a hand-made fix removes a nested YAML list item holding a mapping', () => {
  const text = `SubnetId: ${SUBNET}\nPrivateIpAddresses:\n  - PrivateIpAddress: 10.0.0.5\n    Primary: true\n  - PrivateIpAddress: 10.0.0.6\n`;
  const document = requestDocument('create-network-interface', text, 'yaml');
  assert.equal(
    applyHandMade(document, { fix: 'remove-member', path: ['PrivateIpAddresses', 0] }, 'yaml'),
    `SubnetId: ${SUBNET}\nPrivateIpAddresses:\n  - PrivateIpAddress: 10.0.0.6\n`,
  );
  const [action] = service.codeActions(document, ours([]).range, [ours([{ fix: 'remove-member', path: ['PrivateIpAddresses', 0, 'Primary'] }])]);
  assert.equal(action.title, 'Remove Primary');
  assert.equal(
    applyHandMade(document, { fix: 'remove-member', path: ['PrivateIpAddresses', 0, 'PrivateIpAddress'] }, 'yaml'),
    `SubnetId: ${SUBNET}\nPrivateIpAddresses:\n  - Primary: true\n  - PrivateIpAddress: 10.0.0.6\n`,
  );
});

// move-members -------------------------------------------------------------------------------

const MOVE_TITLE = 'Move SubnetId and SecurityGroupIds into NetworkInterfaces[0] (SecurityGroupIds as Groups)';

test('move-members: instance-level members into NetworkInterfaces[0], JSON', () => {
  const text =
    `{\n  "MinCount": 1,\n  "MaxCount": 1,\n  "SubnetId": "${SUBNET}",\n  "SecurityGroupIds": ["${SG}"],\n` +
    `  "NetworkInterfaces": [\n    {\n      "DeviceIndex": 0\n    }\n  ]\n}\n`;
  const result = fix('run-instances', 'json', text, 'nic-instance-level-conflict', MOVE_TITLE);
  assert.equal(
    result,
    `{\n  "MinCount": 1,\n  "MaxCount": 1,\n  "NetworkInterfaces": [\n    {\n      "DeviceIndex": 0,\n      "SubnetId": "${SUBNET}",\n      "Groups": ["${SG}"]\n    }\n  ]\n}\n`,
  );
  assert.deepEqual(service.validate(requestDocument('run-instances', result, 'json', 2)), []);
});

test('move-members: instance-level members after NetworkInterfaces, YAML', () => {
  const text = `MinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - DeviceIndex: 0\nSubnetId: ${SUBNET} # private subnet\nSecurityGroupIds:\n  - ${SG}\n  - ${SG2}\n`;
  const result = fix('run-instances', 'yaml', text, 'nic-instance-level-conflict', MOVE_TITLE);
  assert.equal(
    result,
    `MinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: ${SUBNET}\n    Groups:\n      - ${SG}\n      - ${SG2}\n`,
  );
  assert.deepEqual(service.validate(requestDocument('run-instances', result, 'yaml', 2)), []);
});

test('move-members: one action for all the diagnostics that carry the move', () => {
  const text = `{"MinCount": 1, "MaxCount": 1, "SubnetId": "${SUBNET}", "SecurityGroupIds": ["${SG}"], "NetworkInterfaces": [{"DeviceIndex": 0}]}`;
  const document = requestDocument('run-instances', text);
  const conflicts = service.validate(document).filter((d) => d.code === 'nic-instance-level-conflict');
  assert.equal(conflicts.length, 2);
  const whole = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
  const actions = service.codeActions(document, whole, conflicts);
  assert.deepEqual(
    actions.map((a) => [a.title, a.diagnostics]),
    [[MOVE_TITLE, conflicts]],
  );
  assert.equal(
    applied(document, actions[0]),
    `{"MinCount": 1, "MaxCount": 1, "NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": "${SUBNET}", "Groups": ["${SG}"]}]}`,
  );
});

test('move-members: nothing when the target already has a member of that name', () => {
  const text = `{"MinCount": 1, "MaxCount": 1, "SubnetId": "${SUBNET}", "NetworkInterfaces": [{"DeviceIndex": 0, "SubnetId": "${SUBNET}"}]}`;
  const document = requestDocument('run-instances', text);
  const move: FixData = { fix: 'move-members', paths: [['SubnetId']], targetPath: ['NetworkInterfaces', 0], title: 'Move SubnetId' };
  assert.deepEqual(service.codeActions(document, ours([move]).range, [ours([move])]), []);
});

// explain ------------------------------------------------------------------------------------

test('explain: a command that shows the message, no edit', () => {
  const document = requestDocument('create-network-interface', `SubnetId: ${SUBNET}\nGroups: [web-servers]\n`, 'yaml');
  const diagnostic = diagnosticWith(document, 'security-group-ids');
  const [action] = actionsFor(document, diagnostic);
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.edit, undefined);
  assert.equal(action.command?.command, 'eni-requests.explain');
  assert.match(String(action.command?.arguments?.[0]), /describe-security-groups/);
  assert.deepEqual(action.diagnostics, [diagnostic]);
});

// choose-operation ---------------------------------------------------------------------------

function operationActions(uri: string, languageId: string, text: string): { document: TextDocument; actions: CodeAction[] } {
  const document = TextDocument.create(uri, languageId, 1, text);
  const hint = service.validate(document).find((d) => d.code === 'no-operation');
  assert.ok(hint, 'no no-operation diagnostic');
  return { document, actions: actionsFor(document, hint) };
}

const LOOKS_LIKE_CREATE = `{\n  "SubnetId": "${SUBNET}",\n  "Description": "web"\n}\n`;

test('choose-operation: a plain JSON file is only offered a new name', () => {
  const { actions } = operationActions('file:///work/eni.json', 'json', LOOKS_LIKE_CREATE);
  assert.deepEqual(
    actions.map((a) => [a.title, a.edit]),
    [
      [
        'Rename the file to eni.create-network-interface.json',
        { documentChanges: [{ kind: 'rename', oldUri: 'file:///work/eni.json', newUri: 'file:///work/eni.create-network-interface.json' }] },
      ],
    ],
  );
});

test('choose-operation: JSONC and YAML get a modeline as their first line, and a new name', () => {
  const jsonc = operationActions('file:///work/my%20eni.jsonc', 'jsonc', LOOKS_LIKE_CREATE);
  assert.deepEqual(
    jsonc.actions.map((a) => a.title),
    ['Add the modeline "// ec2: create-network-interface"', 'Rename the file to my eni.create-network-interface.jsonc'],
  );
  assert.equal(applied(jsonc.document, jsonc.actions[0]), `// ec2: create-network-interface\n${LOOKS_LIKE_CREATE}`);
  assert.deepEqual(jsonc.actions[1].edit?.documentChanges, [
    { kind: 'rename', oldUri: 'file:///work/my%20eni.jsonc', newUri: 'file:///work/my%20eni.create-network-interface.jsonc' },
  ]);

  const yamlText = `SubnetId: ${SUBNET}\r\nDescription: web\r\n`;
  const yaml = operationActions('file:///work/eni.yml', 'yaml', yamlText);
  const withModeline = applied(yaml.document, yaml.actions[0]);
  assert.equal(withModeline, `# ec2: create-network-interface\r\n${yamlText}`);
  const checked = TextDocument.create('file:///work/eni.yml', 'yaml', 2, withModeline);
  assert.deepEqual(service.validate(checked), []);
});

test('choose-operation: a mistyped command in the file name is replaced', () => {
  const { actions } = operationActions('file:///work/web.create-network-interfaces.json', 'json', LOOKS_LIKE_CREATE);
  assert.deepEqual(actions[0].edit?.documentChanges, [
    { kind: 'rename', oldUri: 'file:///work/web.create-network-interfaces.json', newUri: 'file:///work/web.create-network-interface.json' },
  ]);
});

test('choose-operation: an unknown modeline command is corrected in place, at most five choices', () => {
  const text = `# ec2: create-network-interfac\nSubnetId: ${SUBNET}\n`;
  const { document, actions } = operationActions('file:///work/eni.yaml', 'yaml', text);
  assert.ok(actions.length > 0 && actions.length <= 5);
  assert.equal(actions[0].title, 'Change the operation to create-network-interface');
  assert.ok(actions.every((a) => a.edit?.changes && !a.edit.documentChanges));
  const result = applied(document, actions[0]);
  assert.equal(result, `# ec2: create-network-interface\nSubnetId: ${SUBNET}\n`);
  assert.deepEqual(service.validate(TextDocument.create('file:///work/eni.yaml', 'yaml', 2, result)), []);
});

// what offers nothing ------------------------------------------------------------------------

test('a stale path offers no action', () => {
  const before = requestDocument('create-network-interface', `{\n  "SubnetID": "${SUBNET}"\n}\n`);
  const diagnostic = diagnosticWith(before, 'unknown-parameter');
  const after = requestDocument('create-network-interface', `{\n  "SubnetId": "${SUBNET}"\n}\n`, 'json', 2);
  assert.deepEqual(service.codeActions(after, diagnostic.range, [diagnostic]), []);
  const gone: FixData[] = [
    { fix: 'replace-value', path: ['Groups', 3], value: SG },
    { fix: 'wrap-value', path: ['Description'], key: 'Value' },
    { fix: 'remove-member', path: ['DryRun'] },
    { fix: 'insert-member', objectPath: ['Attachment'], key: 'AttachmentId', value: '' },
    { fix: 'insert-member', objectPath: [], key: 'SubnetId', value: SUBNET }, // already there
    { fix: 'move-members', paths: [['Description']], targetPath: [], title: 'Move' },
    { fix: 'rename-key', path: [0, 'SubnetId'], newKey: 'X' },
  ];
  assert.deepEqual(service.codeActions(after, ours(gone).range, [ours(gone)]), []);
});

test('a path through a YAML alias edits the anchor, and says so; the alias itself is edited in place', () => {
  const text = `SubnetId: ${SUBNET}\nTagSpecifications:\n  - &spec\n    ResourceType: network-interfac\n    Tags: []\n  - *spec\n`;
  const document = requestDocument('create-network-interface', text, 'yaml');
  const replace: FixData = { fix: 'replace-value', path: ['TagSpecifications', 1, 'ResourceType'], value: 'network-interface' };
  const [replaced] = service.codeActions(document, ours([replace]).range, [ours([replace])]);
  assert.equal(replaced.title, 'Change to "network-interface" in the anchor &spec (changes every use of it)');
  assert.equal(applied(document, replaced), text.replace('network-interfac\n', 'network-interface\n'));
  const remove: FixData = { fix: 'remove-member', path: ['TagSpecifications', 1, 'Tags'] };
  const [removed] = service.codeActions(document, ours([remove]).range, [ours([remove])]);
  assert.equal(removed.title, 'Remove Tags in the anchor &spec (changes every use of it)');
  assert.equal(applied(document, removed), text.replace('    Tags: []\n', ''));
  // Through the anchor itself the fix applies without a note (and so reaches both entries).
  const direct: FixData = { fix: 'replace-value', path: ['TagSpecifications', 0, 'ResourceType'], value: 'network-interface' };
  assert.match(applyHandMade(document, direct, 'yaml'), /ResourceType: network-interface\n/);
  // What the alias stands for as a whole is replaced or removed at the alias.
  const item: FixData = { fix: 'remove-member', path: ['TagSpecifications', 1] };
  assert.equal(applyHandMade(document, item, 'yaml'), text.replace('  - *spec\n', ''));
});

test('a merged member is edited under its anchor; what cannot be written at an alias is not offered', () => {
  const text = `SubnetId: ${SUBNET}\nTagSpecifications:\n  - &spec\n    ResourceType: network-interface\n    Tags: [{Key: a, Value: b}]\n  - <<: *spec\n    Tags: []\n`;
  const document = requestDocument('create-network-interface', text, 'yaml');
  const rename: FixData = { fix: 'rename-key', path: ['TagSpecifications', 1, 'ResourceType'], newKey: 'Type' };
  const [renamed] = service.codeActions(document, ours([rename]).range, [ours([rename])]);
  assert.equal(renamed.title, 'Change to Type in the anchor &spec (changes every use of it)');
  assert.equal(applied(document, renamed), text.replace('    ResourceType:', '    Type:'));
  // The entry's own member is edited in the entry.
  const own: FixData = { fix: 'remove-member', path: ['TagSpecifications', 1, 'Tags'] };
  assert.equal(applyHandMade(document, own, 'yaml'), text.replace('    Tags: []\n', ''));
  // Moving a merged member would need an edit at the anchor and one at the user: not offered.
  const move: FixData = { fix: 'move-members', paths: [['TagSpecifications', 1, 'ResourceType']], targetPath: [], title: 'Move' };
  assert.deepEqual(service.codeActions(document, ours([move]).range, [ours([move])]), []);
});

test('an edit that would break the document is not offered', () => {
  // Removing the anchored member leaves the alias dangling.
  const document = requestDocument('create-network-interface', `SubnetId: &s ${SUBNET}\nDescription: *s\n`, 'yaml');
  const removal: FixData = { fix: 'remove-member', path: ['SubnetId'] };
  assert.deepEqual(service.codeActions(document, ours([removal]).range, [ours([removal])]), []);
});

test('diagnostics that are not ours, or outside the range, are ignored', () => {
  const document = requestDocument('create-network-interface', `{\n  "SubnetID": "${SUBNET}"\n}\n`);
  const diagnostic = diagnosticWith(document, 'unknown-parameter');
  assert.deepEqual(service.codeActions(document, diagnostic.range, [{ ...diagnostic, source: 'json' }]), []);
  assert.deepEqual(service.codeActions(document, diagnostic.range, [{ ...diagnostic, data: { fixes: 'rename' } }]), []);
  const elsewhere = { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } };
  assert.deepEqual(service.codeActions(document, elsewhere, [diagnostic]), []);
  // A cursor touching the end of the diagnostic is in range.
  const atEnd = { start: diagnostic.range.end, end: diagnostic.range.end };
  assert.equal(service.codeActions(document, atEnd, [diagnostic]).length, 1);
});

test('every fix of a diagnostic becomes its own action', () => {
  const document = requestDocument('create-network-interface', `{\n  "SubnetID": "${SUBNET}"\n}\n`);
  const fixes: FixData[] = [
    { fix: 'rename-key', path: ['SubnetID'], newKey: 'SubnetId' },
    { fix: 'remove-member', path: ['SubnetID'], title: 'Remove SubnetID' },
    { fix: 'explain', message: 'why' },
  ];
  const actions = service.codeActions(document, ours(fixes).range, [ours(fixes)]);
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred ?? false]),
    [
      ['Change to SubnetId', true],
      ['Remove SubnetID', false],
      ['Explain how to fix this', false],
    ],
  );
  assert.equal(applied(document, actions[1]), '{}\n');
});
