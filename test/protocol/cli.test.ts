/**
 * The built CLI (dist/cli.js) over fixture files in a temporary directory: output lines, the JSON
 * and SARIF formats, skipped files, near-miss names, standard input, exit codes. Run
 * `node scripts/build.mjs` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { RULE_CATALOGUE, ruleHelpUri } from '../../server/src/cli/rule-catalogue';
import { projectRoot } from '../support/project-root';

const FIXTURES: Record<string, string> = {
  'requests/web.create-network-interface.json': '{\n  "SubnetId": "subnet-0123456789abcdef0",\n  "Description": "web"\n}\n',
  'requests/broken.create-network-interface.json': '{\n  "SubnetID": "subnet-0123456789abcdef0",\n  "Description": 5\n}\n',
  'requests/yaml/ok.attach-network-interface.yaml': 'NetworkInterfaceId: eni-0123456789abcdef0\nInstanceId: i-0123456789abcdef0\nDeviceIndex: 1\n',
  'requests/yaml/bad.attach-network-interface.yml':
    '# attach the web interface\nNetworkInterfaceId: eni-0123456789abcdef0\nInstanceId: i-0123456789abcdef0\nDeviceIndex: "1"\n',
  'requests/yaml/modeline.yaml': '# ec2: delete-network-interface\nNetworkInterfaceId: eni-0123456789abcdef0\n',
  'requests/package.json': '{ "name": "not-a-request" }\n',
  'requests/node_modules/skipped.create-network-interface.json': '{ "Nope": 1 }\n',
  'requests/.cache/skipped.create-network-interface.json': '{ "Nope": 1 }\n',
  'duplicates/dup.create-tags.json':
    '{\n  "Resources": ["eni-0123456789abcdef0"],\n  "Tags": [{ "Key": "a", "Value": "1" }],\n  "Tags": [{ "Key": "a", "Value": "2" }]\n}\n',
  'unnamed/nic.json': '{ "SubnetId": "subnet-0123456789abcdef0", "Description": 5 }\n',
  // Names that almost follow the convention, and one that does (the legal neighbour).
  'near-miss/plural.create-network-interfaces.json': '{ "SubnetId": "subnet-0123456789abcdef0" }\n',
  'near-miss/pascal.CreateNetworkInterface.json': '{ "SubnetId": "subnet-0123456789abcdef0" }\n',
  'near-miss/snake.create_network_interface.yaml': 'SubnetId: subnet-0123456789abcdef0\n',
  'near-miss/UPPER.create-network-interface.JSON': '{ "SubnetId": "subnet-0123456789abcdef0" }\n',
  'near-miss/good.create-network-interface.json': '{ "SubnetId": "subnet-0123456789abcdef0" }\n',
  // Not request files, and not near misses either: no warning for them.
  'nothing/package.json': '{ "name": "not-a-request" }\n',
  'nothing/notes.yaml': 'title: notes\n',
  'nothing/docker-compose.yaml': 'services: {}\n',
  'nothing/create-task.yaml': 'task: build\n',
  'nothing/tsconfig.json': '{ "compilerOptions": {} }\n',
  'one-good/web.create-network-interface.json': '{ "SubnetId": "subnet-0123456789abcdef0" }\n',
  'one-good/package.json': '{ "name": "not-a-request" }\n',
  'empty/blank.delete-network-interface.json': '',
  'empty/spaces.delete-tags.json': '  \n\n',
  'empty/comment.create-tags.yaml': '# tags for the web interface, to be written\n',
  'consumer/launch.run-instances.yaml':
    'ImageId: ami-0123456789abcdef0\nInstanceType: c6i.large\nSubnetId: subnet-0123456789abcdef0\nNetworkInterfaces:\n  - DeviceIndex: 0\n    AssociatePublicIpAddress: true\n',
  'preflight/keys.assign-private-ip-addresses.yaml': 'NetworkInterfaceId: eni-0123456789abcdef0\nSecondaryPrivateIpAddressCount: 1\nDryRun: true\n',
};

/** No AWS configuration at all: a dry run of an operation without DryRun answers before any look-up. */
const NO_AWS = {
  PATH: process.env.PATH ?? '',
  HOME: os.tmpdir(),
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
};

