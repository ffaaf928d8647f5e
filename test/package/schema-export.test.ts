/**
 * The exported JSON Schemas (`eni-requests schema`, docs/schemas.md) as another tool reads them:
 * ajv in strict mode compiles every one; every valid example passes its operation's schema, the
 * schema-level broken examples fail it, and no file the engine accepts is rejected (the AWS CLI
 * differential corpus); `schema --all` through the built CLI (dist/cli.js: run `npm run build`
 * first) writes what the in-process export gives; no local path leaks into a schema.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import YAML from 'yaml';
import type { Consumer } from '../../server/src/model/aws-cli';
import {
  ANNOTATION_KEYWORDS,
  EXPORT_DIALECT,
  exportAllSchemas,
  exportFileName,
  exportOperationSchema,
  serializeExport,
} from '../../server/src/model/json-schema-export';
import { OperationRegistry } from '../../server/src/model/registry';
import { toPlainValue } from '../../server/src/service/document/navigate';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { generateCorpus } from '../cli-oracle/corpus';
import { projectRoot } from '../support/project-root';

const root = projectRoot();
const registry = new OperationRegistry();
const operations = registry.all();
const examples = path.join(root, 'examples');

/** ajv as a strict consumer of the export: draft-07, every annotation keyword declared, nothing else. */
function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true });
  for (const [keyword, types] of Object.entries(ANNOTATION_KEYWORDS)) ajv.addKeyword({ keyword, schemaType: [...types] });
  return ajv;
}

/** The compiled schema of every operation, by CLI command, for one consumer. */
function compileAll(consumer: Consumer): Map<string, ValidateFunction> {
  const ajv = strictAjv();
  return new Map(operations.map((schema) => [schema['x-operation'].cliCommand, ajv.compile(exportOperationSchema(schema, { consumer }))]));
}

/** `web.create-network-interface.yaml` → `create-network-interface`. */
const commandOf = (file: string) => path.basename(file).split('.').at(-2)!;

