#!/usr/bin/env node
/**
 * The language server's entry point (dist/server.js, the `eni-requests-server` binary of the npm
 * package). Transport from the command line: --stdio, --node-ipc or --socket=<port> (or
 * --pipe=<name>); --version and --help answer without starting a server.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import { startServer } from './server';

const USAGE = `Usage: eni-requests-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The eni-requests language server (LSP): diagnostics, completion, hover and quick
fixes for EC2 network-interface request files, in any LSP client. Most clients
start it with --stdio, e.g. Neovim: cmd = { "eni-requests-server", "--stdio" }.

Options:
  -h, --help     show this help
  -v, --version  show the version
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`eni-requests-server ${version}\n`);
} else if (!args.some((arg) => /^--(?:stdio|node-ipc|socket=|pipe=)/.test(arg))) {
  // createConnection would throw an unhelpful stack: name the transports instead.
  process.stderr.write(`eni-requests-server: name the transport\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all));
}