describe('eni-requests check', () => {
  let cwd: string;
  const cli = path.join(projectRoot(), 'dist', 'cli.js');

  /** Runs the CLI in the fixture directory; a hang fails the test after the timeout. */
  function run(...args: string[]) {
    return runWith({}, ...args);
  }

  /** With standard input (otherwise empty) and environment (otherwise this process's). */
  function runWith(options: { input?: string; env?: NodeJS.ProcessEnv }, ...args: string[]) {
    const result = spawnSync(process.execPath, [cli, ...args], {
      cwd,
      encoding: 'utf8',
      timeout: 15_000,
      input: options.input ?? '',
      env: options.env ?? process.env,
    });
    assert.equal(result.error, undefined, `the CLI did not run: ${result.error}`);
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean) };
  }

  before(() => {
    assert.ok(fs.existsSync(cli), `${cli} is missing: run node scripts/build.mjs first`);
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-cli-'));
    for (const [file, text] of Object.entries(FIXTURES)) {
      fs.mkdirSync(path.join(cwd, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(cwd, file), text);
    }
  });

  after(() => {
    if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('--for: a RunInstances file the AWS CLI repairs passes for the CLI (the default) and fails for an SDK', () => {
    const file = 'consumer/launch.run-instances.yaml';
    const cli = run('check', file);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    assert.deepEqual(
      cli.lines.map((line) => /\[(\S+)\]/.exec(line)?.[1]),
      ['cli-default-count', 'cli-moves-member'],
    );
    const sdk = run('check', '--for', 'sdk', file);
    assert.equal(sdk.code, 1);
    assert.deepEqual(
      sdk.lines.map((line) => /\[(\S+)\]/.exec(line)?.[1]),
      ['missing-required', 'missing-required', 'nic-instance-level-conflict'],
    );
    const wrong = run('check', '--for', 'boto', file);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--for takes aws-cli or sdk/);
  });

  it('exits 0 and prints only the summary for valid files', () => {
    const { code, stdout, stderr } = run('check', 'requests/web.create-network-interface.json', 'requests/yaml/ok.attach-network-interface.yaml');
    assert.equal(stdout, '');
    assert.equal(stderr, '2 files checked, 0 errors, 0 warnings\n');
    assert.equal(code, 0);
  });

  it('walks a directory: problem-matcher lines sorted by file and position, non-request files skipped', () => {
    const { code, lines, stderr } = run('check', 'requests');
    const broken = path.join('requests', 'broken.create-network-interface.json');
    const bad = path.join('requests', 'yaml', 'bad.attach-network-interface.yml');
    assert.deepEqual(
      lines.map((line) => line.replace(/ \[(\S+)\] .*/, ' [$1]')),
      [`${broken}:2:3: error [unknown-parameter]`, `${broken}:3:18: error [wrong-type]`, `${bad}:4:14: error [wrong-type]`],
    );
    assert.match(lines[0], /SubnetID is not a parameter of CreateNetworkInterface\. Did you mean SubnetId \(a required member\)\?/);
    // web, broken, ok, bad, modeline; package.json skipped; node_modules and .cache not walked.
    assert.equal(stderr, 'skipped 1 file (not a request file): run with --verbose to list it\n5 files checked, 3 errors, 0 warnings\n');
    assert.equal(code, 1);
  });

  it('fails an explicitly named file that is not a request file, and a missing path', () => {
    const { code, lines, stderr } = run('check', 'requests/package.json', 'missing.create-tags.json');
    assert.equal(lines.length, 1);
    assert.match(
      lines[0],
      /^requests[\\/]package\.json:1:1: error \[no-operation\] cannot tell which EC2 operation this file is for: name it <name>\.<cli-command>\.json/,
    );
    assert.match(stderr, /^missing\.create-tags\.json: error: no such file or directory$/m);
    assert.match(stderr, /1 file checked, 1 error, 0 warnings, 1 path error\n$/);
    assert.equal(code, 1);
  });

  it('expands globs itself, and reports a glob that matches nothing', () => {
    const matched = run('check', 'requests/**/*.yaml');
    assert.equal(matched.stdout, '');
    assert.equal(matched.stderr, '2 files checked, 0 errors, 0 warnings\n');
    assert.equal(matched.code, 0);

    const yml = run('check', 'requests/*/*.yml');
    assert.deepEqual(
      yml.lines.map((line) => line.split(': ')[0]),
      [`${path.join('requests', 'yaml', 'bad.attach-network-interface.yml')}:4:14`],
    );
    assert.equal(yml.code, 1);

    const none = run('check', 'nowhere/**/*.json');
    assert.match(none.stderr, /^nowhere\/\*\*\/\*\.json: error: /m);
    assert.equal(none.code, 1);
  });

  it('warnings do not fail the check; --quiet hides them', () => {
    const loud = run('check', 'duplicates');
    assert.equal(loud.lines.length, 1);
    assert.match(loud.lines[0], /^duplicates[\\/]dup\.create-tags\.json:3:3: warning \[duplicate-key\] /);
    assert.equal(loud.stderr, '1 file checked, 0 errors, 1 warning\n');
    assert.equal(loud.code, 0);

    const quiet = run('check', '--quiet', 'duplicates');
    assert.equal(quiet.stdout, '');
    assert.equal(quiet.code, 0);
  });

  it('--file-associations makes an unnamed file a request', () => {
    // Without: its keys are CreateNetworkInterface's, so it gets the editor's hint as a warning, and nothing is checked.
    const without = run('check', 'unnamed');
    assert.deepEqual(
      without.lines.map((line) => line.split(' [')[0]),
      [`${path.join('unnamed', 'nic.json')}:1:3: warning`],
    );
    assert.match(without.lines[0], /\[no-operation\] This looks like an EC2 request \(create-network-interface\)/);
    assert.match(without.stderr, /no request files found in unnamed/);
    assert.equal(without.code, 1);

    const mapped = run('check', '--file-associations', '{"unnamed/*.json":"create-network-interface"}', 'unnamed');
    assert.deepEqual(
      mapped.lines.map((line) => line.split(' [')[0]),
      [`${path.join('unnamed', 'nic.json')}:1:58: error`],
    );
    assert.equal(mapped.code, 1);
  });

  it('--format json prints an array of findings with 1-based positions', () => {
    const { code, stdout } = run('check', '--format', 'json', 'requests/broken.create-network-interface.json');
    const findings = JSON.parse(stdout) as Record<string, unknown>[];
    assert.deepEqual(findings[0], {
      file: path.join('requests', 'broken.create-network-interface.json'),
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 13,
      severity: 'error',
      code: 'unknown-parameter',
      message: findings[0].message,
    });
    assert.deepEqual(
      findings.map((f) => f.code),
      ['unknown-parameter', 'wrong-type'],
    );
    assert.equal(code, 1);
  });

  it('--format sarif prints SARIF 2.1.0 with the rules and the results', () => {
    const { code, stdout } = run('check', '--format=sarif', 'requests', 'duplicates');
    const log = JSON.parse(stdout);
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'eni-requests');
    const ruleIds = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.deepEqual(ruleIds, ['duplicate-key', 'unknown-parameter', 'wrong-type']);
    assert.equal(sarifRun.results.length, 4);
    const unknown = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'unknown-parameter');
    assert.equal(unknown.level, 'error');
    assert.equal(ruleIds[unknown.ruleIndex], 'unknown-parameter');
    assert.deepEqual(unknown.locations[0].physicalLocation, {
      artifactLocation: { uri: 'requests/broken.create-network-interface.json', uriBaseId: 'SRCROOT' },
      region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 13 },
    });
    const duplicate = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'duplicate-key');
    assert.equal(duplicate.level, 'warning');
    assert.equal(duplicate.relatedLocations[0].physicalLocation.region.startLine, 4);
    assert.equal(code, 1);
  });

  it('--format sarif: every rule has a description, its docs/rules.md entry and a default level; URIs are relative to the working directory', () => {
    const { stdout } = run('check', '--format=sarif', 'requests', 'duplicates', 'consumer');
    const [sarifRun] = JSON.parse(stdout).runs;
    const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8'));
    // The repository of package.json, as a web address: the rules' docs are in its docs/rules.md.
    const repository = String(manifest.repository.url)
      .replace(/^git\+/, '')
      .replace(/\.git$/, '');
    assert.equal(sarifRun.tool.driver.informationUri, repository);
    assert.equal(sarifRun.tool.driver.semanticVersion, manifest.version);
    const rules = sarifRun.tool.driver.rules as { id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[];
    assert.deepEqual(
      rules.map((r) => r.id),
      ['cli-default-count', 'cli-moves-member', 'duplicate-key', 'unknown-parameter', 'wrong-type'],
    );
    for (const rule of rules) {
      assert.ok(rule.shortDescription.text.length > 10 && !rule.shortDescription.text.includes('\n'), `${rule.id}: ${rule.shortDescription.text}`);
      assert.equal(rule.helpUri, `${repository}/blob/main/docs/rules.md#${rule.id}`);
    }
    const level = (id: string) => rules.find((r) => r.id === id)?.defaultConfiguration.level;
    assert.deepEqual(['unknown-parameter', 'duplicate-key', 'cli-moves-member'].map(level), ['error', 'warning', 'note']);
    const uris = new Set<string>(
      sarifRun.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => {
        const { uri, uriBaseId } = r.locations[0].physicalLocation.artifactLocation;
        assert.equal(uriBaseId, 'SRCROOT');
        return uri;
      }),
    );
    assert.deepEqual([...uris].sort(), [
      'consumer/launch.run-instances.yaml',
      'duplicates/dup.create-tags.json',
      'requests/broken.create-network-interface.json',
      'requests/yaml/bad.attach-network-interface.yml',
    ]);
    assert.equal(sarifRun.originalUriBaseIds.SRCROOT.uri, `${pathToFileURL(cwd).href}/`);
  });

  it('every rule code has a SARIF description (server/src/cli/rule-catalogue.ts), and docs/rules.md names each (their helpUri)', () => {
    // The codes of RuleCode, from its declaration: a type leaves nothing to enumerate at run time.
    const problem = fs.readFileSync(path.join(projectRoot(), 'server', 'src', 'service', 'validation', 'problem.ts'), 'utf8');
    const declaration = /export type RuleCode =([^;]+);/.exec(problem)?.[1] ?? '';
    const codes = [...declaration.matchAll(/\|\s*'([a-z0-9-]+)'/g)].map((m) => m[1]);
    assert.ok(codes.length > 50, `RuleCode read from problem.ts: ${codes.length} codes`);
    assert.deepEqual(
      codes.filter((code) => !Object.hasOwn(RULE_CATALOGUE, code)),
      [],
      'codes without a SARIF description in server/src/cli/rule-catalogue.ts',
    );
    const rulesDoc = fs.readFileSync(path.join(projectRoot(), 'docs', 'rules.md'), 'utf8');
    const missing = Object.keys(RULE_CATALOGUE).filter((code) => !rulesDoc.includes(`\`${code}\``));
    assert.deepEqual(missing, [], 'codes with a SARIF description but no entry in docs/rules.md');
    // Each helpUri lands on its code: the fragment is an anchor of docs/rules.md (GitHub scrolls to <a id>).
    const unanchored = Object.keys(RULE_CATALOGUE).filter((code) => {
      const fragment = new URL(ruleHelpUri(code)).hash.slice(1);
      return fragment !== code || !rulesDoc.includes(`<a id="${fragment}"></a>`);
    });
    assert.deepEqual(unanchored, [], 'helpUri fragments that are not anchors of docs/rules.md');
  });

  it('the problem matcher (eni-requests-matcher.json) reads every line of the text output, as JSON tells it', () => {
    const matcher = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'eni-requests-matcher.json'), 'utf8'));
    // GitHub's runner: .NET regular expressions in ECMAScript mode, the first matcher that matches wins.
    const patterns = (matcher.problemMatcher as { owner: string; severity?: string; pattern: Record<string, string | number>[] }[]).map((m) => {
      assert.equal(m.pattern.length, 1, `${m.owner}: one line per problem`);
      assert.ok(['error', 'warning', 'notice', undefined].includes(m.severity), `${m.owner}: a severity GitHub knows`);
      return { ...m, pattern: m.pattern[0], regexp: new RegExp(String(m.pattern[0].regexp)) };
    });
    const examples = path.join(projectRoot(), 'examples');
    for (const args of [['requests', 'duplicates', 'consumer', 'near-miss', 'empty'], [examples]]) {
      const text = run('check', ...args);
      const json = run('check', '--format=json', ...args);
      const findings = JSON.parse(json.stdout) as { file: string; line: number; column: number; severity: string; code: string; message: string }[];
      assert.equal(text.lines.length, findings.length);
      assert.ok(
        findings.some((f) => f.severity === 'information'),
        'the output has notes too',
      );
      text.lines.forEach((line, i) => {
        const matches = patterns.filter((p) => p.regexp.test(line));
        assert.equal(matches.length, 1, `exactly one matcher reads ${line}`);
        const [{ pattern, regexp, severity }] = matches;
        const groups = regexp.exec(line) as RegExpExecArray;
        const group = (name: string) => (pattern[name] === undefined ? undefined : groups[Number(pattern[name])]);
        const finding = findings[i];
        assert.equal(group('file'), finding.file);
        assert.equal(Number(group('line')), finding.line);
        assert.equal(Number(group('column')), finding.column);
        assert.equal(group('code'), finding.code);
        assert.equal(group('message'), finding.message.replace(/\s*\r?\n\s*/g, ' '));
        // The severity GitHub gets: error and warning as written, the notes as notices.
        const expected = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' }[finding.severity];
        assert.equal(group('severity') ?? severity, expected, line);
      });
    }
    // The summary on stderr and the skipped-files line are not problems.
    for (const line of ['2 files checked, 1 error, 0 warnings', 'skipped 4 files (not request files): run with --verbose to list them']) {
      assert.ok(!patterns.some((p) => p.regexp.test(line)), line);
    }
  });

  it('lists the skipped files and why under --verbose', () => {
    const { code, stderr } = run('check', '--verbose', 'requests', 'unnamed');
    assert.match(stderr, /^requests[\\/]package\.json: skipped: not a request file \(no modeline; the name is not <name>\.<cli-command>\.<ext>\)$/m);
    assert.match(stderr, /^unnamed[\\/]nic\.json: skipped: This looks like an EC2 request \(create-network-interface\)/m);
    assert.doesNotMatch(stderr, /run with --verbose/);
    assert.match(stderr, /5 files checked, 3 errors, 1 warning\n$/);
    assert.equal(code, 1);
  });

  it('near-miss names get "did you mean" as a warning; a correctly named neighbour is checked', () => {
    const { code, lines, stderr } = run('check', 'near-miss');
    const warning = (file: string, meant: string) =>
      `${path.join('near-miss', file)}:1:1: warning [no-operation] did you mean ${meant}? Request files are named <name>.<cli-command>.<ext>, in lower case: this one is not checked.`;
    assert.deepEqual(lines, [
      warning('UPPER.create-network-interface.JSON', 'UPPER.create-network-interface.json'),
      warning('pascal.CreateNetworkInterface.json', 'pascal.create-network-interface.json'),
      warning('plural.create-network-interfaces.json', 'plural.create-network-interface.json'),
      warning('snake.create_network_interface.yaml', 'snake.create-network-interface.yaml'),
    ]);
    assert.equal(stderr, 'skipped 4 files (not request files): run with --verbose to list them\n1 file checked, 0 errors, 4 warnings\n');
    assert.equal(code, 0);

    // Named explicitly, a near miss is an error (it must be a request file), with the same suggestion.
    const explicit = run('check', 'near-miss/plural.create-network-interfaces.json');
    assert.match(explicit.stdout, /:1:1: error \[no-operation\] did you mean plural\.create-network-interface\.json\?/);
    assert.equal(explicit.code, 1);
  });

  it('exits 1 when no request file is found, 0 with --allow-empty or with one good request', () => {
    const none = run('check', 'nothing');
    assert.equal(none.stdout, '');
    assert.equal(
      none.stderr,
      'skipped 5 files (not request files): run with --verbose to list them\n' +
        'eni-requests check: no request files found in nothing; request files are named <name>.<cli-command>.json|yaml (e.g. web.create-network-interface.yaml), ' +
        'start with a modeline such as "# ec2: create-network-interface", or match --file-associations. Use --allow-empty if none is expected.\n' +
        '0 files checked, 0 errors, 0 warnings\n',
    );
    assert.equal(none.code, 1);

    const allowed = run('check', '--allow-empty', 'nothing');
    assert.doesNotMatch(allowed.stderr, /no request files found/);
    assert.equal(allowed.code, 0);

    const oneGood = run('check', 'one-good');
    assert.equal(oneGood.stderr, 'skipped 1 file (not a request file): run with --verbose to list it\n1 file checked, 0 errors, 0 warnings\n');
    assert.equal(oneGood.code, 0);
  });

  it('--skip-unknown skips explicitly named files that are not request files (and allows none)', () => {
    const mixed = run('check', '--skip-unknown', 'requests/package.json', 'requests/web.create-network-interface.json');
    assert.equal(mixed.stdout, '');
    assert.equal(mixed.stderr, 'skipped 1 file (not a request file): run with --verbose to list it\n1 file checked, 0 errors, 0 warnings\n');
    assert.equal(mixed.code, 0);

    // A commit that stages no request file at all passes.
    const only = run('check', '--skip-unknown', 'requests/package.json', 'nothing/notes.yaml');
    assert.equal(only.stdout, '');
    assert.equal(only.code, 0);

    // A near miss still gets its warning: skipped, not silently.
    const nearMiss = run('check', '--skip-unknown', 'near-miss/snake.create_network_interface.yaml');
    assert.match(nearMiss.stdout, /warning \[no-operation\] did you mean snake\.create-network-interface\.yaml\?/);
    assert.equal(nearMiss.code, 0);
  });

  it('check - reads standard input; --stdin-filename names it (operation, syntax, findings)', () => {
    const named = runWith({ input: 'SubnetID: subnet-0123456789abcdef0\n' }, 'check', '--stdin-filename', 'in/web.create-network-interface.yaml', '-');
    assert.deepEqual(
      named.lines.map((line) => line.replace(/ \[(\S+)\] .*/, ' [$1]')),
      ['in/web.create-network-interface.yaml:1:1: error [unknown-parameter]'],
    );
    assert.equal(named.stderr, '1 file checked, 1 error, 0 warnings\n');
    assert.equal(named.code, 1);

    const good = runWith(
      { input: '{ "SubnetId": "subnet-0123456789abcdef0" }' },
      'check',
      '-',
      '--stdin-filename',
      'web.create-network-interface.json',
      'requests/yaml/ok.attach-network-interface.yaml',
    );
    assert.equal(good.stdout, '');
    assert.equal(good.stderr, '2 files checked, 0 errors, 0 warnings\n');
    assert.equal(good.code, 0);

    // Unnamed: a modeline names the operation, and YAML is told from JSON by how the text starts.
    const modeline = runWith({ input: '# ec2: delete-network-interface\nNetworkInterfaceId: eni-0123456789abcdef0\n' }, 'check', '-');
    assert.equal(modeline.stderr, '1 file checked, 0 errors, 0 warnings\n');
    assert.equal(modeline.code, 0);

    const anonymous = runWith({ input: '{ "NetworkInterfaceId": "eni-0123456789abcdef0" }' }, 'check', '-');
    assert.match(anonymous.stdout, /^<stdin>:1:1: error \[no-operation\] cannot tell which EC2 operation this file is for: .*--stdin-filename/);
    assert.equal(anonymous.code, 1);
  });

  it('an empty or comment-only request file is an error: the AWS CLI refuses it', () => {
    const { code, lines } = run('check', 'empty');
    assert.deepEqual(lines, [
      `${path.join('empty', 'blank.delete-network-interface.json')}:1:1: error [empty-request] This DeleteNetworkInterface request is empty: the AWS CLI refuses an empty input file. Add its members (required: NetworkInterfaceId).`,
      `${path.join('empty', 'comment.create-tags.yaml')}:1:1: error [empty-request] This CreateTags request is empty: the AWS CLI refuses an empty input file. Add its members (required: Resources, Tags).`,
      `${path.join('empty', 'spaces.delete-tags.json')}:1:1: error [empty-request] This DeleteTags request is empty: the AWS CLI refuses an empty input file. Add its members (required: Resources).`,
    ]);
    assert.equal(code, 1);
  });

  it('messages name eni-requests commands, not editor actions', () => {
    const file = path.join('preflight', 'keys.assign-private-ip-addresses.yaml');
    const { lines } = run('check', file);
    assert.ok(
      lines.some((line) => line.includes(`To check it first, run the read-only eni-requests preflight ${file} (it describes`)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => line.includes(`Remove it; eni-requests preflight ${file} is the read-only check instead.`)),
      lines.join('\n'),
    );

    // Every rule's broken example (and the empty file): no editor vocabulary reaches the command line.
    const examples = path.join(projectRoot(), 'examples', 'broken');
    const all = run('check', examples, 'empty');
    assert.ok(all.lines.length > 40);
    for (const line of all.lines) assert.doesNotMatch(line, /\beditor\b|quick fix|code action|completion offers|lightbulb|palette|\bclick/i);

    // The dry run of an operation without DryRun names the preflight command too (and sends nothing).
    const dry = runWith({ env: NO_AWS }, 'dry-run', path.join(projectRoot(), 'examples', 'valid', 'more.assign-private-ip-addresses.json'));
    assert.match(dry.stdout, /^Run eni-requests preflight \S+more\.assign-private-ip-addresses\.json for the read-only check\.$/m);
    assert.equal(dry.code, 6);
  });

  it('exits 2 on usage errors', () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['check'],
      ['check', '--format', 'xml', 'requests'],
      ['check', '--bogus', 'requests'],
      ['check', '--file-associations', '{"*.json":"no-such-operation"}', 'requests'],
      ['check', '--file-associations', 'not json', 'requests'],
      ['check', '--stdin-filename', 'web.create-network-interface.json', 'requests'],
      ['check', '-', '-'],
      ['check', '--allow-empty=yes', 'requests'],
    ]) {
      const { code, stdout, stderr } = run(...args);
      assert.equal(code, 2, `eni-requests ${args.join(' ')}: ${stderr}`);
      assert.equal(stdout, '', `eni-requests ${args.join(' ')} prints nothing on stdout`);
      assert.notEqual(stderr, '');
    }
  });

  it('--help and --version', () => {
    const help = run('--help');
    assert.match(help.stdout, /^Usage: eni-requests <command>/);
    assert.match(help.stdout, /^ {2}check {5}/m);
    assert.equal(help.code, 0);
    const checkHelp = run('check', '--help');
    for (const option of [
      '--format <text|json|sarif>',
      '--quiet',
      '--verbose',
      '--allow-empty',
      '--skip-unknown',
      '--stdin-filename <name>',
      '--file-associations <json>',
      '--live[=required]',
      '--profile <name>',
      '--region <region>',
      '--timeout <seconds>',
    ]) {
      assert.ok(checkHelp.stdout.includes(option), `check --help documents ${option}`);
    }
    assert.match(checkHelp.stdout, /^Usage: eni-requests check \[options\] <file\|directory\|glob\|->\.\.\.$/m);
    assert.match(
      checkHelp.stdout,
      /^Exit status:\n {2}0 {2}no errors.*\n {2}1 {2}errors, unreadable paths, or no request file found \(unless --allow-empty\);\n.*--live=required.*\n {2}2 {2}usage error\n {2}3 {2}--live=required and a live look-up was denied.*\n {2}5 {2}--live=required and EC2 was not reached/m,
    );
    assert.equal(checkHelp.code, 0);
    const version = run('--version');
    assert.match(version.stdout, /^eni-requests \d+\.\d+\.\d+ /);
    assert.equal(version.code, 0);
  });
});

