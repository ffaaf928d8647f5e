/**
 * Checks a request tree against its operation's JSON Schema: unknown and missing members, types,
 * enums, ranges, lengths, item counts, resource IDs and addresses, duplicate keys. One walk over
 * the tree; every problem points at the smallest node that explains it.
 */
import { pathOf } from '../document/navigate';
import type { ArrayNode, BooleanNode, NumberNode, ObjectNode, PropertyNode, StringNode, Syntax, ValueNode } from '../document/tree';
import type { MemberSchema } from '../../model/schema-types';
import { isPlaceholder, placeholderFor } from '../../model/placeholders';
import { closestMatch } from '../text/suggest';
import { checkAddress, checkResourceId } from './formats';
import { propertySchema } from './schema-walk';
import { clip, displayPath, objectAnchor, type FixData, type Problem, type RuleCode } from './problem';

type Report = (problem: Problem) => void;

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

export function validateAgainstSchema(
  root: ValueNode,
  schema: MemberSchema,
  operationName: string,
  syntax: Syntax,
  report: Report,
  repairs = NO_REPAIRS,
): void {
  new SchemaWalker(operationName, syntax, report, repairs).value(root, schema, []);
}

/** ISO 8601 as botocore's parser reads it: a date, optionally a time (seconds and fraction optional) and a zone. */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A string botocore takes for a timestamp: seconds since 1970, or an ISO 8601 date and time whose parts are in range. */
export function isTimestampText(text: string): boolean {
  const value = text.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(value)) return true;
  const match = ISO_TIMESTAMP.exec(value);
  if (!match) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** EC2's Integer is 32 bits: botocore sends a larger value as written, and EC2 rejects it. */
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

class SchemaWalker {
  constructor(
    private readonly operationName: string,
    private readonly syntax: Syntax,
    private readonly report: Report,
    private readonly repairs: ConsumerRepairs,
  ) {}

  value(node: ValueNode, schema: MemberSchema, path: (string | number)[]): void {
    if (!this.typeMatches(node, schema, path)) return;
    switch (node.kind) {
      case 'object':
        this.object(node, schema, path);
        break;
      case 'array':
        this.array(node, schema, path);
        break;
      case 'string':
        this.string(node.value, node, schema, path);
        break;
      case 'number':
        this.integer(node, schema, path);
        break;
      default:
        break;
    }
  }

