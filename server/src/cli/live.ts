/**
 * `--live[=required]` for `check` and `layout`: the editor's live checks (service/live/live-checks.ts,
 * the same code, no copy) from the command line. Read-only Describe calls with the execution
 * commands' `--profile`, `--region` and `--timeout` and the standard AWS sources for credentials
 * and the endpoint, made after the static checks and awaited (no editor delay). When they cannot
 * run (no credentials, no region, EC2 unreachable, denied…), one line on stderr says so; the exit
 * code changes only with `--live=required`, to the execution commands' code for that outcome.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { EXIT_CODES } from '../../../contract/outcome';
import type { InstanceTypeLimits } from '../execution/lookups';
import type { RequestLanguageService } from '../service/language-service';
import { LiveChecks } from '../service/live/live-checks';
import { MAX_TIMEOUT_SECONDS } from '../service/running/runner';
import { UsageError, type CliIo } from './command';
import { timeoutOf } from './execution-commands';

export type LiveMode = 'optional' | 'required';

/** The options that go with --live (parseOptions' table). */
export const LIVE_OPTIONS = {
  live: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** The options' lines for a command's --help, their descriptions starting at `column`. */
export function liveUsage(column: number): string {
  const options: [string, string][] = [
    [
      '--live[=required]',
      'also run the live checks after the static ones: read-only Describe calls with your AWS credentials (IDs that do not exist, addresses outside their subnet or in use, more than the instance type allows: docs/live-checks.md). When they cannot run, stderr says why ("live checks skipped: …") and the exit status is unchanged; with =required it is not (below)',
    ],
    ['--profile <name>', 'AWS profile for --live (else AWS_PROFILE, else the default profile)'],
    ['--region <region>', "region for --live (else AWS_REGION / AWS_DEFAULT_REGION, else the profile's region)"],
    ['--timeout <seconds>', `per-request timeout for --live, 1-${MAX_TIMEOUT_SECONDS} (default 30)`],
  ];
  return options
    .map(([option, description]) => `      ${option.padEnd(column - 6)}${wrap(description, 94 - column).join(`\n${' '.repeat(column)}`)}`)
    .join('\n');
}

/** Words into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length ? lines[lines.length - 1] : undefined;
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** For a command's --help, after its exit status. */
export const LIVE_ENVIRONMENT = `With --live, credentials, region and endpoint come from the standard AWS sources
(environment, ~/.aws/config and ~/.aws/credentials, SSO), as for the AWS CLI and
eni-requests dry-run; the endpoint also from AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL
or the profile's endpoint_url. Nothing is changed in the account.`;

/**
 * `--live` alone is `--live=optional`: node's parseArgs gives a string option a value, and `--live`
 * followed by a file must not take the file as its value. After `--` nothing is an option.
 */
export function withLiveDefault(args: readonly string[]): string[] {
  const end = args.indexOf('--');
  return args.map((arg, i) => (arg === '--live' && (end < 0 || i < end) ? '--live=optional' : arg));
}

interface LiveValues {
  readonly live?: string;
  readonly profile?: string;
  readonly region?: string;
  readonly timeout?: string;
}

/** The live checks the options ask for, or undefined without --live (then --profile, --region and --timeout are usage errors). */
export function cliLiveChecks(values: LiveValues, service: RequestLanguageService, io: CliIo, verbose = false): CliLiveChecks | undefined {
  if (values.live === undefined) {
    const stray = (['profile', 'region', 'timeout'] as const).find((name) => values[name] !== undefined);
    if (stray) throw new UsageError(`--${stray} is for the live checks: add --live`);
    return undefined;
  }
  if (values.live !== 'optional' && values.live !== 'required') throw new UsageError(`--live takes no value or =required, not "${values.live}"`);
  const timeoutSeconds = timeoutOf(values.timeout);
  return new CliLiveChecks(values.live, service, { profile: values.profile, region: values.region, timeoutSeconds }, io, verbose);
}

export class CliLiveChecks {
  private readonly checks: LiveChecks;

  constructor(
    readonly mode: LiveMode,
    service: RequestLanguageService,
    settings: { profile?: string; region?: string; timeoutSeconds?: number },
    private readonly io: CliIo,
    verbose: boolean,
  ) {
    // The execution module redacts what it logs; the trace is one line per look-up EC2 answered.
    this.checks = new LiveChecks(service, verbose ? { trace: (line) => io.stderr(`${line}\n`) } : {});
    this.checks.configure({ enabled: true, executionAllowed: true, ...settings });
  }

  /** Looks up what the documents name (and `instanceTypes`), round after round; resolves when done or stopped. */
  settle(documents: readonly TextDocument[], instanceTypes: readonly string[] = []): Promise<void> {
    return this.checks.settle(documents, { instanceTypes });
  }

  /** The document's live diagnostics, from what `settle` learned; none when the checks stopped. */
  diagnostics(document: TextDocument): Diagnostic[] {
    return this.checks.diagnostics(document);
  }

  /** What EC2 said about an instance type, when it was looked up. */
  instanceType(name: string): InstanceTypeLimits | undefined {
    return this.checks.instanceType(name);
  }

  /**
   * After `settle`: when the checks could not run, writes "live checks skipped: <why>" to stderr
   * once and answers the exit code --live=required calls for (0 otherwise, and when they ran).
   */
  reportFailure(): number {
    const failure = this.checks.failure;
    if (!failure) return 0;
    this.io.stderr(`live checks skipped: ${failure.title}: ${failure.message}\n`);
    return this.mode === 'required' ? EXIT_CODES[failure.kind] || 1 : 0;
  }
}
