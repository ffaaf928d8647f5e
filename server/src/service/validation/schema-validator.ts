/**
 * Checks a request tree against its operation's JSON Schema with the code ajv compiled from the
 * exported schema at build time (schema-keywords.ts → build/validators): unknown and missing
 * members, types, enums, ranges, lengths, item counts, resource IDs, addresses and timestamps.
 * What is not a JSON Schema question stays on the tree: duplicate keys, and the AWS CLI's reading
 * of a value where it differs from JSON's (YAML dates, timestamps and binary, empty YAML values,
 * `1.0` where an integer belongs, half a surrogate pair).
 *
 * Three steps. The tree becomes the value the code checks (`TreeReading`): the last of duplicate
 * keys, and where the CLI reads a value differently a stand-in that fails the same keywords as
 * what the CLI reads. The code runs, collecting every error. Each error, found in the tree by its
 * instance path, becomes a problem in the user's terms on the smallest node that explains it
 * (the key of an unknown member, the key that holds an object missing a member), and the
 * problems are reported in document order: a member's own before those inside it, an object's
 * missing members after its contents.
 */
import { createHash } from 'node:crypto';
import { sources, validators, type CompiledError, type CompiledValidator } from '../../../../build/validators';
import { pathOf } from '../document/navigate';
import type { ArrayNode, BooleanNode, NumberNode, ObjectNode, PropertyNode, StringNode, Syntax, ValueNode } from '../document/tree';
import type { MemberSchema } from '../../model/schema-types';
import { isPlaceholder, placeholderFor } from '../../model/placeholders';
import { closestMatch } from '../text/suggest';
import { checkAddress, checkResourceId, isTimestampText } from './formats';
import { lastOfDuplicates, propertySchema } from './schema-walk';
import { clip, displayPath, objectAnchor, type FixData, type Problem, type RuleCode } from './problem';

/** Which strings botocore takes for a timestamp (formats.ts; the compiled code calls it through `x-format: date-time`). */
export { isTimestampText };

type Report = (problem: Problem) => void;
type Path = (string | number)[];

/**
 * Member names of a neighbouring shape, and what this one calls the same thing: an interface entry
 * takes `Groups` where the instance takes `SecurityGroupIds`, `PrimaryIpv6` where RunInstances
 * takes `EnablePrimaryIpv6`. Suggested when the one written is absent here and the other exists.
 */
const NEIGHBOUR_MEMBERS: Readonly<Record<string, string>> = {
  SecurityGroupIds: 'Groups',
  Groups: 'SecurityGroupIds',
  EnablePrimaryIpv6: 'PrimaryIpv6',
  PrimaryIpv6: 'EnablePrimaryIpv6',
  NetworkInterfaceIds: 'NetworkInterfaceId',
};

/** What the file's consumer does to it: the AWS CLI fills in some members and replaces others. */
export interface ConsumerRepairs {
  /** Required top-level members the consumer fills in when absent. */
  readonly supplied: ReadonlySet<string>;
  /** Members the consumer replaces before sending: not checked. */
  readonly replaced: ReadonlySet<PropertyNode>;
}

const NO_REPAIRS: ConsumerRepairs = { supplied: new Set(), replaced: new Set() };

/** The compiled validators loaded so far, by API name (each operation's code runs its module once, on first use). */
const loaded = new Map<string, CompiledValidator>();
/** Operation schemas found to be the ones their operation's code was compiled from. */
const compiledFrom = new WeakSet<MemberSchema>();

/**
 * The compiled validator of an operation, for problems worded from `schema`: the two must come
 * from the same build (the code judges, the schema names members, bounds and enums in messages),
 * so a schema the code was not compiled from (a stale build, an altered copy) is an error.
 */
function validatorFor(operationName: string, schema: MemberSchema): CompiledValidator {
  let validate = loaded.get(operationName);
  if (!validate) {
    const load = Object.hasOwn(validators, operationName) ? validators[operationName] : undefined;
    if (!load) throw new Error(`no compiled validator for ${operationName} (npm run generate)`);
    validate = load();
    loaded.set(operationName, validate);
  }
  if (!compiledFrom.has(schema)) {
    if (createHash('sha256').update(JSON.stringify(schema)).digest('hex') !== sources[operationName]) {
      throw new Error(`the compiled validator of ${operationName} was not compiled from this schema (npm run generate)`);
    }
    compiledFrom.add(schema);
  }
  return validate;
}