function parseFile(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  return /\.ya?ml$/.test(file) ? YAML.parse(text) : JSON.parse(text);
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message} ${JSON.stringify(e.params)}`).join('\n');

describe('exported JSON Schemas', () => {
  const validators = { 'aws-cli': compileAll('aws-cli'), sdk: compileAll('sdk') };

  it('compile in ajv strict mode, for both consumers, with $schema, $id, title and description', () => {
    assert.equal(validators['aws-cli'].size, operations.length);
    for (const consumer of ['aws-cli', 'sdk'] as const) {
      for (const schema of operations) {
        const exported = exportOperationSchema(schema, { consumer });
        assert.equal(exported.$schema, EXPORT_DIALECT);
        assert.match(String(exported.$id), /^https:\/\/eni-requests\.invalid\/schemas\/(sdk\/)?[a-z0-9-]+\.schema\.json$/);
        assert.match(String(exported.title), new RegExp(`^${schema['x-operation'].name} request`));
        assert.match(String(exported.description), new RegExp(`^EC2 ${schema['x-operation'].name}: `));
      }
    }
    // Strict mode is really strict: a keyword nobody declared is refused.
    assert.throws(() => strictAjv().compile({ type: 'object', 'x-undeclared': 1 }), /unknown keyword/);
  });

  it('are refused by strict ajv without the annotation keywords (so the list is complete and needed)', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    assert.throws(() => ajv.compile(exportOperationSchema(registry.get('create-network-interface')!)), /unknown keyword/);
  });

  it('document every annotation keyword in docs/schemas.md', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'schemas.md'), 'utf8');
    for (const keyword of Object.keys(ANNOTATION_KEYWORDS)) assert.ok(doc.includes(`\`${keyword}\``), `docs/schemas.md does not explain ${keyword}`);
  });

  it('accept every file in examples/valid', () => {
    const files = fs.readdirSync(path.join(examples, 'valid'));
    assert.ok(files.length >= operations.length, 'examples/valid has files');
    for (const name of files) {
      const validate = validators['aws-cli'].get(commandOf(name));
      assert.ok(validate, `${name}: no schema for ${commandOf(name)}`);
      assert.ok(validate(parseFile(path.join(examples, 'valid', name))), `${name}:\n${describeErrors(validate.errors)}`);
    }
  });

  /** The broken examples whose rule a schema expresses, and the keyword that fails. */
  const SCHEMA_LEVEL: Record<string, string> = {
    'unknown-parameter': 'additionalProperties',
    'missing-required': 'required',
    'wrong-type': 'type',
    'invalid-enum': 'enum',
    'boolean-as-number': 'type',
    'attribute-value-shape': 'type',
    'interface-type': 'enum',
    'tag-resource-type': 'enum',
    'count-range': 'minimum',
    'connection-tracking-range': 'maximum',
    'integer-range': 'maximum',
    'client-token': 'maxLength',
    'groups-not-empty': 'minItems',
  };

  it('reject the schema-level broken examples, each with its keyword', () => {
    const files = fs.readdirSync(path.join(examples, 'broken'));
    for (const [code, keyword] of Object.entries(SCHEMA_LEVEL)) {
      const matching = files.filter((name) => name.split('.')[0].replace(/-\d+$/, '') === code);
      assert.ok(matching.length, `examples/broken has no ${code} example`);
      for (const name of matching) {
        const validate = validators['aws-cli'].get(commandOf(name))!;
        assert.equal(validate(parseFile(path.join(examples, 'broken', name))), false, `${name} passes its schema`);
        assert.ok(
          validate.errors?.some((e) => e.keyword === keyword),
          `${name}: expected a ${keyword} error, got:\n${describeErrors(validate.errors)}`,
        );
      }
    }
  });

  it('leave MinCount/MaxCount optional for the AWS CLI and required for an SDK', () => {
    const file = path.join(examples, 'broken', 'cli-default-count.run-instances.yaml');
    const request = parseFile(file);
    assert.ok(validators['aws-cli'].get('run-instances')!(request));
    const sdk = validators.sdk.get('run-instances')!;
    assert.equal(sdk(request), false);
    assert.deepEqual(sdk.errors?.map((e) => (e.params as { missingProperty: string }).missingProperty).sort(), ['MaxCount', 'MinCount']);
    const exported = exportOperationSchema(registry.get('run-instances')!) as { properties: Record<string, { description: string }> };
    assert.match(exported.properties.MinCount.description, /AWS CLI sends 1/);
  });

  it('bound every integer to 32 bits and take timestamps as botocore does', () => {
    const nic = validators['aws-cli'].get('create-network-interface')!;
    assert.ok(nic({ SubnetId: 'subnet-1', SecondaryPrivateIpAddressCount: 2_147_483_647 }));
    assert.equal(nic({ SubnetId: 'subnet-1', SecondaryPrivateIpAddressCount: 2_147_483_648 }), false);
    const attach = validators['aws-cli'].get('attach-network-interface')!;
    assert.equal(attach({ NetworkInterfaceId: 'eni-1', InstanceId: 'i-1', DeviceIndex: -2_147_483_649 }), false);
    const spot = validators['aws-cli'].get('request-spot-instances');
    if (spot) {
      for (const ValidUntil of ['2030-01-01T00:00:00Z', '2030-01-01', '2030-01-01 2:00:00 -5', '1893456000', 1893456000, 1893456000.5])
        assert.ok(spot({ ValidUntil }), `${JSON.stringify(ValidUntil)}:\n${describeErrors(spot.errors)}`);
      for (const ValidUntil of ['tomorrow', '2030-13-01', true, null]) assert.equal(spot({ ValidUntil }), false, JSON.stringify(ValidUntil));
    }
  });

  /**
   * Every variant of the AWS CLI differential corpus that the engine judges, with the engine's
   * verdict and the values a schema validator sees: as the engine reads the file (the AWS CLI's
   * reading), and as the `yaml` package reads it with its defaults (YAML 1.2, as yaml-language-server does).
   */
  function judgedCorpus(consumer: Consumer) {
    const service = new RequestLanguageService({ settings: { defaultConsumer: consumer } });
    return generateCorpus(examples).flatMap((variant) => {
      const document = TextDocument.create(pathToFileURL(path.join(os.tmpdir(), variant.name)).href, variant.format, 1, variant.text);
      const root = service.analyze(document).parsed?.root;
      if (!root) return [];
      const diagnostics = service.validate(document);
      let editorValue: unknown = undefined;
      try {
        if (variant.format === 'json') editorValue = JSON.parse(variant.text);
        else {
          const documents = YAML.parseAllDocuments(variant.text);
          if (documents.length === 1 && !documents[0].errors.length) editorValue = documents[0].toJS();
        }
      } catch {
        // not JSON: nothing an editor validates
      }
      return [{ variant, diagnostics, cliValue: toPlainValue(root), editorValue }];
    });
  }
  let corpus: Record<Consumer, ReturnType<typeof judgedCorpus>>;
  before(() => {
    corpus = { 'aws-cli': judgedCorpus('aws-cli'), sdk: judgedCorpus('sdk') };
  });
  /**
   * Whether the engine takes the file. A member the AWS CLI replaces (RunInstances: instance-level
   * members moved into NetworkInterfaces[0]) is never sent, so the engine only warns about it
   * (cli-overwrites-member); a schema checks it like any other.
   */
  const engineAccepts = (diagnostics: Diagnostic[]) => !diagnostics.some((d) => d.severity === DiagnosticSeverity.Error || d.code === 'cli-overwrites-member');

  it('never reject a request the engine accepts (the AWS CLI differential corpus, as the AWS CLI reads it), for both consumers', () => {
    let rejected = 0;
    const disagreements: string[] = [];
    for (const consumer of ['aws-cli', 'sdk'] as const) {
      for (const { variant, diagnostics, cliValue } of corpus[consumer]) {
        const validate = validators[consumer].get(variant.command)!;
        if (validate(cliValue)) continue;
        rejected++;
        if (!engineAccepts(diagnostics)) continue;
        disagreements.push(`${consumer} ${variant.name} (${variant.what}):\n${describeErrors(validate.errors)}`);
      }
    }
    assert.ok(rejected > 500, `only ${rejected} rejected variants compared`);
    assert.deepEqual(disagreements, [], `the schema rejects what the engine accepts:\n${disagreements.join('\n')}`);
  });

  it('reject a request the engine accepts, read as yaml-language-server reads YAML, only for the YAML 1.1 forms of docs/schemas.md', () => {
    const disagreements = new Set<string>();
    for (const { variant, diagnostics, editorValue } of corpus['aws-cli']) {
      if (editorValue === undefined || !engineAccepts(diagnostics)) continue;
      if (!validators['aws-cli'].get(variant.command)!(editorValue)) disagreements.add(variant.what.replace(/^.* = /, ''));
    }
    // The AWS CLI's YAML reader takes these as numbers and booleans and merges `<<` keys; YAML 1.2 does neither.
    const documented = /^(?:1_0|0b101|0x_10|!!bool yes|merge key.*)$/;
    assert.deepEqual(
      [...disagreements].filter((what) => !documented.test(what)),
      [],
    );
  });

  it('carry no local path', () => {
    const local = [root, os.homedir(), os.tmpdir(), ...new Set([root, process.cwd()].map((p) => p.split(path.sep).slice(0, 2).join(path.sep)))].filter(
      (p) => p.length > 1,
    );
    const { files, index } = exportAllSchemas(operations, registry.sdkVersion);
    for (const [name, schema] of [...files, ['index.json', index] as const]) {
      const text = serializeExport(schema);
      assert.doesNotMatch(text, /file:\/\/\/|[A-Za-z]:\\\\|"\/(?:home|Users|tmp|work|root|var|opt|usr)\//, name);
      for (const prefix of local) assert.ok(!text.includes(`"${prefix}/`) && !text.includes(` ${prefix}/`), `${name} holds ${prefix}`);
    }
  });
});

