// `npm run editor`: try the product in a real VS Code in your browser. Builds and packages the
// extension, installs the .vsix into a fresh code-server (VS Code 1.139.1) on 127.0.0.1, opens
// examples/, prints the URL, and runs until Ctrl-C (then stops code-server and removes its
// session directory).
//
// Options: --port=N (or E2E_EDITOR_PORT; default 8080, else a free port), --folder=PATH (default
// examples/). Your AWS environment passes through (AWS_PROFILE, AWS_REGION, ~/.aws files), so dry
// runs use your credentials; set AWS_ENDPOINT_URL_EC2 to point them elsewhere.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, ensureSetup, freePort, installExtension, sessionDirs, sessionEnv, startCodeServer } from './code-server.mjs';

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const folder = path.resolve(arg('folder') ?? path.join(ROOT, 'examples'));
const wanted = Number(arg('port') ?? process.env.E2E_EDITOR_PORT ?? 8080);

ensureSetup();
console.log('editor: building and packaging the extension…');
execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit', cwd: ROOT });
const dirs = sessionDirs('editor-');
const vsix = path.join(dirs.tmp, 'eni-requests.vsix');
execFileSync(path.join(ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], {
  stdio: ['ignore', 'ignore', 'inherit'],
  cwd: ROOT,
});

// A fresh HOME keeps this session's VS Code state apart; the AWS files stay the user's own.
const realHome = os.homedir();
const env = sessionEnv(dirs, {
  AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE || path.join(realHome, '.aws', 'config'),
  AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(realHome, '.aws', 'credentials'),
});
installExtension(dirs, env, vsix);

let codeServer;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await codeServer?.stop().catch(() => {});
  fs.rmSync(dirs.tmp, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));

try {
  const port = await portToUse(wanted);
  codeServer = await startCodeServer({ port, dirs, env });
  codeServer.exited.then(({ code }) => {
    if (!stopping) console.error(`code-server exited (${code})`);
    void stop(code ?? 1);
  });
  console.log(
    `\nVS Code with ENI Requests (installed from the fresh .vsix), ${path.relative(ROOT, folder) || folder} open:\n\n  http://127.0.0.1:${port}/?folder=${encodeURI(folder)}\n\nCtrl-C stops it.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}

/** The port asked for when it is free, else any free one. */
async function portToUse(port) {
  const net = await import('node:net');
  const free = await new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  if (free) return port;
  const other = await freePort();
  console.log(`port ${port} is in use; using ${other}`);
  return other;
}
