// Bundles the end-to-end suite (test/e2e/suite/index.ts → out/e2e/index.js, mocha included, `vscode`
// provided by the extension host) and the EC2 test double's host for the runner
// (test/e2e/double-host.ts → out/e2e/double-host.js).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './code-server.mjs';

export async function buildE2e() {
  const out = path.join(ROOT, 'out/e2e');
  rmSync(out, { recursive: true, force: true });
  // mocha's parallel mode (unused here) require.resolve()s its worker files: nothing to bundle, nothing to warn about.
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
    sourcemap: 'inline',
    logOverride: { 'require-resolve-not-external': 'silent' },
  };
  await Promise.all([
    // The extension host of code-server 4.139 runs Node 24 (VS Code 1.139's Electron: Node 22).
    build({
      ...common,
      target: 'node22',
      entryPoints: [path.join(ROOT, 'test/e2e/suite/index.ts')],
      outfile: path.join(out, 'index.js'),
      external: ['vscode'],
    }),
    build({ ...common, target: 'node20', entryPoints: [path.join(ROOT, 'test/e2e/double-host.ts')], outfile: path.join(out, 'double-host.js') }),
  ]);
  return { suite: path.join(out, 'index.js'), doubleHost: path.join(out, 'double-host.js') };
}

if (process.argv[1] === new URL(import.meta.url).pathname) await buildE2e();
