// Bundles every test/**/*.test.ts into out/test/ (same layout) for `node --test`. Bundling inlines
// the generated schemas the service imports; npm packages stay external.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testDir = path.join(root, 'test');
const entryPoints = readdirSync(testDir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.ts') && !f.startsWith('e2e'))
  .map((f) => path.join(testDir, f));

rmSync(path.join(root, 'out', 'test'), { recursive: true, force: true });
await build({
  entryPoints,
  outbase: testDir,
  outdir: path.join(root, 'out', 'test'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
