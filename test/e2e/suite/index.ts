/**
 * The extensionTestsPath module: VS Code's extension host calls run() once the workbench is up and
 * exits with its outcome (the contract of @vscode/test-electron's runTests). Mocha is bundled in;
 * the test files are required in order after `pre-require`, so their describe/it are mocha's.
 */
import Mocha from 'mocha';
import { activateExtension } from './helpers';

export const SUITE_START = '[e2e] suite starts';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, slow: 5_000, reporter: 'spec', grep: process.env.E2E_GREP || undefined });
  mocha.suite.emit('pre-require', globalThis, 'e2e', mocha);
  mocha.suite.beforeAll('activate the extension', activateExtension);
  // Order matters: the screenshot wants a workbench with only its file open (closed editors keep their
  // documents, and their problems, a while); the server-restart test kills the server others rely on.
  /* eslint-disable @typescript-eslint/no-require-imports -- the suites register in this order */
  require('./activation.test');
  require('./screenshot.test');
  require('./language.test');
  require('./execution.test');
  require('./layout.test');
  require('./new-request.test');
  require('./settings.test');
  require('./server-restart.test');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // The runner relays the extension host's console from here on (the workbench's start-up chatter before).
  console.log(SUITE_START);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve()));
  });
}
