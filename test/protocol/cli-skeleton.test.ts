/**
 * `eni-requests trim-skeleton` (dist/cli.js) on real AWS CLI skeletons (test/fixtures/skeletons/,
 * see generate.sh there), and check's note that points at it. Run `node scripts/build.mjs` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../support/project-root';

const SKELETONS = path.join(projectRoot(), 'test', 'fixtures', 'skeletons');
const SUBNET = 'subnet-0123456789abcdef0';

describe('eni-requests trim-skeleton', () => {
  let cwd: string;
  const cli = path.join(projectRoot(), 'dist', 'cli.js');

  function run(...args: string[]) {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 15_000 });
    assert.equal(result.error, undefined, `the CLI did not run: ${result.error}`);
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** A skeleton copied under `name`, with `edit` applied (the user filling it in). */
  function write(name: string, skeleton: string, edit: (text: string) => string = (text) => text): string {
    fs.writeFileSync(path.join(cwd, name), edit(fs.readFileSync(path.join(SKELETONS, skeleton), 'utf8')));
    return name;
  }

  const read = (name: string) => fs.readFileSync(path.join(cwd, name), 'utf8');

  before(() => {
    assert.ok(fs.existsSync(cli), `${cli} is missing: run node scripts/build.mjs first`);
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-skeleton-'));
  });

  after(() => {
    if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('check says a skeleton is one and names the command; trim-skeleton writes the file in place', () => {
    const file = write('web.create-network-interface.yaml', 'v2.create-network-interface.yaml', (text) => text.replace("SubnetId: ''", `SubnetId: ${SUBNET}`));
    const before = run('check', file);
    assert.match(
      before.stdout,
      /^web\.create-network-interface\.yaml:1:1: information \[unfilled-skeleton\] This looks like an AWS CLI skeleton \(--generate-cli-skeleton\) with 15 members still holding placeholders: eni-requests trim-skeleton web\.create-network-interface\.yaml removes them\.$/m,
    );
    assert.equal(before.code, 1);

    const trimmed = run('trim-skeleton', file);
    assert.equal(trimmed.stdout, '');
    assert.equal(
      trimmed.stderr,
      `${file}: removed 15 unfilled members: Description, DryRun, Groups, Ipv6AddressCount, Ipv6Addresses, PrivateIpAddress, PrivateIpAddresses, ` +
        'SecondaryPrivateIpAddressCount, Ipv4Prefixes, Ipv4PrefixCount, Ipv6Prefixes, Ipv6PrefixCount, InterfaceType, TagSpecifications, ClientToken\n',
    );
    assert.equal(trimmed.code, 0);
    assert.equal(read(file), `SubnetId: ${SUBNET} # [REQUIRED] The ID of the subnet to associate with the network interface.\n`);

    const after = run('check', file);
    assert.equal(after.stdout, '');
    assert.equal(after.code, 0);
  });

  it('--stdout prints the trimmed JSON and leaves the file; what is left to fill is named', () => {
    const file = write('raw.create-network-interface.json', 'v1.create-network-interface.json');
    const original = read(file);
    const { code, stdout, stderr } = run('trim-skeleton', '--stdout', file);
    assert.equal(stdout, '{}\n');
    assert.match(stderr, /^raw\.create-network-interface\.json: removed 19 unfilled members: Ipv4Prefixes, Ipv4PrefixCount, /);
    assert.equal(code, 0);
    assert.equal(read(file), original);

    const written = run('trim-skeleton', file);
    assert.match(
      written.stderr,
      /\nraw\.create-network-interface\.json: 1 error left \(members still to fill\): eni-requests check raw\.create-network-interface\.json\n$/,
    );
    assert.equal(read(file), '{}\n');
  });

  it('a request that is no skeleton is not changed, even with "Description": ""', () => {
    const text = `{\n  "SubnetId": "${SUBNET}",\n  "Description": ""\n}\n`;
    fs.writeFileSync(path.join(cwd, 'plain.create-network-interface.json'), text);
    const { code, stdout, stderr } = run('trim-skeleton', 'plain.create-network-interface.json');
    assert.equal(stdout, '');
    assert.match(stderr, /^plain\.create-network-interface\.json: not changed: it does not look like an AWS CLI skeleton/);
    assert.equal(code, 0);
    assert.equal(read('plain.create-network-interface.json'), text);

    const printed = run('trim-skeleton', '--stdout', 'plain.create-network-interface.json');
    assert.equal(printed.stdout, text);
    assert.equal(printed.code, 0);

    // And check has no skeleton note for it.
    assert.doesNotMatch(run('check', 'plain.create-network-interface.json').stdout, /unfilled-skeleton/);
  });

  it('exit 1 for a file it cannot trim, 2 for usage errors', () => {
    fs.writeFileSync(path.join(cwd, 'notes.json'), '{ "SubnetId": "" }\n');
    fs.writeFileSync(path.join(cwd, 'broken.create-network-interface.json'), '{ "SubnetId": \n');
    for (const [file, message] of [
      ['notes.json', /notes\.json: error: not a request file/],
      ['missing.create-network-interface.json', /missing\.create-network-interface\.json: error: no such file or directory/],
      [
        'broken.create-network-interface.json',
        /broken\.create-network-interface\.json: error: it has syntax errors: see eni-requests check broken\.create-network-interface\.json/,
      ],
    ] as const) {
      const { code, stderr } = run('trim-skeleton', file);
      assert.match(stderr, message);
      assert.equal(code, 1, file);
    }
    for (const args of [['trim-skeleton'], ['trim-skeleton', 'a.json', 'b.json'], ['trim-skeleton', '--in-place', 'a.json']]) {
      const { code, stderr } = run(...args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    }
  });

  it('--help documents the command, its option and exit codes', () => {
    const help = run('trim-skeleton', '--help');
    assert.match(help.stdout, /^Usage: eni-requests trim-skeleton \[options\] <file>$/m);
    assert.match(help.stdout, /--stdout +print the trimmed file instead of writing it/);
    assert.match(help.stdout, /^Exit status:\n {2}0 {2}trimmed, or nothing to trim\n {2}1 .*\n {2}2 {2}usage error$/m);
    assert.equal(help.code, 0);
    assert.match(run('--help').stdout, /^ {2}trim-skeleton {2}remove the members an AWS CLI skeleton still holds placeholders in$/m);
  });
});