/**
 * Reports the schema problems of `root`, a request for `operationName` whose operation schema is
 * `schema` (the registry's), in document order. `repairs`: what the file's consumer supplies and
 * replaces (the compiled code checks EC2's own required members; the AWS CLI sends some itself).
 */
export function validateAgainstSchema(
  root: ValueNode,
  schema: MemberSchema,
  operationName: string,
  syntax: Syntax,
  report: Report,
  repairs = NO_REPAIRS,
): void {
  const validate = validatorFor(operationName, schema);
  const reading = new TreeReading();
  const data = reading.value(root);
  const errors = validate(data) ? [] : (validate.errors ?? []);
  const problems = new ProblemMapper(root, schema, operationName, syntax, repairs);
  problems.fromErrors(errors);
  problems.fromReading(reading);
  for (const problem of problems.sorted()) report(problem);
}

// ---------------------------------------------------------------------------------------------
// The tree as the value the compiled code checks
// ---------------------------------------------------------------------------------------------

/**
 * Stands for what the AWS CLI reads as no JSON value at all (a YAML date or `!!binary`, an empty
 * YAML value): fails every `type`, so the error lands on the member and the tree explains it.
 */
const UNREADABLE = Symbol('unreadable');

/**
 * Stands for a number the AWS CLI reads as a float (`1.0`, `1e3`, `.nan`) and for a YAML
 * timestamp (a datetime, which botocore takes where the model wants a timestamp): not an integer,
 * but a number, which a timestamp's schema takes.
 */
const FLOAT = 0.5;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A place in the tree: the member path, and the index of each step (property or item) in its parent. */
interface Place {
  readonly path: Path;
  readonly positions: number[];
}

/**
 * Builds the value of a tree as the compiled code sees it, noting on the way what only the tree
 * knows: objects with duplicate keys, strings holding half a surrogate pair. Each YAML alias use
 * is read where it is used, as the AWS CLI expands it.
 */
class TreeReading {
  /** Objects that have duplicate keys, with the last property of each key. */
  readonly duplicates: { object: ObjectNode; place: Place; last: Map<string, PropertyNode> }[] = [];
  /** Strings with half a surrogate pair. */
  readonly surrogates: { node: StringNode; place: Place }[] = [];
  private readonly path: Path = [];
  private readonly positions: number[] = [];

  value(node: ValueNode): unknown {
    switch (node.kind) {
      case 'object':
        return this.object(node);
      case 'array':
        return this.array(node);
      case 'string':
        if (node.readAs) return node.readAs === 'timestamp' ? FLOAT : UNREADABLE;
        if (LONE_SURROGATE.test(node.value)) this.surrogates.push({ node, place: this.place() });
        return node.value;
      case 'number':
        // Beyond a double (1e999 written as an integer) is still an integer out of every range.
        if (!node.integer) return FLOAT;
        return Number.isFinite(node.value) ? node.value : node.value > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
      default:
        return node.value;
    }
  }

  private object(node: ObjectNode): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const properties = node.properties;
    const last = lastOfDuplicates(properties);
    if (last) this.duplicates.push({ object: node, place: this.place(), last });
    for (let i = 0; i < properties.length; i++) {
      const property = properties[i];
      const key = property.key.value;
      if (last && last.get(key) !== property) continue;
      this.path.push(key);
      this.positions.push(i);
      const value = property.value ? this.value(property.value) : UNREADABLE;
      this.path.pop();
      this.positions.pop();
      // Own data, whatever the key: `__proto__` must not set the prototype.
      if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      else result[key] = value;
    }
    return result;
  }

  private array(node: ArrayNode): unknown[] {
    const items = node.items;
    const result = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) {
      this.path.push(i);
      this.positions.push(i);
      result[i] = this.value(items[i]);
      this.path.pop();
      this.positions.pop();
    }
    return result;
  }

  private place(): Place {
    return { path: [...this.path], positions: [...this.positions] };
  }
}

// ---------------------------------------------------------------------------------------------
// Errors → problems
// ---------------------------------------------------------------------------------------------

