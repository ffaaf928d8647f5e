/**
 * The operation schemas as standalone JSON Schema files for other editors and tools
 * (`eni-requests schema`, docs/schemas.md): draft-07, which VS Code's `json.schemas` and
 * yaml-language-server both read in full. What the engine checks beyond the standard keywords
 * (timestamps as botocore reads them, EC2's 32-bit integers, the members the AWS CLI supplies) is
 * written out in standard keywords, so that a plain validator never rejects a file the engine
 * accepts; the `x-` keywords stay annotations for other tools. The engine validates with these
 * same schemas, compiled by ajv at build time with the `x-` keywords as checks of their own
 * (service/validation/schema-keywords.ts, build/validators).
 */
import { CLI_DEFAULTS, type Consumer } from './aws-cli';
import type { MemberSchema, OperationSchema } from './schema-types';

/** The dialect of every exported schema. */
export const EXPORT_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** The base of the exported schemas' `$id`s: identifiers, never fetched (`.invalid` resolves nowhere). */
const ID_BASE = 'https://eni-requests.invalid/schemas/';

/**
 * The keywords of the exported schemas that are not JSON Schema's, with the JSON types of their
 * values: annotations that a validator must know (ajv's strict mode) and may otherwise ignore.
 * `markdownDescription` is VS Code's (yaml-language-server reads it too). docs/schemas.md says
 * what each means.
 */
export const ANNOTATION_KEYWORDS = {
  markdownDescription: ['string'],
  'x-shape': ['string'],
  'x-idKind': ['string'],
  'x-format': ['string'],
  'x-code': ['string'],
  'x-filters': ['array'],
  'x-operation': ['object'],
} as const satisfies Record<string, readonly ('string' | 'array' | 'object')[]>;

/** EC2's Integer is 32 bits: the engine reports a value outside as `integer-range`. */
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/**
 * A string botocore takes for a timestamp, as the engine accepts one (validation/formats.ts,
 * isTimestampText), a little looser: seconds since 1970, or an ISO 8601 date with an optional time
 * and zone (also in the forms of a YAML timestamp: a one-digit hour, spaces before the zone). The
 * string branch also carries `x-format: date-time`, with which the engine checks the day against
 * the month.
 */
const TIMESTAMP_PATTERN =
  '^\\s*(?:-?\\d+(?:\\.\\d+)?' +
  '|\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])' +
  '(?:(?:[Tt]|[ \\t]+)(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?\\s*(?:[Zz]|[+-]\\d{1,2}(?::?\\d{2})?)?)?)\\s*$';

const TIMESTAMP_NOTE = 'A date and time: ISO 8601 such as 2030-01-01T00:00:00Z, or seconds since 1970.';

/** A JSON Schema object as exported: standard keywords and the annotations above. */
export type ExportedSchema = { [keyword: string]: unknown };

export interface ExportOptions {
  /** Who reads the request files (default `aws-cli`): an SDK gets no members supplied. */
  readonly consumer?: Consumer;
}

export interface ExportIndexEntry {
  operation: string;
  cliCommand: string;
  file: string;
  title: string;
  $id: string;
  /** Globs of the file-name convention, for `json.schemas` / `yaml.schemas` settings. */
  fileMatch: string[];
}

export interface ExportIndex {
  dialect: string;
  consumer: Consumer;
  sdkVersion: string;
  schemas: ExportIndexEntry[];
}

/** `create-network-interface.schema.json`: the file name of an operation's exported schema. */
export function exportFileName(schema: OperationSchema): string {
  return `${schema['x-operation'].cliCommand}.schema.json`;
}

function exportId(schema: OperationSchema, consumer: Consumer): string {
  return `${ID_BASE}${consumer === 'sdk' ? 'sdk/' : ''}${exportFileName(schema)}`;
}

