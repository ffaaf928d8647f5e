// `npm run bench` (after `node scripts/build.mjs`): bundles the bench (bench/src, TypeScript, with the
// service sources it measures in-process) into build/bench/bench.js, then runs it. Arguments after
// `--` are passed on: npm run bench -- --quick | --server=/tmp/server.js | --cpu-prof | --no-anchors
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'build/bench/bench.js');
await build({
  entryPoints: [path.join(root, 'bench/src/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build esbuild cannot follow (as in scripts/build.mjs).
  mainFields: ['module', 'main'],
});
if (process.argv.includes('--build-only')) process.exit(0);
const { status, signal } = spawnSync(process.execPath, ['--max-old-space-size=4096', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(status ?? (signal ? 1 : 0));