/** Where an instance path leads in the tree. */
interface Located extends Place {
  /** The value there; undefined for a key written without a value. */
  readonly node: ValueNode | undefined;
  /** The property whose value it is (undefined for the root and list items). */
  readonly property: PropertyNode | undefined;
  /** The internal schema of the member (for words, lists and fixes). */
  readonly schema: MemberSchema | undefined;
}

/**
 * The order of a value's own problems (they come before those inside it): at most one of the
 * type-level ones, then the value's checks in the order users read them.
 */
const SURROGATE = 0;
const TYPE = 1;
const ENUM = 2;
const LOWER = 3;
const UPPER = 4;
const CONTENT = 5;

/** Sorts after every position: an object's missing members come after its contents. */
const AFTER = Number.MAX_SAFE_INTEGER;
/** Before a value's own problems: a property's key (a duplicate or unknown one). */
const PROPERTY = -2;
/** A value's own problems, before its contents. */
const SELF = -1;

/**
 * Problems from the compiled code's errors and from the tree's findings, each with its place in
 * document order as a key: the positions of its path's steps, then SELF and a rank (the value's
 * own), or a property's position and PROPERTY (its key), or AFTER (an object's missing members).
 * Sorting by the keys gives the order users read: the same order for the same file, whatever
 * order the code reports its errors in.
 */
class ProblemMapper {
  private readonly problems: { problem: Problem; key: number[] }[] = [];
  /** The last property index of each key, for objects with many properties (per call: edits change keys in place). */
  private readonly keyIndexes = new Map<ObjectNode, Map<string, number>>();

  constructor(
    private readonly root: ValueNode,
    private readonly rootSchema: MemberSchema,
    private readonly operationName: string,
    private readonly syntax: Syntax,
    private readonly repairs: ConsumerRepairs,
  ) {}

  sorted(): Problem[] {
    return this.problems.sort((a, b) => compareKeys(a.key, b.key)).map((p) => p.problem);
  }

  private add(problem: Problem | undefined, key: number[]): void {
    if (problem) this.problems.push({ problem, key });
  }

  fromErrors(errors: readonly CompiledError[]): void {
    if (!errors.length) return;
    // The errors of one instance together: several keywords may fail on one value (a date-time's anyOf, a type and an enum).
    const byPointer = new Map<string, CompiledError[]>();
    for (const error of errors) {
      const group = byPointer.get(error.instancePath);
      if (group) group.push(error);
      else byPointer.set(error.instancePath, [error]);
    }
    for (const [pointer, group] of byPointer) {
      const at = this.locate(pointer);
      if (at) this.member(at, group);
    }
  }

  /** Duplicate keys and half surrogate pairs, where the schema check reaches (not inside unknown or replaced members). */
  fromReading(reading: TreeReading): void {
    for (const { object, place, last } of reading.duplicates) {
      const schema = this.reachedSchema(place);
      if (schema?.type !== 'object' || schema.format === 'date-time') continue;
      object.properties.forEach((property, index) => {
        const counted = last.get(property.key.value)!;
        if (counted !== property) this.add(this.duplicateKey(property, counted), [...place.positions, index, PROPERTY, 0]);
      });
    }
    for (const { node, place } of reading.surrogates) {
      const schema = this.reachedSchema(place);
      if (schema?.type !== 'string' || schema.format === 'date-time') continue;
      this.add(
        {
          code: 'cli-refuses',
          severity: 'error',
          node,
          message: `${displayPath(place.path)} holds half of a UTF-16 surrogate pair (such as \\ud800 alone), which the AWS CLI cannot encode: it fails on the file. Write the whole character, or remove the escape.`,
        },
        [...place.positions, SELF, SURROGATE],
      );
    }
  }