describe('eni-requests output into a pipe closed early', () => {
  it('ends quietly when the reader stops (schema | head)', () => {
    const cli = path.join(projectRoot(), 'dist', 'cli.js');
    // The schema is far larger than a pipe's buffer: the CLI is still writing when head exits.
    const result = spawnSync('bash', ['-c', `node ${JSON.stringify(cli)} schema run-instances | head -c 10`], { encoding: 'utf8', timeout: 15_000 });
    assert.equal(result.stdout.length, 10);
    assert.doesNotMatch(result.stderr, /EPIPE|Error/);
  });
});

describe('eni-requests check with a project file', () => {
  it('reads .eni-requests.json from the nearest folder up: associations and rule levels', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-cli-project-'));
    fs.writeFileSync(
      path.join(dir, '.eni-requests.json'),
      JSON.stringify({ fileAssociations: { 'nics/*.json': 'create-network-interface' }, rules: { 'force-detach': 'off' } }),
    );
    fs.mkdirSync(path.join(dir, 'nics'));
    fs.writeFileSync(path.join(dir, 'nics', 'a.json'), '{ "SubnetID": "subnet-0123456789abcdef0" }\n');
    fs.writeFileSync(path.join(dir, 'd.detach-network-interface.json'), '{ "AttachmentId": "eni-attach-0123456789abcdef0", "Force": true }\n');
    const cli = path.join(projectRoot(), 'dist', 'cli.js');
    const result = spawnSync(process.execPath, [cli, 'check', '.'], { cwd: dir, encoding: 'utf8', timeout: 15_000 });
    assert.match(result.stdout, /nics[\\/]a\.json:1:3: error \[unknown-parameter\]/);
    assert.doesNotMatch(result.stdout, /force-detach/);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /2 files checked, 1 error, 0 warnings/);
  });
});
