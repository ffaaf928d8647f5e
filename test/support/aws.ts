/**
 * Shared by the execution suites: the EC2 test double, an AWS environment isolated from this
 * machine (fake credentials, the double's endpoints, empty config files, no IMDS), and requests
 * built from examples/valid the way the language server builds them; a port nobody listens on.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ExecutionRequest } from '../../server/src/execution/request';
import { toPlainValue } from '../../server/src/service/document/navigate';
import { parseDocument } from '../../server/src/service/document/parse';
import { OperationRegistry } from '../../server/src/model/registry';
import { Ec2Double } from '../ec2-double/ec2-double';

export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIDTESTDOUBLE000001',
  secretAccessKey: 'TESTDOUBLEsecret/K7MDENG+bPxRfiCY0000000',
  sessionToken: 'TESTDOUBLEsession/token+0123456789abcdefABCDEF==',
};
export const REGION = 'eu-west-1';

export const registry = new OperationRegistry();
export const examples = path.join(process.cwd(), 'examples', 'valid');

/** The request the server would build from an example file: its operation, plain value, path and syntax. */
export function exampleRequest(file: string): ExecutionRequest {
  const filePath = path.join(examples, file);
  const syntax = /\.ya?ml$/.test(file) ? 'yaml' : 'json';
  const root = parseDocument(readFileSync(filePath, 'utf8'), syntax).root;
  const operation = registry.get(file.split('.').at(-2) ?? '');
  if (!root || !operation) throw new Error(`${file} is not a request file`);
  return { operation, input: toPlainValue(root) as Record<string, unknown>, filePath, syntax };
}

/** The same request with other members. */
export function withInput(request: ExecutionRequest, input: Record<string, unknown>): ExecutionRequest {
  return { ...request, input };
}

export interface TestAws {
  readonly double: Ec2Double;
  /**
   * A new shared config file with these contents, for AWS_CONFIG_FILE. New each time: the SDK
   * caches what it read from a path.
   */
  configFile(contents: string): string;
  restore(): Promise<void>;
}

/**
 * Starts the double and points the SDK at it through the standard variables, replacing every AWS_*
 * variable of this process; restore() puts them back and stops the double.
 */
export async function isolateAws(): Promise<TestAws> {
  const double = await Ec2Double.start();
  const saved = { ...process.env };
  const dir = mkdtempSync(path.join(tmpdir(), 'eni-requests-aws-'));
  let files = 0;
  const configFile = (contents: string) => {
    const file = path.join(dir, `config-${++files}`);
    writeFileSync(file, contents);
    return file;
  };
  writeFileSync(path.join(dir, 'credentials'), '');
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: configFile(''),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: FAKE_CREDENTIALS.sessionToken,
    AWS_REGION: REGION,
    AWS_ENDPOINT_URL_EC2: double.url,
    AWS_ENDPOINT_URL_STS: double.stsUrl,
  });
  return {
    double,
    configFile,
    async restore() {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
      rmSync(dir, { recursive: true, force: true });
      await double.close();
    },
  };
}

/** Runs `fn` with some environment variables changed (undefined: removed), then puts them back. */
export async function withEnv<T>(changes: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(changes);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/** A port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