  private object(node: ObjectNode, schema: MemberSchema, path: (string | number)[]): void {
    const last = new Map<string, PropertyNode>();
    for (const property of node.properties) last.set(property.key.value, property);
    /** Members that a misspelt key's "did you mean" already names: not reported missing as well. */
    const suggested = new Set<string>();
    /** The declared members not written in this object: what a misspelt key may have meant. */
    let absent: string[] | undefined;
    const absentMembers = () =>
      (absent ??= Object.keys(schema.properties ?? {})
        .sort()
        .filter((k) => !last.has(k)));
    for (const property of node.properties) {
      const key = property.key.value;
      const counted = last.get(key)!;
      if (counted !== property) {
        this.report(
          this.syntax === 'yaml'
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
              },
        );
        continue;
      }
      // Own members only: a key written `constructor` or `__proto__` is unknown, not Object.prototype's.
      const memberSchema = propertySchema(schema, key);
      if (!memberSchema) {
        const suggestion = schema.properties ? this.unknownMember(property, schema, path, absentMembers()) : undefined;
        if (suggestion) suggested.add(suggestion);
        continue;
      }
      if (this.repairs.replaced.has(property)) continue;
      if (property.value) this.value(property.value, memberSchema, [...path, key]);
      else if (this.syntax === 'yaml') this.emptyYamlValue(property, [...path, key]);
    }
    for (const required of schema.required ?? []) {
      if (last.has(required) || suggested.has(required) || (path.length === 0 && this.repairs.supplied.has(required))) continue;
      const where = path.length ? `${displayPath(path)} is missing` : `${this.operationName} needs`;
      this.report({
        code: 'missing-required',
        severity: 'error',
        ...objectAnchor(node),
        message: `${where} the required member ${required}.`,
        fixes: [{ fix: 'insert-member', objectPath: pathOf(node), key: required, value: placeholderFor(schema.properties?.[required]) }],
      });
    }
  }

  /** `Key:` with nothing after it: the CLI's YAML reader makes it None, which botocore refuses. */
  private emptyYamlValue(property: PropertyNode, path: (string | number)[]): void {
    this.report({
      code: 'cli-yaml-type',
      severity: 'error',
      node: property.key,
      message: `${displayPath(path)} has no value: the AWS CLI reads it as null and refuses the file. Give it a value or remove it.`,
      fixes: [{ fix: 'remove-member', path }],
    });
  }

  /** Reports a key the structure does not have; returns the member it suggests instead, if any. */
  private unknownMember(property: PropertyNode, schema: MemberSchema, path: (string | number)[], absent: readonly string[]): string | undefined {
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
    this.report({ code: 'unknown-parameter', severity: 'error', node: property.key, message, fixes });
    return suggestion;
  }

  private array(node: ArrayNode, schema: MemberSchema, path: (string | number)[]): void {
    // Labels are built only for a message: most values have none, and a walk meets every value.
    if (schema.minItems !== undefined && node.items.length < schema.minItems) {
      this.report(this.rangeProblem(node, schema, `${displayPath(path)} needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}.`));
    }
    if (schema.maxItems !== undefined && node.items.length > schema.maxItems) {
      this.report(this.rangeProblem(node, schema, `${displayPath(path)} holds ${node.items.length} items; at most ${schema.maxItems} are allowed.`));
    }
    if (!schema.items) return;
    node.items.forEach((item, index) => this.value(item, schema.items!, [...path, index]));
  }

  private string(value: string, node: ValueNode, schema: MemberSchema, path: (string | number)[]): void {
    if (LONE_SURROGATE.test(value)) {
      this.report({
        code: 'cli-refuses',
        severity: 'error',
        node,
        message: `${displayPath(path)} holds half of a UTF-16 surrogate pair (such as \\ud800 alone), which the AWS CLI cannot encode: it fails on the file. Write the whole character, or remove the escape.`,
      });
    }
    if (schema.enum && !schema.enum.includes(value)) {
      const suggestion = closestMatch(value, schema.enum);
      this.report({
        code: codeOf(schema, 'invalid-enum'),
        severity: 'error',
        node,
        message:
          `"${clip(value)}" is not a valid ${displayPath(path)}.` +
          (suggestion ? ` Did you mean "${suggestion}"?` : '') +
          ` Allowed: ${schema.enum.join(', ')}.`,
        fixes: suggestion ? [{ fix: 'replace-value', path, value: suggestion }] : [],
      });
      return;
    }
    // Lengths count code points; counting them allocates, so only for members with a length limit.
    const length = schema.minLength !== undefined || schema.maxLength !== undefined ? [...value].length : 0;
    if (schema.minLength !== undefined && length < schema.minLength) {
      this.report(
        this.rangeProblem(node, schema, `${displayPath(path)} must be at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'} long.`),
      );
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      this.report(this.rangeProblem(node, schema, `${displayPath(path)} is ${length} characters long; at most ${schema.maxLength} are allowed.`));
    }
    const finding =
      (schema['x-idKind'] && checkResourceId(value, schema['x-idKind'], memberLabel(path))) ||
      (schema['x-format'] && checkAddress(value, schema['x-format'], memberLabel(path)));
    if (finding) {
      const fixes: FixData[] = finding.code === 'security-group-ids' ? [{ fix: 'explain', message: groupNameExplanation(value) }] : [];
      this.report({ code: finding.code, severity: 'error', node, message: finding.message, fixes });
    } else if (isPlaceholder(value, schema)) {
      this.report({
        code: 'placeholder-value',
        severity: 'information',
        node,
        message: `${memberLabel(path)} still holds the placeholder "${value}": put the real value here.`,
      });
    }
  }

  private integer(node: NumberNode, schema: MemberSchema, path: (string | number)[]): void {
    const { value, raw } = node;
    if (!node.integer) {
      this.report({
        code: 'wrong-type',
        severity: 'error',
        node,
        message: `${displayPath(path)} must be a whole number, not ${clip(raw)} (the AWS CLI reads it as a fraction and refuses it).`,
      });
      return;
    }
    if (value < INT32_MIN || value > INT32_MAX) {
      this.report({
        code: 'integer-range',
        severity: 'error',
        node,
        message: `${displayPath(path)} is a 32-bit integer in EC2 (from ${INT32_MIN.toLocaleString('en-US')} to ${INT32_MAX.toLocaleString('en-US')}): ${clip(raw)} is sent as written and rejected.`,
      });
      return;
    }
    const { minimum, maximum } = schema;
    if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
      const bounds =
        minimum !== undefined && maximum !== undefined ? `from ${minimum} to ${maximum}` : minimum !== undefined ? `at least ${minimum}` : `at most ${maximum}`;
      this.report(this.rangeProblem(node, schema, `${displayPath(path)} must be ${bounds}; ${clip(raw)} is out of range.`));
    }
  }

  private rangeProblem(node: ValueNode, schema: MemberSchema, message: string): Problem {
    return { code: codeOf(schema, 'out-of-range'), severity: 'error', node, message };
  }

  /**
   * A timestamp member, as botocore takes one (validate.py, utils.parse_to_aware_datetime): a date
   * and time (ISO 8601; a YAML timestamp), or seconds since 1970 as a number or a string of one;
   * not a date alone once the YAML reader has made it a date. Always false: nothing else to check.
   */
  private timestamp(node: StringNode | NumberNode | BooleanNode, label: string, path: (string | number)[]): false {
    if (node.kind === 'boolean') {
      this.report({
        code: 'boolean-as-number',
        severity: 'error',
        node,
        message: `${label} is a date and time, not ${node.value}: botocore reads it as ${node.value ? 1 : 0} second${node.value ? '' : 's'} after 1970, which is surely not meant.`,
      });
    } else if (node.kind === 'string' && node.readAs === 'timestamp') {
      // A YAML date and time: botocore takes the datetime the CLI's reader made of it.
    } else if (node.kind === 'string' && node.readAs) {
      this.readAsOther(node, node.readAs, label, path);
    } else if (node.kind === 'string' && !isTimestampText(node.value)) {
      this.report({
        code: 'wrong-type',
        severity: 'error',
        node,
        message: `${label} must be a date and time botocore can read, such as 2030-01-01T00:00:00Z (ISO 8601) or seconds since 1970, not ${JSON.stringify(clip(node.value))}.`,
      });
    }
    return false;
  }

  /** A scalar the CLI's YAML reader turns into a date, a timestamp or bytes: botocore refuses it where the model wants anything but a timestamp. */
  private readAsOther(node: StringNode, readAs: NonNullable<StringNode['readAs']>, label: string, path: (string | number)[]): false {
    const text = clip(node.value);
    const quote = readAs === 'bytes' ? 'remove the !!binary tag' : 'quote it';
    this.report({
      code: 'cli-yaml-type',
      severity: 'error',
      node,
      message: `The AWS CLI reads ${text} as ${READ_AS[readAs]}, and ${label} takes none: ${quote}.`,
      fixes: readAs === 'bytes' ? [] : [{ fix: 'replace-value', path, value: node.value, title: `Quote it: "${clip(node.value, 40)}"` }],
    });
    return false;
  }

  /** False (after reporting) when the node's JSON type is not the schema's. */
  private typeMatches(node: ValueNode, schema: MemberSchema, path: (string | number)[]): boolean {
    const expected = schema.type;
    const label = displayPath(path) || 'The request';
    if (schema.format === 'date-time' && node.kind !== 'object' && node.kind !== 'array' && node.kind !== 'null') return this.timestamp(node, label, path);
    if (node.kind === 'string' && node.readAs) return this.readAsOther(node, node.readAs, label, path);
    if (!expected || kindMatches(node, expected)) return true;
    if (node.kind === 'null' && this.syntax === 'yaml') {
      this.report({
        code: 'cli-yaml-type',
        severity: 'error',
        node,
        message: `The AWS CLI reads ${node.length ? 'this' : 'an empty value'} as null, and ${label} must be ${describeType(schema)}: give it a value or remove the member.`,
        fixes: path.length ? [{ fix: 'remove-member', path }] : [],
      });
      return false;
    }
    if (node.kind === 'boolean' && expected === 'integer') {
      this.report({
        code: 'boolean-as-number',
        severity: 'error',
        node,
        message: `${label} must be a whole number, not ${node.value}: botocore sends it as "${node.value ? 'True' : 'False'}", which EC2 rejects.`,
      });
      return false;
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
    this.report({ code, severity: 'error', node, message, fixes });
    return false;
  }
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
function memberLabel(path: (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'This value';
}

function groupNameExplanation(value: string): string {
  return `"${clip(value)}" looks like a security group name, and this member takes IDs (sg-…). No ID can be guessed from a name: find it with \`aws ec2 describe-security-groups --filters Name=group-name,Values=${clip(value)}\` (or in the console), then put the sg-… ID here.`;
}
