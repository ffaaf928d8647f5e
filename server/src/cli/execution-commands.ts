/**
 * `eni-requests dry-run|preview|preflight|run <file>`: the editor's execution commands for CI and
 * scripts, through the same runner (a file with errors is not sent), with EXIT_CODES as exit status.
 */
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { EXIT_CODES, type ExecutionResult } from '../../../contract/outcome';
import { RequestLanguageService } from '../service/language-service';
import { resultText } from '../service/running/result-text';
import { MAX_TIMEOUT_SECONDS, RequestRunner, type RunControl, type RunnerSettings } from '../service/running/runner';
import { parseOptions, TOOL, UsageError, type CliIo, type Command } from './command';
import { describeError, readRequestDocument } from './files';
import { command, render, toFinding, type Finding } from './report';

type Execute = (runner: RequestRunner, document: TextDocument, settings: RunnerSettings, control: RunControl) => Promise<ExecutionResult>;

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = `Options:
      --profile <name>      AWS profile (else AWS_PROFILE, else the default profile)
      --region <region>     region (else AWS_REGION / AWS_DEFAULT_REGION, else the profile's region)
      --timeout <seconds>   per-request timeout, 1-${MAX_TIMEOUT_SECONDS} (default 30)
  -f, --format <text|json>  text: the result, then the members at fault as
                            path:line:col: error [<source>:<code>] message, the source
                            ec2 (EC2's answer) or preflight (the preflight's finding);
                            json: the result object with those findings
      --verbose             write the request log to stderr: each HTTP request sent (action,
                            endpoint, retries) and a summary line; credentials never appear
  -h, --help                show this help`;

const EXIT_STATUS = `Exit status:
  0    would succeed (dry run), succeeded, or previewed
  1    EC2 answered with another error, the file could not be read, or an unexpected failure
  2    usage error, or a real run without --yes (nothing sent)
  3    denied (UnauthorizedOperation, AccessDenied)
  4    invalid: the file has errors (nothing sent), or EC2 rejected the request
  5    EC2 not reached: unreachable, timeout, throttled, no credentials or region, credentials rejected
  6    the operation has no dry run (use preflight)
  130  cancelled (Ctrl-C)`;

const ENVIRONMENT = `Credentials, region and endpoint come from the standard AWS sources (environment,
~/.aws/config and ~/.aws/credentials, SSO), as for the AWS CLI; the endpoint also from
AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL or the profile's endpoint_url.`;

