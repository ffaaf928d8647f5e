/**
 * The built CLI (dist/cli.js) over fixture files in a temporary directory: output lines, the JSON
 * and SARIF formats, exit codes. Run `node scripts/build.mjs` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../support/project-root';

const FIXTURES: Record<string, string> = {
  'requests/web.create-network-interface.json': '{\n  "SubnetId": "subnet-0123456789abcdef0",\n  "Description": "web"\n}\n',
  'requests/broken.create-network-interface.json': '{\n  "SubnetID": "subnet-0123456789abcdef0",\n  "Description": 5\n}\n',
  'requests/yaml/ok.attach-network-interface.yaml':
    'NetworkInterfaceId: eni-0123456789abcdef0\nInstanceId: i-0123456789abcdef0\nDeviceIndex: 1\n',
  'requests/yaml/bad.attach-network-interface.yml':
    '# attach the web interface\nNetworkInterfaceId: eni-0123456789abcdef0\nInstanceId: i-0123456789abcdef0\nDeviceIndex: "1"\n',
  'requests/yaml/modeline.yaml': '# ec2: delete-network-interface\nNetworkInterfaceId: eni-0123456789abcdef0\n',
  'requests/package.json': '{ "name": "not-a-request" }\n',
  'requests/node_modules/skipped.create-network-interface.json': '{ "Nope": 1 }\n',
  'requests/.cache/skipped.create-network-interface.json': '{ "Nope": 1 }\n',
  'duplicates/dup.create-tags.json': '{\n  "Resources": ["eni-0123456789abcdef0"],\n  "Tags": [{ "Key": "a", "Value": "1" }],\n  "Tags": [{ "Key": "a", "Value": "2" }]\n}\n',
  'unnamed/nic.json': '{ "SubnetId": "subnet-0123456789abcdef0", "Description": 5 }\n',
};

describe('eni-requests check', () => {
  let cwd: string;
  const cli = path.join(projectRoot(), 'dist', 'cli.js');

  /** Runs the CLI in the fixture directory; a hang fails the test after the timeout. */
  function run(...args: string[]) {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 15_000 });
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
    assert.equal(stderr, '5 files checked, 3 errors, 0 warnings, 1 skipped (not request files)\n');
    assert.equal(code, 1);
  });

  it('fails an explicitly named file that is not a request file, and a missing path', () => {
    const { code, lines, stderr } = run('check', 'requests/package.json', 'missing.create-tags.json');
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^requests[\\/]package\.json:1:1: error \[no-operation\] cannot tell which EC2 operation this file is for: name it <name>\.<cli-command>\.json/);
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
    assert.deepEqual(yml.lines.map((line) => line.split(': ')[0]), [`${path.join('requests', 'yaml', 'bad.attach-network-interface.yml')}:4:14`]);
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
    const without = run('check', 'unnamed');
    assert.equal(without.stderr, '0 files checked, 0 errors, 0 warnings, 1 skipped (not request files)\n');
    assert.equal(without.code, 0);

    const mapped = run('check', '--file-associations', '{"unnamed/*.json":"create-network-interface"}', 'unnamed');
    assert.deepEqual(mapped.lines.map((line) => line.split(' [')[0]), [`${path.join('unnamed', 'nic.json')}:1:58: error`]);
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
    assert.deepEqual(findings.map((f) => f.code), ['unknown-parameter', 'wrong-type']);
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

  it('exits 2 on usage errors', () => {
    for (const args of [[], ['frobnicate'], ['check'], ['check', '--format', 'xml', 'requests'], ['check', '--bogus', 'requests'], ['check', '--file-associations', '{"*.json":"no-such-operation"}', 'requests'], ['check', '--file-associations', 'not json', 'requests']]) {
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
    assert.match(checkHelp.stdout, /--format <text\|json\|sarif>/);
    assert.equal(checkHelp.code, 0);
    const version = run('--version');
    assert.match(version.stdout, /^eni-requests \d+\.\d+\.\d+ /);
    assert.equal(version.code, 0);
  });
});
