/**
 * For the installation tests: this checkout as a git repository that npm and pre-commit can clone,
 * and an npm that needs no network.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './project-root';

/**
 * The working tree as the next commit would hold it (tracked and untracked files, not the ignored
 * ones: no dist/, build/ or node_modules/), committed into a fresh repository in `dir`: what a clone
 * of the repository at that commit gets. A fresh clone of HEAD would miss the changes under review.
 */
export function workingTreeRepository(dir: string): { path: string; commit: string } {
  const root = projectRoot();
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=eni-requests tests', '-c', 'user.email=tests@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const from = path.join(root, file);
    const to = path.join(dir, file);
    const stat = fs.lstatSync(from, { throwIfNoEntry: false });
    if (!stat) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else if (stat.isFile()) {
      fs.copyFileSync(from, to);
      fs.chmodSync(to, stat.mode);
    }
  }
  git(dir, 'init', '--quiet');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--no-verify', '--message', 'the working tree of eni-requests');
  return { path: dir, commit: git(dir, 'rev-parse', 'HEAD').trim() };
}

/** npm's cache directory, as this machine's npm is configured (`npm ci` filled it). */
export function npmCache(): string {
  return execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', env: offlineNpmEnv() }).trim();
}

/**
 * This process's environment without the npm_* variables an enclosing `npm run` sets (a prefix,
 * the enclosing package's name…), and npm told never to use the network: installs come from the
 * npm cache or fail.
 */
export function offlineNpmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
}
