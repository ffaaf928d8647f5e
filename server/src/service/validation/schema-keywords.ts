/**
 * The exported schemas (model/json-schema-export.ts) compiled by ajv into standalone validation
 * code, with the project's own keywords as ajv keywords. Build time only: the generator
 * (schemas/generator/validators.ts) writes the code to build/validators, which the server and the
 * CLI bundle and load; neither ever runs ajv's compiler.
 *
 * - `x-idKind`: a resource ID of that kind (`eni-` and 8 or 17 lowercase hexadecimal digits…) that
 *   is not the all-zero placeholder (model/placeholders.ts): one regular expression per kind, in
 *   the code itself.
 * - `x-format`: an address syntax (`ipv4`, `ipv6`, `ipv4-prefix`, `ipv6-prefix`) or, on the string
 *   branch of a timestamp, `date-time` (botocore's reading, the day against its month): the code
 *   calls `holdsFormat` of formats.ts, which it requires.
 * - `x-code`: the rule a member's violations are filed under; an annotation here, read by the
 *   mapping of errors to problems (schema-validator.ts).
 * Code carries no messages (`messages: false`): schema-validator.ts words every problem.
 */
import Ajv, { _, type KeywordCxt, type KeywordDefinition } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { exportOperationSchema, type ExportedSchema } from '../../model/json-schema-export';
import { placeholderFor } from '../../model/placeholders';
import { idPattern } from '../../model/resource-ids';
import type { IdKind, MemberSchema, OperationSchema } from '../../model/schema-types';
import { holdsFormat, type ValueFormat } from './formats';

/** The ajv options of the compiled code: every error, strict schemas, no message text. */
export const ENGINE_AJV_OPTIONS = { strict: true, allErrors: true, messages: false } as const;

const ID_KINDS: readonly IdKind[] = ['eni', 'subnet', 'sg', 'i', 'vpc', 'eni-attach', 'eipalloc', 'eipassoc'];
const VALUE_FORMATS: readonly ValueFormat[] = ['ipv4', 'ipv6', 'ipv4-prefix', 'ipv6-prefix', 'date-time'];

/**
 * The project's keywords for an ajv that compiles the engine's code. `runtimeModule` is how the
 * generated code requires formats.ts (a path relative to the generated file).
 */
export function engineKeywords(runtimeModule: string): KeywordDefinition[] {
  return [
    {
      keyword: 'x-idKind',
      type: 'string',
      schemaType: 'string',
      code(cxt: KeywordCxt) {
        const kind = cxt.schema as IdKind;
        if (!ID_KINDS.includes(kind)) throw new Error(`x-idKind: unknown ID kind ${JSON.stringify(kind)}`);
        const pattern = idPattern(kind);
        const regExp = cxt.gen.scopeValue('pattern', { key: pattern.source, ref: pattern, code: _`new RegExp(${pattern.source})` });
        const placeholder = String(placeholderFor(cxt.parentSchema as MemberSchema));
        cxt.fail(_`!${regExp}.test(${cxt.data}) || ${cxt.data} === ${placeholder}`);
      },
    },
    {
      keyword: 'x-format',
      type: 'string',
      schemaType: 'string',
      code(cxt: KeywordCxt) {
        const format = cxt.schema as ValueFormat;
        if (!VALUE_FORMATS.includes(format)) throw new Error(`x-format: unknown format ${JSON.stringify(format)}`);
        const check = cxt.gen.scopeValue('func', { ref: holdsFormat, code: _`require(${runtimeModule}).holdsFormat` });
        cxt.fail(_`!${check}(${cxt.data}, ${format})`);
      },
    },
    { keyword: 'x-code', schemaType: 'string' },
  ];
}

/** Keywords that only annotate: they do not take part in validation, and the compiled code leaves them out. */
const ANNOTATIONS = new Set(['title', 'description', 'markdownDescription', '$comment', 'deprecated', 'x-shape', 'x-filters', 'x-operation']);

/**
 * What the engine compiles for an operation: its exported schema for an SDK (EC2's own required
 * members; for the AWS CLI the validator forgives the members the CLI supplies), without the
 * annotations, which would only make the code larger (ajv embeds the schema in it).
 */
export function validationSchema(operation: OperationSchema): ExportedSchema {
  return withoutAnnotations(exportOperationSchema(operation, { consumer: 'sdk' }));
}

function withoutAnnotations(schema: ExportedSchema): ExportedSchema {
  const out: ExportedSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (keyword === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, ExportedSchema>).map(([key, member]) => [key, withoutAnnotations(member)]));
    } else if (keyword === 'items' || (keyword === 'additionalProperties' && typeof value === 'object')) {
      out[keyword] = withoutAnnotations(value as ExportedSchema);
    } else if (keyword === 'anyOf') {
      out.anyOf = (value as ExportedSchema[]).map(withoutAnnotations);
    } else {
      out[keyword] = value;
    }
  }
  return out;
}

/**
 * An error's `schemaPath` as ajv writes it into every error object of the code: a string literal
 * as long as the member's path in the schema, a fifth of the code. Errors are located by their
 * instance path (schema-validator.ts), and ajv has no option to leave the schema path out.
 */
const SCHEMA_PATH = /,schemaPath:"#[^"\\]*",keyword:/g;

/** The standalone validation code (a CommonJS module exporting the validate function) of every operation, by API name. */
export function compileValidationCode(operations: readonly OperationSchema[], runtimeModule: string): Map<string, string> {
  const ajv = new Ajv({ ...ENGINE_AJV_OPTIONS, code: { source: true, optimize: true } });
  for (const definition of engineKeywords(runtimeModule)) ajv.addKeyword(definition);
  const code = new Map<string, string>();
  for (const operation of operations) {
    const validate = ajv.compile(validationSchema(operation));
    code.set(operation['x-operation'].name, standaloneCode(ajv, validate).replace(SCHEMA_PATH, ',keyword:'));
  }
  return code;
}
