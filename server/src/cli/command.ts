/** What every `eni-requests <command>` shares: its entry in the command table, I/O, usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { version } from '../../../package.json';

export const TOOL = { name: 'eni-requests', version };

export interface CliIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, read when a command is given `-`. */
  readStdin(): string;
}

export interface Command {
  /** One line for `eni-requests --help`. */
  readonly summary: string;
  /** The full text of `eni-requests <command> --help`. */
  readonly usage: string;
  /** Resolves to the exit code. Throws UsageError for bad arguments (exit 2). */
  run(args: string[], io: CliIo): number | Promise<number>;
}

/** Bad command-line arguments: reported with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** node:util parseArgs, with its argument errors turned into UsageErrors. */
/** What parseArgs gives for these options (named, so that the declaration can be emitted). */
type Options = NonNullable<ParseArgsConfig['options']>;
export type ParsedOptions<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

export function parseOptions<T extends Options>(args: string[], options: T): ParsedOptions<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    if (String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}