/** The standalone JSON Schema of one operation's request file. */
export function exportOperationSchema(schema: OperationSchema, options: ExportOptions = {}): ExportedSchema {
  const consumer = options.consumer ?? 'aws-cli';
  const info = schema['x-operation'];
  const { $schema: _dialect, $id: _id, title, 'x-operation': _info, ...body } = schema;
  const supplied = consumer === 'aws-cli' ? (CLI_DEFAULTS[info.name] ?? {}) : {};
  const root = exportMember(body, supplied);
  const reader =
    consumer === 'sdk'
      ? `the input of an SDK call to ${info.name} (as boto3's ec2.${snakeCase(info.name)}(**request) or the JavaScript SDK's ${info.name}Command take it)`
      : `a request file for aws ec2 ${info.cliCommand} --cli-input-json|--cli-input-yaml file://…`;
  const description =
    `EC2 ${info.name}: ${reader}, its members in PascalCase at the top level. ` +
    `Types, enums, ranges, required and unknown members only: eni-requests check also applies the rules between members, ` +
    `resource ID and address syntax, and reads the file as the AWS CLI does. ` +
    `From @aws-sdk/client-ec2 ${info.sdkVersion}. API reference: ${info.docUrl}`;
  return {
    $schema: EXPORT_DIALECT,
    $id: exportId(schema, consumer),
    title,
    description,
    ...root,
    'x-operation': { ...info, consumer },
  };
}

/** Every operation's schema, and the index of them: file name → exported JSON value. */
export function exportAllSchemas(
  schemas: readonly OperationSchema[],
  sdkVersion: string,
  options: ExportOptions = {},
): { files: Map<string, ExportedSchema>; index: ExportIndex } {
  const consumer = options.consumer ?? 'aws-cli';
  const files = new Map<string, ExportedSchema>();
  const entries: ExportIndexEntry[] = [];
  for (const schema of schemas) {
    const file = exportFileName(schema);
    const exported = exportOperationSchema(schema, { consumer });
    files.set(file, exported);
    const { name, cliCommand } = schema['x-operation'];
    entries.push({
      operation: name,
      cliCommand,
      file,
      title: schema.title,
      $id: exported.$id as string,
      fileMatch: ['json', 'jsonc', 'yaml', 'yml'].map((extension) => `*.${cliCommand}.${extension}`),
    });
  }
  return { files, index: { dialect: EXPORT_DIALECT, consumer, sdkVersion, schemas: entries } };
}

/** The text of an exported file: two-space JSON and a final newline. */
export function serializeExport(value: ExportedSchema | ExportIndex): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * One member's schema, exported: timestamps as strings or numbers botocore reads, integers within
 * 32 bits, structures closed, and at the root the members the consumer supplies no longer required.
 */
function exportMember(schema: MemberSchema, supplied: Readonly<Record<string, number>> = {}): ExportedSchema {
  const { format, properties, items, additionalProperties, required, ...rest } = schema;
  const out: ExportedSchema = { ...rest };
  if (format === 'date-time') {
    delete out.type;
    const exported: ExportedSchema = { anyOf: [{ type: 'string', pattern: TIMESTAMP_PATTERN, 'x-format': 'date-time' }, { type: 'number' }], ...out };
    appendNote(exported, TIMESTAMP_NOTE);
    return exported;
  }
  if (schema.type === 'integer') {
    out.minimum ??= INT32_MIN;
    out.maximum ??= INT32_MAX;
  }
  if (properties) {
    const exportedProperties: Record<string, ExportedSchema> = {};
    for (const [key, member] of Object.entries(properties)) {
      exportedProperties[key] = exportMember(member);
      if (Object.hasOwn(supplied, key) && required?.includes(key)) {
        appendNote(
          exportedProperties[key],
          `EC2 requires it; the AWS CLI sends ${supplied[key]} when the file leaves it out, so a request file may too. An SDK call needs it (eni-requests schema --for sdk).`,
        );
      }
    }
    out.properties = exportedProperties;
  }
  const stillRequired = required?.filter((key) => !Object.hasOwn(supplied, key));
  if (stillRequired?.length) out.required = stillRequired;
  if (items) out.items = exportMember(items);
  if (typeof additionalProperties === 'object') out.additionalProperties = exportMember(additionalProperties);
  // A structure with declared members takes no others: the engine reports them as unknown-parameter.
  else if (additionalProperties !== undefined || properties) out.additionalProperties = additionalProperties ?? false;
  return out;
}

function appendNote(schema: ExportedSchema, note: string): void {
  schema.description = typeof schema.description === 'string' && schema.description ? `${schema.description} ${note}` : note;
  if (typeof schema.markdownDescription === 'string' && schema.markdownDescription) schema.markdownDescription = `${schema.markdownDescription}\n\n${note}`;
}

/** `RunInstances` → `run_instances`. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
