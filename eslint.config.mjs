// Lint: typescript-eslint's recommended rules, no import cycles, and the layer rule of
// docs/architecture.md (each layer imports only the layers below it).
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'build/', '.e2e/', 'node_modules/', 'bench/out/', 'bench/generated/', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      'import-x/no-cycle': 'error',
      // The layers of docs/architecture.md: each imports only the layers below it.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './contract',
              from: ['./server', './client', './schemas', './test'],
              message: 'contract/ is the client-server contract: it imports nothing.',
            },
            { target: './client', from: ['./server', './schemas'], message: 'The client talks to the server through contract/ only.' },
            {
              target: './server/src/model',
              from: ['./server/src/execution', './server/src/service', './server/src/lsp', './server/src/cli'],
              message: 'The model is below execution and the service.',
            },
            {
              target: './server/src/execution',
              from: ['./server/src/service', './server/src/lsp', './server/src/cli'],
              message: 'Execution is below the service.',
            },
            {
              target: './server/src/service',
              from: ['./server/src/lsp', './server/src/cli'],
              message: 'The service is below the language server and the CLI.',
            },
            { target: './server/src/lsp', from: ['./server/src/cli'], message: 'The language server and the CLI are siblings.' },
            { target: './server/src/cli', from: ['./server/src/lsp'], message: 'The language server and the CLI are siblings.' },
            {
              target: './server/src',
              from: ['./schemas/generator'],
              except: [],
              message: 'Generated schemas are read from build/schemas, not from the generator.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