describe('eni-requests schema (dist/cli.js)', () => {
  const cli = path.join(root, 'dist', 'cli.js');
  let cwd: string;

  function run(...args: string[]) {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 15_000 });
    assert.equal(result.error, undefined, `the CLI did not run: ${result.error}`);
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  before(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-schema-'));
  });
  after(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('--all writes every schema and index.json, as the in-process export gives them', () => {
    const { code, stdout, stderr } = run('schema', '--all', 'out/schemas');
    assert.equal(code, 0, stderr);
    const { files, index } = exportAllSchemas(operations, registry.sdkVersion);
    const expected = [...files.keys(), 'index.json'];
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'out', 'schemas')).sort(), [...expected].sort());
    assert.deepEqual(
      stdout.trim().split('\n'),
      expected.map((file) => path.join('out/schemas', file)),
    );
    assert.match(stderr, new RegExp(`wrote ${operations.length} schemas .*and index\\.json to out/schemas`));
    for (const [file, schema] of files) assert.equal(fs.readFileSync(path.join(cwd, 'out', 'schemas', file), 'utf8'), serializeExport(schema), file);
    const written = JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'schemas', 'index.json'), 'utf8'));
    assert.deepEqual(written, index);
    assert.deepEqual(
      written.schemas.map((e: { operation: string; cliCommand: string; file: string; title: string }) => [e.operation, e.cliCommand, e.file, e.title]),
      operations.map((s) => [s['x-operation'].name, s['x-operation'].cliCommand, exportFileName(s), s.title]),
    );
  });

  it('prints one schema, the same text as --all writes', () => {
    const { code, stdout } = run('schema', 'create-network-interface');
    assert.equal(code, 0);
    assert.equal(stdout, serializeExport(exportOperationSchema(registry.get('create-network-interface')!)));
    assert.equal(run('schema', 'CreateNetworkInterface').stdout, stdout, 'the API name works too');
    const sdk = run('schema', 'run-instances', '--for', 'sdk');
    assert.equal(sdk.code, 0);
    const required = (text: string): string[] => JSON.parse(text).required ?? [];
    assert.ok(required(sdk.stdout).includes('MinCount') && required(sdk.stdout).includes('MaxCount'));
    assert.ok(!required(run('schema', 'run-instances').stdout).some((m) => m === 'MinCount' || m === 'MaxCount'));
  });

  it('refuses an unknown operation with exit 2, listing the supported ones', () => {
    const { code, stdout, stderr } = run('schema', 'create-network-interfaces');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /unknown operation "create-network-interfaces" \(did you mean create-network-interface\?\)/);
    for (const schema of operations) assert.match(stderr, new RegExp(`^  ${schema['x-operation'].cliCommand}$`, 'm'));
    assert.equal(run('schema').code, 2);
    assert.equal(run('schema', 'create-tags', 'delete-tags').code, 2);
    assert.equal(run('schema', '--all').code, 2);
    assert.equal(run('schema', '--all', 'x', 'create-tags').code, 2);
    assert.equal(run('schema', 'create-tags', '--for', 'boto').code, 2);
  });

  it('exits 1 when it cannot write', () => {
    fs.writeFileSync(path.join(cwd, 'a-file'), '');
    const { code, stderr } = run('schema', '--all', 'a-file/schemas');
    assert.equal(code, 1);
    assert.match(stderr, /^a-file\/schemas: error: /);
  });
});
