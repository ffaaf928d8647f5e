// End-to-end tests in a real VS Code: builds the extension and the suite, starts the EC2 test
// double, starts code-server (VS Code 1.139.1) on 127.0.0.1 with fresh HOME/TMPDIR/user data/
// extensions and a copy of test/e2e/workspace/, opens the workbench in headless Chromium with the
// extensionDevelopmentPath + extensionTestsPath payload (the suite's mocha runs inside the real
// extension host, as with @vscode/test-electron's runTests), relays the suite's output, and exits
// with its code after printing `N passed, N failed`. Everything it started is stopped on success,
// failure, timeout and Ctrl-C.
//
// Environment: E2E_SCREENSHOT=docs/images/editor.png writes the screenshot the suite's last test
// stages; E2E_TIMEOUT_MS (default 170000); E2E_GREP (mocha grep); E2E_SKIP_BUILD=1; VERBOSE=1
// (code-server and browser logs); KEEP_TMP=1 (keep the session directory and code-server's log).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';
import { buildE2e } from './build.mjs';
import { CHROMIUM, ROOT, TOOLS, ensureSetup, freePort, sessionDirs, sessionEnv, startCodeServer } from './code-server.mjs';

const T0 = Date.now();
const t = () => `${((Date.now() - T0) / 1000).toFixed(1)}s`;
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 170_000);
const VERBOSE = !!process.env.VERBOSE;
const SCREENSHOT = process.env.E2E_SCREENSHOT ? path.resolve(ROOT, process.env.E2E_SCREENSHOT) : undefined;

ensureSetup();
if (!process.env.E2E_SKIP_BUILD) {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit', cwd: ROOT });
}
const { suite, doubleHost } = await buildE2e();
console.log(`[${t()}] built the extension and the suite`);

const SUITE_START = '[e2e] suite starts'; // test/e2e/suite/index.ts prints it
// The workbench reaching for the extension gallery (no network here), and its policy chatter.
const WORKBENCH_NOISE = /open-vsx\.org|marketplace|\[AccountPolicyGate\]|\[AgentHost/;
let suiteStarted = false;
const startupLog = [];
const counts = { passed: 0, failed: 0 };
let page, browser, codeServer, double, finishing;
const dirs = sessionDirs('e2e-');

/** Stops everything this runner started, prints the counts, exits. Safe to call more than once. */
function finish(code, why) {
  finishing ??= (async () => {
    clearTimeout(guard);
    if (code !== 0 && page) {
      const shot = path.join(TOOLS, 'last-failure.png');
      await page.screenshot({ path: shot }).then(
        () => console.log(`screenshot of the failure: ${shot}`),
        () => {},
      );
    }
    if (code !== 0 && !suiteStarted) console.log(`the suite never started; the workbench said:\n${startupLog.slice(-40).join('\n')}`);
    if (code !== 0 && counts.failed === 0) counts.failed = 1; // crashed or timed out before mocha reported
    console.log(`[${t()}] finished: ${why}, exit ${code}`);
    await browser?.close().catch(() => {});
    await codeServer?.stop().catch(() => {});
    await double?.close().catch(() => {});
    if (process.env.KEEP_TMP) {
      if (codeServer) fs.writeFileSync(path.join(dirs.tmp, 'code-server.log'), codeServer.output());
      console.log(`kept ${dirs.tmp}`);
    } else fs.rmSync(dirs.tmp, { recursive: true, force: true });
    console.log(`${counts.passed} passed, ${counts.failed} failed`);
    process.exit(code);
  })();
  return finishing;
}
const guard = setTimeout(() => finish(1, `TIMEOUT after ${TIMEOUT_MS} ms`), TIMEOUT_MS);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => finish(130, signal));

try {
  // The EC2 test double, outside the extension host; the server inherits its endpoints through
  // code-server's environment.
  const { startDoubleHost } = createRequire(import.meta.url)(doubleHost);
  double = await startDoubleHost({
    screenshot: async () => {
      if (!SCREENSHOT || !page) return undefined;
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      console.log(`[${t()}] screenshot: ${path.relative(ROOT, SCREENSHOT)}`);
      return SCREENSHOT;
    },
  });

  // An AWS environment of its own: fake credentials, the double's endpoints, config files in the
  // session directory, no instance metadata. No AWS_* variable of this machine gets through.
  const aws = path.join(dirs.tmp, 'aws');
  fs.mkdirSync(aws);
  fs.writeFileSync(path.join(aws, 'config'), '[default]\nregion = eu-west-1\n\n[profile e2e-admin]\nregion = us-east-2\n');
  fs.writeFileSync(
    path.join(aws, 'credentials'),
    '[e2e-admin]\naws_access_key_id = AKIDE2EADMIN00000001\naws_secret_access_key = e2eAdminSecret000000000000000000000000000\n',
  );
  const env = sessionEnv(dirs);
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  Object.assign(env, {
    AWS_CONFIG_FILE: path.join(aws, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(aws, 'credentials'),
    AWS_ACCESS_KEY_ID: 'AKIDE2ETESTDOUBLE001',
    AWS_SECRET_ACCESS_KEY: 'e2eTestDoubleSecret/K7MDENG+bPxRfiCY0000',
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL_EC2: double.ec2Url,
    AWS_ENDPOINT_URL_STS: double.stsUrl,
    AWS_EC2_METADATA_DISABLED: 'true',
    E2E_CONTROL_URL: double.controlUrl,
  });

  // A copy of the fixtures: tests edit (and may save) files.
  const workspace = path.join(dirs.tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), workspace, { recursive: true });

  const port = await freePort();
  codeServer = await startCodeServer({
    port,
    dirs,
    env,
    // Without enable-smoke-test-driver the workbench ignores the test payload in the URL.
    args: ['--disable-workspace-trust', '--vscode-option', 'enable-smoke-test-driver'],
    log: (text) => VERBOSE && process.stdout.write(`[code-server] ${text}`),
  });
  codeServer.exited.then(({ code }) => finish(1, `code-server exited early (${code})`));
  console.log(`[${t()}] code-server on 127.0.0.1:${port}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This runner stops the browser itself (finish): Playwright's own handlers would exit the
    // process first and leave code-server running.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...env, HOME: dirs.home },
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  if (VERBOSE) page.on('console', (message) => console.log('[browser]', message.type(), message.text().slice(0, 300)));
  // The extension host's console (mocha's reporter) arrives here, and the workbench's own logs:
  // those are held back until the suite starts (shown with VERBOSE, or when it never starts).
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = util.format(...args); // mocha logs printf-style: ['  %d passing (%s)', 5, '2s']
    if (!suiteStarted) {
      if (text.includes(SUITE_START)) suiteStarted = true;
      else if (VERBOSE) console.log('[workbench]', text);
      else startupLog.push(text);
      return;
    }
    if (!VERBOSE && WORKBENCH_NOISE.test(text)) return;
    (console[type] ?? console.log)(...args);
    let match;
    if ((match = /^\s*(\d+) passing/m.exec(text))) counts.passed = Number(match[1]);
    if ((match = /^\s*(\d+) failing/m.exec(text))) counts.failed = Number(match[1]);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code, 'the suite finished'));

  const host = `127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(suite)],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  console.log(`[${t()}] workbench open; the suite runs in the extension host`);
} catch (error) {
  console.error(error);
  await finish(1, 'error');
}
