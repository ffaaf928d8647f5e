/**
 * Loads the execution module on first use, so the AWS SDK costs nothing until a request is run.
 * SDK-free: import this (and outcome.ts for types), never index.ts, from the server and the CLI.
 *
 * Bundled (dist/server.js, dist/cli.js), the module is the separate bundle dist/execution.js next
 * to the caller. Unbundled (ts-node, tsc output), it is ./index. Both paths are computed, so
 * esbuild leaves the require alone instead of pulling the SDK into the caller's bundle.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export type Execution = typeof import('./index');

let loaded: Execution | undefined;

/** `directory`: where execution.js lies; the caller's own directory unless a test says otherwise. */
export function loadExecution(directory = __dirname): Execution {
  if (!loaded) {
    const bundle = path.join(directory, 'execution.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start (see above)
    loaded = require(existsSync(bundle) ? bundle : path.join(directory, 'index')) as Execution;
  }
  return loaded;
}
