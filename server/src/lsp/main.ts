/**
 * The language server's entry point (dist/server.js). Transport from the command line: --stdio,
 * --node-ipc or --socket=<port>.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
