/**
 * The pre-commit hook (.pre-commit-hooks.yaml) as a user's repository gets it: Debian's pre-commit
 * (scripts/test-setup.sh installs it) clones this repository (the working tree, committed into a
 * fresh repository), installs it with `language: node` on the system's Node (npm install in the
 * clone with the devDependencies from the npm cache and the prepare build, npm pack, npm install -g
 * of the tarball: no network), and runs `eni-requests check --skip-unknown` on the staged files of
 * each commit. A broken request fails the commit with its diagnostics; a good one, a JSON or YAML
 * file that is not a request, and a file of another kind pass.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { npmCache, offlineNpmEnv, workingTreeRepository } from '../support/working-tree';

const GOOD = '{\n  "SubnetId": "subnet-0123456789abcdef0",\n  "Description": "web"\n}\n';
const BROKEN = 'SubnetID: subnet-0123456789abcdef0\nDescription: 5\n';

describe('the pre-commit hook (language: node, offline)', { timeout: 300_000 }, () => {
  let tmp: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  function run(file: string, args: string[], timeout = 60_000) {
    const result = spawnSync(file, args, { cwd: project, env, encoding: 'utf8', timeout });
    assert.equal(result.error, undefined, `${file} ${args.join(' ')} did not run: ${result.error}`);
    return { code: result.status, output: result.stdout + result.stderr };
  }
  const git = (...args: string[]) =>
    run('git', [
      '-c',
      'user.name=eni-requests tests',
      '-c',
      'user.email=tests@example.invalid',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'core.hooksPath=.git/hooks',
      ...args,
    ]);
  /** Stages `files` (path → text) and commits them; the hook runs on the staged files. */
  function commit(message: string, files: Record<string, string>) {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.writeFileSync(path.join(project, file), text);
    }
    assert.equal(git('add', '--', ...Object.keys(files)).code, 0);
    return git('commit', '--message', message);
  }
  const head = () => git('rev-parse', '--verify', '--quiet', 'HEAD').output.trim();

  before(() => {
    const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, `pre-commit is missing: bash scripts/test-setup.sh installs it (${version.error ?? version.stderr})`);
    console.log(version.stdout.trim());
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-pre-commit-'));
    const repository = workingTreeRepository(path.join(tmp, 'eni-requests'));
    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    // pre-commit runs npm with its own prefix and without the user's npmrc: the cache comes through the environment.
    env = offlineNpmEnv({ npm_config_cache: npmCache(), PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never' });
    assert.equal(git('init', '--quiet').code, 0);
    fs.writeFileSync(
      path.join(project, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${repository.path}\n    rev: ${repository.commit}\n    hooks:\n      - id: eni-requests\n        language_version: system\n`,
    );
    assert.equal(git('add', '.pre-commit-config.yaml').code, 0);
    const started = Date.now();
    const install = run('pre-commit', ['install-hooks'], 240_000);
    assert.equal(install.code, 0, install.output);
    console.log(`pre-commit install-hooks: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const hook = run('pre-commit', ['install']);
    assert.equal(hook.code, 0, hook.output);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a good request and JSON/YAML files that are not requests pass', () => {
    const { code, output } = commit('a good request', {
      'requests/web.create-network-interface.json': GOOD,
      'package.json': '{ "name": "unrelated", "version": "1.0.0" }\n',
      'config/settings.yaml': 'title: not a request\n',
    });
    assert.equal(code, 0, output);
    assert.match(output, /^eni-requests check\.+Passed$/m);
  });

  it('a commit of unrelated JSON alone passes (nothing to check is not a failure); other files skip the hook', () => {
    const json = commit('only unrelated JSON', { 'tsconfig.json': '{ "compilerOptions": {} }\n' });
    assert.equal(json.code, 0, json.output);
    assert.match(json.output, /^eni-requests check\.+Passed$/m);
    const text = commit('no JSON or YAML', { 'README.md': '# project\n' });
    assert.equal(text.code, 0, text.output);
    assert.match(text.output, /^eni-requests check\.+\(no files to check\)Skipped$/m);
  });

  it('a broken request fails the commit, with its diagnostics', () => {
    const before = head();
    const { code, output } = commit('a broken request', { 'requests/broken.create-network-interface.yaml': BROKEN });
    assert.notEqual(code, 0, output);
    assert.match(output, /^eni-requests check\.+Failed$/m);
    assert.match(output, /^- hook id: eni-requests$/m);
    assert.match(
      output,
      /^requests\/broken\.create-network-interface\.yaml:1:1: error \[unknown-parameter\] SubnetID is not a parameter of CreateNetworkInterface/m,
    );
    assert.match(output, /^requests\/broken\.create-network-interface\.yaml:2:14: error \[wrong-type\] /m);
    assert.match(output, /^1 file checked, 2 errors, 0 warnings$/m);
    assert.equal(head(), before, 'nothing committed');
  });
});
