/**
 * The oracle's processes: the AWS CLI v1 and v2 (aws_cli_driver.py, one Python process each, one
 * CLI driver object for every file) and botocore's validator (botocore_validate.py), fed JSON lines
 * on stdin and answering JSON lines on stdout. The environment they get is isolated from this
 * machine: dummy credentials, no config or credentials file, no IMDS, no profile, a HOME of their
 * own (no CLI aliases), and every endpoint given on the command line (127.0.0.1).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

/** What aws_cli_driver.py answers for one file. */
export interface CliRun {
  readonly id: number;
  readonly rc: number;
  readonly stderr: string;
  readonly kind: 'sent?' | 'cli-json' | 'cli-yaml' | 'not-a-map' | 'validation' | 'usage' | 'other';
  readonly reason: string;
  /** [structure path, member] of each "Unknown parameter" botocore named. */
  readonly unknown: [string, string][];
  /** The lines of botocore's "Parameter validation failed" report. */
  readonly problems: string[];
  /** The parameters the CLI's own loader read, as tagged JSON text (big integers intact); null when it could not read them. */
  readonly loaded: string | null;
}

export interface CliJob {
  readonly id: number;
  readonly file: string;
  readonly command: string;
  readonly operation: string;
  readonly format: 'json' | 'yaml';
  readonly endpoint: string;
}

export interface BotocoreVerdict {
  readonly ok: boolean;
  readonly report: string;
  /** [kind (missing, unknown, type, range, length, other), structure path, member]. */
  readonly errors: [string, string, string][];
}

export interface BotocoreResult {
  readonly id: number;
  /** As the AWS CLI hands the parameters over (RunInstances: MinCount/MaxCount default to 1). */
  readonly cli: BotocoreVerdict;
  /** As written (an SDK). */
  readonly sdk: BotocoreVerdict;
}

export interface Interpreter {
  readonly label: string;
  /** The interpreter's real path (sys.executable): pyenv's shims need the user's HOME, the real binary does not. */
  readonly executable: string;
  readonly version: string;
}

export const DRIVER = 'aws_cli_driver.py';
export const VALIDATOR = 'botocore_validate.py';

/**
 * The interpreter `command` resolves to, if it imports the AWS CLI (`module`): its executable and
 * the CLI's version; a readable error otherwise.
 */
export function findInterpreter(label: string, command: string, module = 'awscli'): Interpreter {
  try {
    const out = execFileSync(command, ['-c', `import sys, ${module} as m; print(sys.executable); print(m.__version__)`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    const [executable, version] = out.trim().split('\n');
    if (!executable || !existsSync(executable)) throw new Error(`no executable in ${JSON.stringify(out)}`);
    return { label, executable, version };
  } catch (error) {
    throw new Error(
      `${label}: \`${command}\` cannot import ${module} (${(error as Error).message.split('\n')[0]}). ` +
        'Run scripts/test-setup.sh: it installs the Debian awscli package (v2) and awscli 1.45.11 for python3 (v1) when missing.',
      { cause: error },
    );
  }
}

/**
 * The isolated environment of the Python processes: nothing of this one's but PATH, TMPDIR and
 * PYTHONPATH (the interpreters are run by their real paths, so pyenv needs nothing), no AWS_*
 * variable but the dummies below. Small, too: botocore copies os.environ many times per call.
 */
export function oracleEnvironment(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'TMPDIR', 'PYTHONPATH']) if (process.env[name] !== undefined) env[name] = process.env[name];
  mkdirSync(home, { recursive: true });
  return {
    ...env,
    HOME: home,
    LC_ALL: 'C.UTF-8',
    LANG: 'C.UTF-8',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONIOENCODING: 'utf-8',
    AWS_ACCESS_KEY_ID: 'AKIDCLIORACLE0000001',
    AWS_SECRET_ACCESS_KEY: 'cliOracleDummySecret0000000000000000000',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
  };
}

/** A process that has not finished after this long is killed (CLI_ORACLE_TIMEOUT_SECONDS). */
const TIMEOUT_MS = Number(process.env.CLI_ORACLE_TIMEOUT_SECONDS ?? 400) * 1000;

/**
 * Runs `script` under `interpreter` with one JSON line per job on stdin; resolves to the answers by
 * id. Rejects when the process fails, takes too long, or answers fewer lines than it was given.
 */
export function runLines<T extends { id: number }>(
  interpreter: Interpreter,
  script: string,
  jobs: readonly object[],
  env: NodeJS.ProcessEnv,
): Promise<Map<number, T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(interpreter.executable, [script], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${TIMEOUT_MS / 1000} s, ${answers.size} of ${jobs.length} answered]`;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    const answers = new Map<number, T>();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.trim()) return;
      try {
        const answer = JSON.parse(line) as T;
        answers.set(answer.id, answer);
      } catch {
        stderr += `\n[unparsable line] ${line.slice(0, 200)}`;
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${interpreter.label} ${path.basename(script)} exited with ${code}:\n${stderr}`));
      else if (answers.size !== jobs.length)
        reject(new Error(`${interpreter.label} ${path.basename(script)} answered ${answers.size} of ${jobs.length} lines:\n${stderr}`));
      else resolve(answers);
    });
    child.stdin.on('error', () => {}); // reported through 'close'
    child.stdin.end(jobs.map((job) => `${JSON.stringify(job)}\n`).join(''));
  });
}
