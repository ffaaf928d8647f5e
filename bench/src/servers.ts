/**
 * The three servers the bench drives: ours (dist/server.js) and the anchors, each anchor given the
 * product's own generated JSON Schema for every operation, matched by file name as ours matches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerSpec } from './lsp';

export interface ServerOptions {
  root: string;
  /** Our server bundle (default dist/server.js); a patched copy can be benchmarked the same way. */
  ourServer: string;
  /** Extra node flags for our server (e.g. --cpu-prof). */
  nodeFlags: string[];
}

/** cli-command → schema file, for every operation the product knows. */
function schemaFiles(root: string): { cliCommand: string; file: string }[] {
  const index = JSON.parse(fs.readFileSync(path.join(root, 'build/schemas/index.json'), 'utf8')) as {
    operations: Record<string, { 'x-operation': { name: string; cliCommand: string } }>;
  };
  return Object.values(index.operations).map((op) => ({
    cliCommand: op['x-operation'].cliCommand,
    file: path.join(root, 'build/schemas', `${op['x-operation'].name}.schema.json`),
  }));
}

export function ours(options: ServerOptions): ServerSpec {
  return {
    name: 'ours',
    command: [process.execPath, ...options.nodeFlags, options.ourServer, '--stdio'],
    // The server's own default limit (16 M characters); VS Code's setting default is 5 M.
    settings: { eniRequests: { fileAssociations: {}, maxFileSize: 16_000_000 } },
    versioned: true,
  };
}

/** vscode-json-language-server with `json.schemas`: fileMatch on the request file name, the schema by file URI. */
export function jsonAnchor(options: ServerOptions): ServerSpec {
  const schemas = schemaFiles(options.root).map(({ cliCommand, file }) => ({
    fileMatch: [`*.${cliCommand}.json`, `*.${cliCommand}.jsonc`],
    url: pathToFileURL(file).href,
  }));
  return {
    name: 'json-ls',
    command: [process.execPath, path.join(options.root, 'node_modules/vscode-langservers-extracted/bin/vscode-json-language-server'), '--stdio'],
    settings: { json: { validate: { enable: true }, schemas }, http: { proxy: '', proxyStrictSSL: false } },
    versioned: false,
  };
}

/** yaml-language-server with `yaml.schemas`: schema file URI → glob; the schema store (network) off. */
export function yamlAnchor(options: ServerOptions): ServerSpec {
  const schemas: Record<string, string[]> = {};
  for (const { cliCommand, file } of schemaFiles(options.root)) schemas[pathToFileURL(file).href] = [`**/*.${cliCommand}.yaml`, `**/*.${cliCommand}.yml`];
  return {
    name: 'yaml-ls',
    command: [process.execPath, path.join(options.root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    settings: {
      yaml: {
        validate: true,
        hover: true,
        completion: true,
        schemas,
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        format: { enable: false },
      },
      http: { proxy: '', proxyStrictSSL: false },
      editor: {},
    },
    versioned: false,
  };
}