  /** The problems of one member, from the errors whose instance path leads to it. */
  private member(at: Located, errors: readonly CompiledError[]): void {
    const { node, property, schema, path, positions } = at;
    if (!schema) return;
    if (!node) {
      // `Key:` with nothing after it: YAML reads null (JSON's parser reports the syntax error).
      if (this.syntax === 'yaml' && property) this.add(this.emptyYamlValue(property, path), [...positions, SELF, TYPE]);
      return;
    }
    const keywords = new Set<string>();
    for (const error of errors) keywords.add(error.keyword);
    if (node.kind === 'object' && (keywords.has('additionalProperties') || keywords.has('required'))) {
      this.object(node, at, errors);
      keywords.delete('additionalProperties');
      keywords.delete('required');
      if (!keywords.size) return;
    }
    const typed = this.typeCheck(node, schema, path);
    if (!typed.matches) {
      this.add(typed.problem, [...positions, SELF, TYPE]);
      return;
    }
    const self = (rank: number) => [...positions, SELF, rank];
    switch (node.kind) {
      case 'string':
        this.string(node, schema, path, keywords, self);
        break;
      case 'number':
        this.integer(node, schema, path, keywords, self);
        break;
      case 'array':
        if (keywords.has('minItems')) {
          const min = schema.minItems!;
          this.add(this.rangeProblem(node, schema, `${displayPath(path)} needs at least ${min} item${min === 1 ? '' : 's'}.`), self(LOWER));
        }
        if (keywords.has('maxItems')) {
          this.add(
            this.rangeProblem(node, schema, `${displayPath(path)} holds ${node.items.length} items; at most ${schema.maxItems} are allowed.`),
            self(UPPER),
          );
        }
        break;
      default:
        break;
    }
  }

  /** Unknown members (on their keys, with "did you mean"), then missing ones (where the object is held). */
  private object(node: ObjectNode, at: Located, errors: readonly CompiledError[]): void {
    const { schema, path, positions } = at;
    if (!schema) return;
    /** Members that a misspelt key's "did you mean" already names: not reported missing as well. */
    const suggested = new Set<string>();
    let absent: string[] | undefined;
    const absentMembers = () => {
      if (!absent) {
        const written = new Set(node.properties.map((p) => p.key.value));
        absent = Object.keys(schema.properties ?? {})
          .sort()
          .filter((k) => !written.has(k));
      }
      return absent;
    };
    for (const error of errors) {
      if (error.keyword !== 'additionalProperties' || !schema.properties) continue;
      const key = String(error.params.additionalProperty);
      const index = this.lastIndex(node, key);
      if (index < 0) continue;
      const property = node.properties[index];
      const { problem, suggestion } = this.unknownMember(property, schema, path, absentMembers());
      if (suggestion) suggested.add(suggestion);
      this.add(problem, [...positions, index, PROPERTY, 0]);
    }
    const required = schema.required ?? [];
    for (const error of errors) {
      if (error.keyword !== 'required') continue;
      const missing = String(error.params.missingProperty);
      if (suggested.has(missing) || (path.length === 0 && this.repairs.supplied.has(missing))) continue;
      const where = path.length ? `${displayPath(path)} is missing` : `${this.operationName} needs`;
      this.add(
        {
          code: 'missing-required',
          severity: 'error',
          ...objectAnchor(node),
          message: `${where} the required member ${missing}.`,
          fixes: [{ fix: 'insert-member', objectPath: pathOf(node), key: missing, value: placeholderFor(schema.properties?.[missing]) }],
        },
        [...positions, AFTER, required.indexOf(missing)],
      );
    }
  }

  private string(node: StringNode, schema: MemberSchema, path: Path, keywords: ReadonlySet<string>, self: (rank: number) => number[]): void {
    const value = node.value;
    if (keywords.has('enum') && schema.enum) {
      const suggestion = closestMatch(value, schema.enum);
      this.add(
        {
          code: codeOf(schema, 'invalid-enum'),
          severity: 'error',
          node,
          message:
            `"${clip(value)}" is not a valid ${displayPath(path)}.` +
            (suggestion ? ` Did you mean "${suggestion}"?` : '') +
            ` Allowed: ${schema.enum.join(', ')}.`,
          fixes: suggestion ? [{ fix: 'replace-value', path, value: suggestion }] : [],
        },
        self(ENUM),
      );
      return;
    }
    if (keywords.has('minLength')) {
      const min = schema.minLength!;
      this.add(this.rangeProblem(node, schema, `${displayPath(path)} must be at least ${min} character${min === 1 ? '' : 's'} long.`), self(LOWER));
    }
    if (keywords.has('maxLength')) {
      // Lengths count code points, as the compiled code does.
      this.add(
        this.rangeProblem(node, schema, `${displayPath(path)} is ${[...value].length} characters long; at most ${schema.maxLength} are allowed.`),
        self(UPPER),
      );
    }
    if (!keywords.has('x-idKind') && !keywords.has('x-format')) return;
    const finding =
      (schema['x-idKind'] && checkResourceId(value, schema['x-idKind'], memberLabel(path))) ||
      (schema['x-format'] && checkAddress(value, schema['x-format'], memberLabel(path)));
    if (finding) {
      const fixes: FixData[] = finding.code === 'security-group-ids' ? [{ fix: 'explain', message: groupNameExplanation(value) }] : [];
      this.add({ code: finding.code, severity: 'error', node, message: finding.message, fixes }, self(CONTENT));
    } else if (isPlaceholder(value, schema)) {
      this.add(
        {
          code: 'placeholder-value',
          severity: 'information',
          node,
          message: `${memberLabel(path)} still holds the placeholder "${value}": put the real value here.`,
        },
        self(CONTENT),
      );
    }
  }

