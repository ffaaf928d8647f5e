#!/usr/bin/env node
/**
 * `eni-requests <command>`: the command line over the same language service as the editor.
 * Exit status: 0 success, 2 usage error; otherwise per command (see its --help).
 */
import * as fs from 'node:fs';
import { OperationRegistry } from '../model/registry';
import { check } from './check';
import { TOOL, UsageError, type CliIo, type Command } from './command';
import { dryRun, preflight, preview, run } from './execution-commands';
import { layout } from './layout';
import { schemaCommand } from './schema';
import { trimSkeletonCommand } from './trim-skeleton';

const COMMANDS: Record<string, Command> = {
  check,
  'trim-skeleton': trimSkeletonCommand,
  layout,
  'dry-run': dryRun,
  preview,
  preflight,
  run,
  schema: schemaCommand,
};
const NAME_WIDTH = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;

const USAGE = `Usage: eni-requests <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(NAME_WIDTH)}${command.summary}`)
  .join('\n')}

Options:
  -h, --help     show this help (eni-requests <command> --help for a command's)
  -v, --version  show the version

Exit status: 0 success, 2 usage error; otherwise per command (eni-requests <command> --help).

The language server for editors: eni-requests-server --stdio (eni-requests-server --help).
`;

async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  if (name === '-h' || name === '--help') {
    io.stdout(USAGE);
    return 0;
  }
  if (name === '-v' || name === '--version') {
    io.stdout(`${TOOL.name} ${TOOL.version} (schemas from @aws-sdk/client-ec2 ${new OperationRegistry().sdkVersion})\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`eni-requests: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`eni-requests ${name}: ${error.message}\nRun "eni-requests ${name} --help" for usage.\n`);
    return 2;
  }
}

// A reader that stops early (`eni-requests schema run-instances | head`) closes the pipe: the output
// is no longer wanted, which is no failure of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const io: CliIo = {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => fs.readFileSync(0, 'utf8'),
};
main(process.argv.slice(2), io).then(
  (code) => {
    // exitCode, not exit(): stdout may still be flushing into a pipe.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eni-requests: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
