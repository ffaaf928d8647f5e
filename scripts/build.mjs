// Build: generate the schemas from the installed SDK, then bundle the server, the CLI and the
// extension with esbuild. `--generate-only` stops after the schemas.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// jsonc-parser's `main` is a UMD build whose internal requires esbuild cannot follow; its ESM build bundles.
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, logLevel: 'warning', mainFields: ['module', 'main'] };

await build({
  ...common,
  entryPoints: [path.join(root, 'schemas/generator/generate.ts')],
  outfile: path.join(root, 'build/generate.js'),
  external: ['typescript'],
});
execFileSync(process.execPath, [path.join(root, 'build/generate.js'), root], { stdio: 'inherit' });
if (process.argv.includes('--generate-only')) process.exit(0);

const entries = [
  ['server/src/lsp/main.ts', 'dist/server.js'],
  ['server/src/cli/main.ts', 'dist/cli.js'],
  ['server/src/execution/index.ts', 'dist/execution.js'],
  // The VS Code extension: the extension host provides `vscode`.
  ['client/src/extension.ts', 'dist/extension.js', { external: ['vscode'] }],
];
await Promise.all(
  entries.map(([entry, out, options = {}]) =>
    build({ ...common, entryPoints: [path.join(root, entry)], outfile: path.join(root, out), minify: true, keepNames: true, ...options }),
  ),
);