  /**
   * A number where an integer belongs (the compiled code took the tree's stand-in for a float as
   * not an integer, or found it out of range): a fraction, beyond EC2's 32 bits, or beyond the
   * member's own range.
   */
  private integer(node: NumberNode, schema: MemberSchema, path: Path, keywords: ReadonlySet<string>, self: (rank: number) => number[]): void {
    const { value, raw } = node;
    if (!node.integer) {
      if (!keywords.has('type')) return;
      this.add(
        {
          code: 'wrong-type',
          severity: 'error',
          node,
          message: `${displayPath(path)} must be a whole number, not ${clip(raw)} (the AWS CLI reads it as a fraction and refuses it).`,
        },
        self(TYPE),
      );
      return;
    }
    if (!keywords.has('minimum') && !keywords.has('maximum')) return;
    if (value < INT32_MIN || value > INT32_MAX) {
      this.add(
        {
          code: 'integer-range',
          severity: 'error',
          node,
          message: `${displayPath(path)} is a 32-bit integer in EC2 (from ${INT32_MIN.toLocaleString('en-US')} to ${INT32_MAX.toLocaleString('en-US')}): ${clip(raw)} is sent as written and rejected.`,
        },
        self(LOWER),
      );
      return;
    }
    const { minimum, maximum } = schema;
    const bounds =
      minimum !== undefined && maximum !== undefined ? `from ${minimum} to ${maximum}` : minimum !== undefined ? `at least ${minimum}` : `at most ${maximum}`;
    this.add(this.rangeProblem(node, schema, `${displayPath(path)} must be ${bounds}; ${clip(raw)} is out of range.`), self(LOWER));
  }

  private rangeProblem(node: ValueNode, schema: MemberSchema, message: string): Problem {
    return { code: codeOf(schema, 'out-of-range'), severity: 'error', node, message };
  }

  private duplicateKey(property: PropertyNode, counted: PropertyNode): Problem {
    const key = property.key.value;
    return this.syntax === 'yaml'
      ? {
          code: 'duplicate-key',
          severity: 'error',
          node: property.key,
          message: `${clip(key)} is given more than once in this mapping: the AWS CLI's YAML reader refuses the file ("Invalid YAML received"). Keep one.`,
          related: [{ node: counted.key, message: `the other ${clip(key)}` }],
        }
      : {
          code: 'duplicate-key',
          severity: 'warning',
          node: property.key,
          message: `${clip(key)} is given more than once in this object; the AWS CLI silently keeps only the last one.`,
          related: [{ node: counted.key, message: `the ${clip(key)} that counts` }],
        };
  }

  /** `Key:` with nothing after it: the CLI's YAML reader makes it None, which botocore refuses. */
  private emptyYamlValue(property: PropertyNode, path: Path): Problem {
    return {
      code: 'cli-yaml-type',
      severity: 'error',
      node: property.key,
      message: `${displayPath(path)} has no value: the AWS CLI reads it as null and refuses the file. Give it a value or remove it.`,
      fixes: [{ fix: 'remove-member', path }],
    };
  }

