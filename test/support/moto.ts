/**
 * moto's server (`python3 -m moto.server`) on 127.0.0.1 and a free port, for tests that want EC2's
 * state to be real state: VPCs and subnets with or without IPv6 blocks, interfaces and their
 * addresses, created through the SDK and then described by the code under test. NOT EC2: moto
 * implements part of the API (e.g. not DescribeNetworkInterfaces' `ipv6-addresses.ipv6-address`
 * filter, which the EC2 double covers) and validates little (it assigns addresses outside a subnet).
 *
 * moto 5.2 comes with every machine this project's tests run on (PyPI is not reachable from them,
 * so the project cannot install it): where python3 cannot import it, startMoto fails and says why.
 * The tests are not skipped: a missing moto is a broken test machine.
 * The server gets an environment of its own: dummy credentials, no AWS config or credentials file.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { EC2Client } from '@aws-sdk/client-ec2';
import { closedPort } from './aws';

export const MOTO_REGION = 'eu-west-1';
const MOTO_CREDENTIALS = { accessKeyId: 'AKIDMOTOTEST00000001', secretAccessKey: 'moto-test-secret-not-a-real-one-000000' };
const START_TIMEOUT_MS = 20_000;

/** Whether moto can run here: the Python interpreter's real path (not a pyenv shim), or why not. */
const MOTO: { readonly available: true; readonly python: string } | { readonly available: false; readonly reason: string } = probe();

function probe() {
  const python = process.env.MOTO_PYTHON || 'python3';
  try {
    const executable = execFileSync(python, ['-c', 'import sys, moto.server; print(sys.executable)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 30_000,
    }).trim();
    return { available: true as const, python: executable };
  } catch {
    return { available: false as const, reason: `${python} cannot import moto.server (moto is not installed here)` };
  }
}

/** The environment of moto's server: nothing of this machine's AWS set-up. */
function motoEnvironment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: MOTO_REGION,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export interface Moto {
  /** The endpoint (an `endpoint` execution option, or AWS_ENDPOINT_URL_EC2). */
  readonly url: string;
  /** An SDK client on it, to set the state up. */
  readonly ec2: EC2Client;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<Moto> {
  if (!MOTO.available) throw new Error(MOTO.reason);
  const port = await closedPort();
  const child = spawn(MOTO.python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env: motoEnvironment(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  try {
    await listening(port, child);
  } catch (error) {
    await stopChild(child);
    throw new Error(`moto did not start: ${(error as Error).message}\n${stderr}`, { cause: error });
  }
  const url = `http://127.0.0.1:${port}`;
  const ec2 = new EC2Client({ region: MOTO_REGION, endpoint: url, credentials: MOTO_CREDENTIALS, maxAttempts: 1 });
  return {
    url,
    ec2,
    async stop() {
      ec2.destroy();
      await stopChild(child);
    },
  };
}

/** Resolves once the port accepts connections; rejects when the process ends first or the time is up. */
async function listening(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode})`);
    if (await accepts(port)) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${port} within ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Ends the server this helper started (by its own process, nothing else). */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