function executionCommand(name: string, summary: string, description: string, execute: Execute, { confirm = false } = {}): Command {
  return {
    summary,
    usage: `Usage: eni-requests ${name} [options] <file>${confirm ? ' --yes' : ''}

${description}

A file with errors (see eni-requests check) is refused: the SDK silently drops
members it does not know.

${ENVIRONMENT}

${OPTIONS}${confirm ? '\n  -y, --yes                 confirm the real run (required)' : ''}

${EXIT_STATUS}
`,
    async run(args, io) {
      const { values, positionals } = parseOptions(args, {
        profile: { type: 'string' },
        region: { type: 'string' },
        timeout: { type: 'string' },
        format: { type: 'string', short: 'f', default: 'text' },
        verbose: { type: 'boolean', default: false },
        ...(confirm ? { yes: { type: 'boolean' as const, short: 'y', default: false } } : {}),
      });
      const format = values.format as Format;
      if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (expected ${FORMATS.join(', ')})`);
      if (positionals.length !== 1) throw new UsageError(positionals.length ? 'one request file at a time' : 'no request file');
      const settings: RunnerSettings = { profile: values.profile, region: values.region, timeoutSeconds: timeoutOf(values.timeout) };
      if (confirm && values.yes !== true) {
        throw new UsageError(`a real run changes your AWS account: add --yes to run ${positionals[0]}. Nothing was sent ("eni-requests dry-run" only checks).`);
      }
      const file = positionals[0];
      let document: TextDocument;
      try {
        document = readRequestDocument(path.resolve(io.cwd, file));
      } catch (error) {
        io.stderr(`${file}: error: ${describeError(error)}\n`);
        return 1;
      }
      const runner = new RequestRunner(new RequestLanguageService({ log: (message) => io.stderr(`${message}\n`) }));
      const readiness = runner.readiness(document);
      if (!readiness.ready) return report(readiness.result, readiness.errors, file, format, io);
      const controller = new AbortController();
      const cancel = () => controller.abort();
      // The first Ctrl-C cancels the request in flight (exit 130); the listener goes, so a second one stops the process.
      process.once('SIGINT', cancel);
      try {
        // The execution module redacts every line before it reaches `log`.
        const log = values.verbose === true ? (line: string) => io.stderr(`${line}\n`) : undefined;
        const result = await execute(runner, document, settings, { signal: controller.signal, log });
        return report(result, runner.fieldDiagnostics(document), file, format, io);
      } finally {
        process.removeListener('SIGINT', cancel);
      }
    },
  };
}

/** `--timeout <seconds>`: whole seconds from 1 to MAX_TIMEOUT_SECONDS (also for `check --live`). */
export function timeoutOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS)
    throw new UsageError(`--timeout takes whole seconds from 1 to ${MAX_TIMEOUT_SECONDS}, not "${value}"`);
  return seconds;
}

/** Prints the result and the problems in the file (its errors, or the members EC2 named); resolves to the exit code. */
function report(result: ExecutionResult, diagnostics: Diagnostic[], file: string, format: Format, io: CliIo): number {
  const findings: Finding[] = diagnostics.map((d) => toFinding(file, d));
  if (format === 'json') io.stdout(`${JSON.stringify({ ...result, findings }, null, 2)}\n`);
  else {
    // The execution module says a preflight exists; on the command line, say which command it is.
    const preflight = result.preflightAvailable ? `Run ${command('preflight', file)} for the read-only check.\n` : '';
    io.stdout(
      resultText(result) + preflight + (findings.length ? `\n${render({ findings, pathErrors: [], checked: 1, skipped: [] }, 'text', TOOL, io.cwd)}` : ''),
    );
  }
  return EXIT_CODES[result.kind] ?? 1;
}

export const dryRun = executionCommand(
  'dry-run',
  'send a request with DryRun=true: EC2 checks it, nothing changes',
  `Sends the request file to EC2 with DryRun=true, whatever the file says: EC2 checks
permissions, IDs and parameters and changes nothing. Operations without a DryRun
parameter (Assign/Unassign addresses) send nothing: use preflight.`,
  (runner, document, settings, control) => runner.dryRun(document, settings, control),
);

export const preview = executionCommand(
  'preview',
  'print the HTTP request and the aws CLI command line; nothing is sent',
  `Prints the HTTP request the SDK would send for a dry run (signed; the signature and
any session token redacted) and the equivalent aws ec2 command line. Nothing is sent.`,
  (runner, document, settings, control) => runner.preview(document, settings, control),
);

export const preflight = executionCommand(
  'preflight',
  'read-only check of an Assign/Unassign request (they have no dry run)',
  `Read-only check of an Assign/Unassign address request, which has no dry run:
describes the interface (does it exist, which addresses it has); for an Assign,
its subnet too (explicit addresses and prefixes outside the subnet's CIDR blocks,
IPv6 on a subnet without an IPv6 block, IPv4 on an IPv6-only one) and whether
another interface in the subnet holds the explicit new addresses. Its findings
are [preflight:<code>]. A Describe that fails is reported as such ("Preflight
could not describe ..."): the request was then not checked.`,
  (runner, document, settings, control) => runner.preflight(document, settings, control),
);

export const run = executionCommand(
  'run',
  'send a request for real (not a dry run): changes the account; needs --yes',
  `Sends the request file as written: NOT a dry run, it changes your AWS account.
Nothing is sent without --yes.`,
  (runner, document, settings, control) => runner.run(document, settings, { ...control, confirmed: true }),
  { confirm: true },
);