  /** A key the structure does not have, and the member it suggests instead, if any. */
  private unknownMember(property: PropertyNode, schema: MemberSchema, path: Path, absent: readonly string[]): { problem: Problem; suggestion?: string } {
    const key = property.key.value;
    const neighbour = NEIGHBOUR_MEMBERS[key];
    const suggestion = neighbour && absent.includes(neighbour) ? neighbour : closestMatch(key, absent);
    const where = path.length ? `${displayPath(path)} (${schema['x-shape'] ?? 'structure'})` : this.operationName;
    let message: string;
    if (key === 'DryRun' && path.length === 0) {
      message = `${this.operationName} has no DryRun parameter: the AWS CLI rejects this key, and a run of this request changes the account. Remove it; the editor offers a read-only preflight instead.`;
    } else {
      const required = suggestion && schema.required?.includes(suggestion) ? ' (a required member)' : '';
      message =
        `${clip(key)} is not a parameter of ${where}.` + (suggestion ? ` Did you mean ${suggestion}${required}?` : '') + ` Valid: ${memberList(schema)}.`;
    }
    const fixes: FixData[] = suggestion ? [{ fix: 'rename-key', path: [...path, key], newKey: suggestion }] : [];
    if (key === 'DryRun') fixes.push({ fix: 'remove-member', path: [...path, key] });
    return { problem: { code: 'unknown-parameter', severity: 'error', node: property.key, message, fixes }, suggestion };
  }

  /**
   * Whether the node's type is the schema's, as the AWS CLI reads the file, and if not, the problem
   * that says so in the user's terms: a quoted number, a bare value for a { "Value": … }
   * structure, null from an empty YAML value, a YAML date, `true` for a number, a timestamp
   * botocore cannot read… (A timestamp that botocore reads "matches" nothing further to check.)
   */
  private typeCheck(node: ValueNode, schema: MemberSchema, path: Path): { matches: boolean; problem?: Problem } {
    const expected = schema.type;
    const label = displayPath(path) || 'The request';
    if (schema.format === 'date-time' && node.kind !== 'object' && node.kind !== 'array' && node.kind !== 'null') {
      return { matches: false, problem: this.timestamp(node, label, path) };
    }
    if (node.kind === 'string' && node.readAs) return { matches: false, problem: readAsOther(node, node.readAs, label, path) };
    if (!expected || kindMatches(node, expected)) return { matches: true };
    if (node.kind === 'null' && this.syntax === 'yaml') {
      return {
        matches: false,
        problem: {
          code: 'cli-yaml-type',
          severity: 'error',
          node,
          message: `The AWS CLI reads ${node.length ? 'this' : 'an empty value'} as null, and ${label} must be ${describeType(schema)}: give it a value or remove the member.`,
          fixes: path.length ? [{ fix: 'remove-member', path }] : [],
        },
      };
    }
    if (node.kind === 'boolean' && expected === 'integer') {
      return {
        matches: false,
        problem: {
          code: 'boolean-as-number',
          severity: 'error',
          node,
          message: `${label} must be a whole number, not ${node.value}: botocore sends it as "${node.value ? 'True' : 'False'}", which EC2 rejects.`,
        },
      };
    }
    const fixes: FixData[] = [];
    let message = `${label} must be ${describeType(schema)}, not ${describeNode(node)}.`;
    if (node.kind === 'null') {
      message += ' Remove the member or give it a value.';
      if (path.length) fixes.push({ fix: 'remove-member', path });
    } else if (expected === 'integer' && node.kind === 'string' && /^-?\d+$/.test(node.value.trim())) {
      message += ' Remove the quotes.';
      // Beyond 2^53 the number would not be the one written: no fix rather than a different value.
      const number = Number(node.value.trim());
      if (Number.isSafeInteger(number)) fixes.push({ fix: 'replace-value', path, value: number, title: `Change to the number ${node.value.trim()}` });
    } else if (expected === 'boolean' && node.kind === 'string' && /^(true|false)$/i.test(node.value.trim())) {
      const bool = node.value.trim().toLowerCase() === 'true';
      message += ' Remove the quotes.';
      fixes.push({ fix: 'replace-value', path, value: bool, title: `Change to the boolean ${bool}` });
    } else if (expected === 'string' && (node.kind === 'number' || node.kind === 'boolean')) {
      const text = node.kind === 'number' ? node.raw : String(node.value);
      message += ' Put it in quotes.';
      fixes.push({ fix: 'replace-value', path, value: text, title: `Change to the string "${clip(text, 40)}"` });
    } else if (expected === 'object' && isValueWrapper(schema) && node.kind !== 'object' && node.kind !== 'array') {
      message = `${label} is a structure: write { "Value": ${clip(node.kind === 'string' ? JSON.stringify(node.value) : nodeText(node))} }, not a bare value.`;
      fixes.push({ fix: 'wrap-value', path, key: 'Value' });
    } else if (expected === 'array' && schema.items && node.kind !== 'object' && kindMatches(node, schema.items.type)) {
      message += ' Make it a list.';
      fixes.push({ fix: 'replace-value', path, value: [plainScalar(node)], title: 'Make it a list of one item' });
    }
    // A bare value for a { "Value": … } structure may have its own catalogue rule (attribute-value-shape).
    const code = isValueWrapper(schema) ? codeOf(schema, 'wrong-type') : 'wrong-type';
    return { matches: false, problem: { code, severity: 'error', node, message, fixes } };
  }

  /**
   * A timestamp member, as botocore takes one (validate.py, utils.parse_to_aware_datetime): a date
   * and time (ISO 8601; a YAML timestamp), or seconds since 1970 as a number or a string of one;
   * not a date alone once the YAML reader has made it a date.
   */
  private timestamp(node: StringNode | NumberNode | BooleanNode, label: string, path: Path): Problem | undefined {
    if (node.kind === 'boolean') {
      return {
        code: 'boolean-as-number',
        severity: 'error',
        node,
        message: `${label} is a date and time, not ${node.value}: botocore reads it as ${node.value ? 1 : 0} second${node.value ? '' : 's'} after 1970, which is surely not meant.`,
      };
    }
    // A YAML date and time: botocore takes the datetime the CLI's reader made of it.
    if (node.kind === 'string' && node.readAs === 'timestamp') return undefined;
    if (node.kind === 'string' && node.readAs) return readAsOther(node, node.readAs, label, path);
    if (node.kind === 'string' && !isTimestampText(node.value)) {
      return {
        code: 'wrong-type',
        severity: 'error',
        node,
        message: `${label} must be a date and time botocore can read, such as 2030-01-01T00:00:00Z (ISO 8601) or seconds since 1970, not ${JSON.stringify(clip(node.value))}.`,
      };
    }
    return undefined;
  }

  /** The tree at a JSON Pointer of the compiled code; undefined inside a member the consumer replaces (not checked). */
  private locate(pointer: string): Located | undefined {
    let node: ValueNode | undefined = this.root;
    let property: PropertyNode | undefined;
    let schema: MemberSchema | undefined = this.rootSchema;
    const path: Path = [];
    const positions: number[] = [];
    if (pointer) {
      for (const token of pointer.slice(1).split('/')) {
        if (!node) return undefined;
        if (node.kind === 'object') {
          const key = token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
          const index = this.lastIndex(node, key);
          if (index < 0) return undefined;
          property = node.properties[index];
          if (this.repairs.replaced.has(property)) return undefined;
          path.push(key);
          positions.push(index);
          schema = schema && propertySchema(schema, key);
          node = property.value;
        } else if (node.kind === 'array') {
          const index = Number(token);
          if (!(index >= 0 && index < node.items.length)) return undefined;
          property = undefined;
          path.push(index);
          positions.push(index);
          schema = schema?.items;
          node = node.items[index];
        } else {
          return undefined;
        }
      }
    }
    return { node, property, schema, path, positions };
  }

  /**
   * The schema of the value at `place` if the schema check reaches it: every step a member the
   * schema declares (not an unknown or a replaced one), every list with items; else undefined.
   */
  private reachedSchema(place: Place): MemberSchema | undefined {
    let node: ValueNode | undefined = this.root;
    let schema: MemberSchema | undefined = this.rootSchema;
    for (let i = 0; i < place.path.length && node && schema; i++) {
      const step = place.path[i];
      if (typeof step === 'string') {
        if (node.kind !== 'object' || schema.type !== 'object') return undefined;
        const property: PropertyNode = node.properties[place.positions[i]];
        if (this.repairs.replaced.has(property)) return undefined;
        schema = propertySchema(schema, step);
        node = property.value;
      } else {
        if (node.kind !== 'array' || schema.type !== 'array') return undefined;
        schema = schema.items;
        node = node.items[step];
      }
    }
    return node ? schema : undefined;
  }

  /** The index of the last property named `key` (the one that counts), or -1. */
  private lastIndex(object: ObjectNode, key: string): number {
    const properties = object.properties;
    if (properties.length <= 16) {
      for (let i = properties.length - 1; i >= 0; i--) if (properties[i].key.value === key) return i;
      return -1;
    }
    let index = this.keyIndexes.get(object);
    if (!index) {
      index = new Map();
      for (let i = 0; i < properties.length; i++) index.set(properties[i].key.value, i);
      this.keyIndexes.set(object, index);
    }
    return index.get(key) ?? -1;
  }
}

/** Document order: positions step by step; a key that runs out first (never here: every key ends in a marker) first. */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** EC2's Integer is 32 bits: botocore sends a larger value as written, and EC2 rejects it. */
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** A scalar the CLI's YAML reader turns into a date, a timestamp or bytes: botocore refuses it where the model wants anything but a timestamp. */
function readAsOther(node: StringNode, readAs: NonNullable<StringNode['readAs']>, label: string, path: Path): Problem {
  const text = clip(node.value);
  const quote = readAs === 'bytes' ? 'remove the !!binary tag' : 'quote it';
  return {
    code: 'cli-yaml-type',
    severity: 'error',
    node,
    message: `The AWS CLI reads ${text} as ${READ_AS[readAs]}, and ${label} takes none: ${quote}.`,
    fixes: readAs === 'bytes' ? [] : [{ fix: 'replace-value', path, value: node.value, title: `Quote it: "${clip(node.value, 40)}"` }],
  };
}

const READ_AS: Record<NonNullable<StringNode['readAs']>, string> = { date: 'a date', timestamp: 'a date and time', bytes: 'bytes (!!binary)' };

const memberLists = new WeakMap<MemberSchema, string>();

/** The declared members of a structure, sorted, as a message lists them (once per schema). */
function memberList(schema: MemberSchema): string {
  let list = memberLists.get(schema);
  if (list === undefined) {
    list = Object.keys(schema.properties ?? {})
      .sort()
      .join(', ');
    memberLists.set(schema, list);
  }
  return list;
}

/** Overlays may file a member's violations under a catalogue rule (`x-code`), e.g. `count-range`. */
function codeOf(schema: MemberSchema, fallback: RuleCode): RuleCode {
  return (schema['x-code'] as RuleCode | undefined) ?? fallback;
}

function kindMatches(node: ValueNode, expected: MemberSchema['type']): boolean {
  switch (expected) {
    case undefined:
      return true;
    case 'integer':
      return node.kind === 'number';
    default:
      return node.kind === expected;
  }
}

/** The EC2 attribute structures (`AttributeValue`, `AttributeBooleanValue`) hold a single `Value`. */
function isValueWrapper(schema: MemberSchema): boolean {
  const keys = Object.keys(schema.properties ?? {});
  return keys.length === 1 && keys[0] === 'Value';
}

function describeType(schema: MemberSchema): string {
  switch (schema.type) {
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'a string';
    case 'array':
      return 'a list';
    case 'object':
      return isValueWrapper(schema) ? 'a { "Value": … } structure' : 'a structure (an object)';
    default:
      return 'a value';
  }
}

function describeNode(node: ValueNode): string {
  switch (node.kind) {
    case 'string':
      return `the string ${JSON.stringify(node.value.length > 40 ? node.value.slice(0, 40) + '…' : node.value)}`;
    case 'number':
      return `the number ${clip(node.raw)}`;
    case 'boolean':
      return `${node.value}`;
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
  }
}

function nodeText(node: ValueNode): string {
  return node.kind === 'number' ? node.raw : JSON.stringify(plainScalar(node));
}

function plainScalar(node: ValueNode): unknown {
  return node.kind === 'object' || node.kind === 'array' ? undefined : node.value;
}

/** The last key of a path: the member name as written in the file. */
function memberLabel(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'This value';
}

function groupNameExplanation(value: string): string {
  return `"${clip(value)}" looks like a security group name, and this member takes IDs (sg-…). No ID can be guessed from a name: find it with \`aws ec2 describe-security-groups --filters Name=group-name,Values=${clip(value)}\` (or in the console), then put the sg-… ID here.`;
}
