/**
 * The differential corpus (aws-cli-differential.test.ts): request files derived from every file in
 * examples/valid and examples/broken, deterministically (seeded PRNG), in JSON and YAML. What the
 * AWS CLI does with each is the oracle's business; this only makes the files.
 *
 * Kinds of variants:
 *   - the examples as they are, and each converted to the other syntax;
 *   - JSON syntax edge cases: comments (//, /* *\/, a `// ec2: <command>` modeline), a BOM, trailing
 *     commas, U+00A0 between tokens, control characters in strings, lone surrogates, top-level
 *     array/string/number/null, empty files, extra data, duplicate keys (top level and nested);
 *   - JSON values where a member of another type belongs: NaN, Infinity, 2^31, 2^53+1, 1e400,
 *     true/false/1.0/1e2/"2" for integers, 1/"true" for booleans, numbers for strings, …;
 *   - YAML syntax edge cases: BOM, documents (---, ..., several), tabs (after `key:`, trailing,
 *     as indentation, in comments and quoted scalars), duplicate keys, anchors, aliases, merge keys,
 *     %YAML 1.1/1.2 directives, unknown tags, complex keys, flow style;
 *   - YAML scalars the resolver types: dates, timestamps, !!binary, empty/~/null, 1_0, 0x10, 0o17,
 *     017, 1e3, .inf, .nan, yes/no/on/off (and under %YAML 1.1), 12:30:00, block scalars, tags;
 *   - RunInstances: with and without MinCount/MaxCount, instance-level SubnetId / SecurityGroupIds /
 *     PrivateIpAddress / Ipv6AddressCount / Ipv6Addresses / EnablePrimaryIpv6 beside
 *     NetworkInterfaces[0] with and without a member that makes the CLI move them
 *     (PrivateIpAddresses, SecondaryPrivateIpAddressCount, AssociatePublicIpAddress);
 *     NetworkInterfaces empty, an object, a string;
 *   - random mutations of the examples: a scalar of another type, a member dropped, a key with a
 *     typo, an unknown key, a list wrapped or unwrapped, emptied, null.
 *
 * File names: `<nnnn>-<example>-<what>.<cli-command>.json|yaml` (the naming convention that tells
 * the engine the operation), except the modeline variants, which carry no command in the name.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import YAML from 'yaml';
import { prng } from '../support/prng';

export type Format = 'json' | 'yaml';

export interface Variant {
  readonly id: number;
  /** The file name in the corpus directory. */
  readonly name: string;
  readonly format: Format;
  /** The AWS CLI command (`create-network-interface`). */
  readonly command: string;
  /** The API operation (`CreateNetworkInterface`). */
  readonly operation: string;
  /** The example it was made from (`valid/web.create-network-interface.json`), or `synthetic`. */
  readonly origin: string;
  /** What was done to it, in a few words. */
  readonly what: string;
  readonly text: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

interface Example {
  /** `valid/web.create-network-interface.json` */
  readonly origin: string;
  readonly stem: string;
  readonly command: string;
  readonly format: Format;
  readonly text: string;
  readonly value: Json;
}

/** An example file; its value is undefined when it cannot be read (then only its text is used, as it is). */
type ExampleFile = Omit<Example, 'value'> & { readonly value: Json | undefined };

export const DEFAULT_SEED = 0x5eed2026;

/** `create-network-interface` → `CreateNetworkInterface` (every operation here follows the rule). */
export function operationOf(command: string): string {
  return command
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export function generateCorpus(examplesDir: string, seed = DEFAULT_SEED): Variant[] {
  const random = prng(seed);
  const all = loadExamples(examplesDir);
  // Those whose value can be read, for everything but the "as is" variants.
  const examples = all.filter((e): e is Example => e.value !== undefined);
  const valid = examples.filter((e) => e.origin.startsWith('valid/'));
  const validJson = valid.filter((e) => e.format === 'json');
  const validYaml = valid.filter((e) => e.format === 'yaml');
  /** `count` different items of `pool`, in a seeded order. */
  const distinct = <T>(pool: readonly T[], count: number): T[] => {
    const copy = [...pool];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, count);
  };
  const variants: Variant[] = [];
  const seen = new Set<string>();
  const add = (example: Pick<Example, 'origin' | 'stem' | 'command'>, format: Format, what: string, text: string, options: { modelineOnly?: boolean } = {}) => {
    const key = `${format}\0${options.modelineOnly ? '' : example.command}\0${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    const id = variants.length + 1;
    const slug = what
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 48);
    const command = options.modelineOnly ? '' : `.${example.command}`;
    const name = `${String(id).padStart(4, '0')}-${example.stem}-${slug}${command}.${format}`;
    variants.push({ id, name, format, command: example.command, operation: operationOf(example.command), origin: example.origin, what, text });
  };
  /** `count` examples of `pool`, starting at a rotating offset, so every transform meets other operations. */
  let rotation = 0;
  const some = <T>(pool: readonly T[], count: number): T[] => {
    const start = rotation++ * 7;
    return Array.from({ length: Math.min(count, pool.length) }, (_, i) => pool[(start + i) % pool.length]);
  };

  // 1. The examples as they are, and in the other syntax.
  for (const example of all) {
    add(example, example.format, 'as is', example.text);
    if (example.value !== undefined) add(example, other(example.format), `converted to ${other(example.format)}`, emit(example.value, other(example.format)));
  }

  // 2. JSON syntax.
  for (const [what, transform] of JSON_SYNTAX) {
    for (const example of some(validJson, 8)) {
      const text = transform(example);
      if (text !== undefined) add(example, 'json', what, text, { modelineOnly: what === 'modeline only' });
    }
  }

  // 3. JSON values in place of members of each type.
  const jsonSlots = slotsOf(validJson);
  for (const [kind, tokens] of Object.entries(JSON_TOKENS) as [SlotKind, string[]][]) {
    for (const token of tokens) {
      for (const slot of distinct(jsonSlots[kind], 4)) {
        add(slot.example, 'json', `${kind} ${slot.path.join('.')} = ${token}`, withRaw(slot.example.value, slot.path, token, 'json'));
      }
    }
  }

  // 4. YAML syntax.
  for (const [what, transform] of YAML_SYNTAX) {
    for (const example of some(validYaml, 8)) {
      const text = transform(example);
      if (text !== undefined) add(example, 'yaml', what, text, { modelineOnly: what === 'modeline only' });
    }
  }

  // 5. YAML scalars in place of members of each type (YAML 1.2, then under %YAML 1.1).
  const yamlSlots = slotsOf(validYaml);
  for (const [kind, tokens] of Object.entries(YAML_TOKENS) as [SlotKind, string[]][]) {
    for (const token of tokens) {
      for (const slot of distinct(yamlSlots[kind], 3)) {
        add(slot.example, 'yaml', `${kind} ${slot.path.join('.')} = ${token}`, withRaw(slot.example.value, slot.path, token, 'yaml'));
      }
    }
  }
  for (const [kind, tokens] of Object.entries(YAML_11_TOKENS) as [SlotKind, string[]][]) {
    for (const token of tokens) {
      for (const slot of distinct(yamlSlots[kind], 3)) {
        add(
          slot.example,
          'yaml',
          `yaml 1.1 ${kind} ${slot.path.join('.')} = ${token}`,
          `%YAML 1.1\n---\n${withRaw(slot.example.value, slot.path, token, 'yaml')}`,
        );
      }
    }
  }

  // 6. RunInstances and the CLI's own rewriting of it.
  for (const { what, value } of runInstancesCases()) {
    for (const format of ['json', 'yaml'] as const) add(RUN_INSTANCES, format, what, emit(value, format));
  }
  for (const [what, yaml] of RUN_INSTANCES_YAML) add(RUN_INSTANCES, 'yaml', what, yaml);
  // The one timestamp member of these operations (botocore takes a datetime, an ISO 8601 string or epoch seconds).
  const spot: Json = {
    ImageId: 'ami-0123456789abcdef0',
    MinCount: 1,
    MaxCount: 1,
    InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { ValidUntil: null } },
  };
  const validUntil = ['InstanceMarketOptions', 'SpotOptions', 'ValidUntil'];
  for (const [format, tokens] of Object.entries(TIMESTAMP_TOKENS) as [Format, string[]][]) {
    for (const token of tokens) add(RUN_INSTANCES, format, `timestamp ValidUntil = ${token}`, withRaw(spot, validUntil, token, format));
  }

  // 7. Random mutations of every example, in both syntaxes.
  for (const example of examples) {
    for (const format of ['json', 'yaml'] as const) {
      for (let n = 0; n < 3; n++) {
        const mutated = mutate(example.value, random);
        if (mutated) add(example, format, mutated.what, emit(mutated.value, format));
      }
    }
  }

  // 8. Each top-level member of each valid example dropped (the required ones among them).
  for (const example of valid) {
    if (!isObject(example.value)) continue;
    for (const key of Object.keys(example.value)) {
      const { [key]: _dropped, ...rest } = example.value;
      add(example, example.format, `drop ${key}`, emit(rest, example.format));
    }
  }

  // 9. Launch templates whose interface entries are built from YAML anchors and merge keys: the CLI
  // must send what our reader makes of them (test/fixtures/yaml-anchors).
  const anchors = { origin: 'fixtures/yaml-anchors', stem: 'p5-anchors', command: 'create-launch-template' };
  const anchored = readFileSync(path.join(examplesDir, '..', 'test', 'fixtures', 'yaml-anchors', 'p5-efa-anchors.create-launch-template.yaml'), 'utf8');
  add(anchors, 'yaml', 'merge keys: p5 layout from anchors', anchored);
  for (const [what, yaml] of LAUNCH_TEMPLATE_YAML) add(anchors, 'yaml', what, yaml);
  return variants;
}

/** Writes every variant into `dir` (created); returns the file paths, by variant id. */
export function writeCorpus(variants: readonly Variant[], dir: string): Map<number, string> {
  mkdirSync(dir, { recursive: true });
  const files = new Map<number, string>();
  for (const variant of variants) {
    const file = path.join(dir, variant.name);
    writeFileSync(file, variant.text, 'utf8');
    files.set(variant.id, file);
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Examples, emission, paths

function loadExamples(dir: string): ExampleFile[] {
  const examples: ExampleFile[] = [];
  for (const group of ['valid', 'broken']) {
    for (const file of readdirSync(path.join(dir, group)).sort()) {
      const match = /^(.+)\.([a-z0-9-]+)\.(json|yaml)$/.exec(file);
      if (!match) continue;
      const text = readFileSync(path.join(dir, group, file), 'utf8');
      const format = match[3] as Format;
      examples.push({ origin: `${group}/${file}`, stem: match[1], command: match[2], format, text, value: valueOf(text, format) });
    }
  }
  return examples;
}

/** The example's value, read leniently (a broken example may have comments, trailing commas, duplicate keys); undefined when it cannot be read. */
function valueOf(text: string, format: Format): Json | undefined {
  try {
    if (format === 'yaml') return YAML.parse(text, { uniqueKeys: false }) as Json;
    const errors: ParseError[] = [];
    const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as Json;
    return errors.length ? undefined : value;
  } catch {
    return undefined;
  }
}

const other = (format: Format): Format => (format === 'json' ? 'yaml' : 'json');

function emit(value: Json | undefined, format: Format): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : YAML.stringify(value, { lineWidth: 0, version: '1.2' });
}

const isObject = (value: Json | undefined): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value);

function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

function setAt(root: Json, at: Path, value: Json): void {
  let node = root as Record<string | number, Json>;
  for (const step of at.slice(0, -1)) node = node[step] as Record<string | number, Json>;
  node[at[at.length - 1]] = value;
}

const RAW = 'RAWMARKER7Q';
const DUP = 'DUPMARKER7Q';

/** The value emitted with the member at `at` written as the raw token `token` (JSON or YAML text). */
function withRaw(value: Json, at: Path, token: string, format: Format): string {
  const copy = clone(value);
  setAt(copy, at, RAW);
  const text = emit(copy, format);
  return format === 'json' ? text.replace(`"${RAW}"`, token) : text.replace(new RegExp(`(["']?)${RAW}\\1`), () => token);
}

type SlotKind = 'integer' | 'boolean' | 'string' | 'list' | 'struct';
interface Slot {
  readonly example: Example;
  readonly path: Path;
}

/** Every member of the examples, by the JSON type its example gives it. */
function slotsOf(examples: readonly Example[]): Record<SlotKind, Slot[]> {
  const slots: Record<SlotKind, Slot[]> = { integer: [], boolean: [], string: [], list: [], struct: [] };
  const walk = (example: Example, value: Json, at: Path) => {
    if (at.length) {
      const kind: SlotKind =
        typeof value === 'number'
          ? 'integer'
          : typeof value === 'boolean'
            ? 'boolean'
            : typeof value === 'string'
              ? 'string'
              : Array.isArray(value)
                ? 'list'
                : 'struct';
      if (value !== null) slots[kind].push({ example, path: at });
    }
    if (Array.isArray(value)) value.forEach((item, i) => walk(example, item, [...at, i]));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) walk(example, item, [...at, key]);
  };
  for (const example of examples) walk(example, example.value, []);
  return slots;
}

/** The first key of the top-level object and of the first nested object (for duplicate keys). */
function firstKeys(value: Json): { top?: string; nested?: Path } {
  const top = isObject(value) ? Object.keys(value)[0] : undefined;
  let nested: Path | undefined;
  const walk = (node: Json, at: Path) => {
    if (nested) return;
    if (at.length && isObject(node) && Object.keys(node).length) {
      nested = [...at, Object.keys(node)[0]];
      return;
    }
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...at, i]));
    else if (isObject(node)) for (const [key, item] of Object.entries(node)) walk(item, [...at, key]);
  };
  walk(value, []);
  return { top, nested };
}

/**
 * The example with a second key `key` in the object at `objectPath`, before the existing one
 * (`first`) or after it, with value `duplicate` (a raw token).
 */
function withDuplicate(example: Example, objectPath: Path, key: string, duplicate: string, where: 'before' | 'after', format: Format): string {
  const copy = clone(example.value);
  let node = copy as Json;
  for (const step of objectPath) node = (node as Record<string | number, Json>)[step];
  const object = node as { [key: string]: Json };
  const entries = Object.entries(object);
  for (const k of Object.keys(object)) delete object[k];
  for (const [k, v] of entries) {
    if (k === key && where === 'before') object[DUP] = RAW;
    object[k] = v;
    if (k === key && where === 'after') object[DUP] = RAW;
  }
  let text = emit(copy, format);
  text =
    format === 'json'
      ? text.replace(`"${DUP}"`, JSON.stringify(key)).replace(`"${RAW}"`, duplicate)
      : text.replace(DUP, key).replace(new RegExp(`(["']?)${RAW}\\1`), () => duplicate);
  return text;
}

// ---------------------------------------------------------------------------------------------
// JSON

type Transform = (example: Example) => string | undefined;

const JSON_SYNTAX: [string, Transform][] = [
  ['line comment first', (e) => `// a note\n${e.text}`],
  ['line comment inside', (e) => e.text.replace('{\n', '{\n  // a note\n')],
  ['block comment', (e) => e.text.replace('{\n', '{\n  /* a note */\n')],
  ['modeline', (e) => `// ec2: ${e.command}\n${e.text}`],
  ['modeline only', (e) => `// ec2: ${e.command}\n${e.text}`],
  ['bom', (e) => `\ufeff${e.text}`],
  ['trailing comma object', (e) => e.text.replace(/\n}\s*$/, ',\n}\n')],
  ['trailing comma array', (e) => (/\n(\s*)]/.test(e.text) ? e.text.replace(/(["\d}el])\n(\s*)]/, '$1,\n$2]') : undefined)],
  ['nbsp after colon', (e) => e.text.replace('": ', '":\u00a0')],
  ['nbsp line start', (e) => e.text.replace('\n  "', '\n\u00a0 "')],
  ['crlf', (e) => e.text.replace(/\n/g, '\r\n')],
  ['tabs indentation', (e) => e.text.replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2))],
  ['minified', (e) => JSON.stringify(e.value)],
  ['no final newline', (e) => e.text.trimEnd()],
  ['leading blank lines', (e) => `\n\n  ${e.text}`],
  ['top-level array', (e) => `[${e.text.trimEnd()}]\n`],
  ['top-level string', () => '"SubnetId"\n'],
  ['top-level number', () => '42\n'],
  ['top-level null', () => 'null\n'],
  ['top-level true', () => 'true\n'],
  ['empty object', () => '{}\n'],
  ['empty file', () => ''],
  ['whitespace only', () => '  \n\n'],
  ['extra data', (e) => `${e.text.trimEnd()} x\n`],
  ['two objects', (e) => `${e.text.trimEnd()}\n${e.text}`],
  ['unclosed', (e) => e.text.trimEnd().replace(/}$/, '')],
  ['single quotes', (e) => e.text.replace(/"([A-Za-z]+)":/, "'$1':")],
  ['unquoted key', (e) => e.text.replace(/"([A-Za-z]+)":/, '$1:')],
  ['raw tab in string', (e) => (/": "[^"]/.test(e.text) ? e.text.replace(/": "/, '": "\t') : undefined)],
  ['escaped tab in string', (e) => (/": "[^"]/.test(e.text) ? e.text.replace(/": "/, '": "\\t') : undefined)],
  [
    'unicode escape',
    (e) => (/": "[^"]/.test(e.text) ? e.text.replace(/": "(.)/, (_, c: string) => `": "\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : undefined),
  ],
  ['lone surrogate', (e) => (/": "[^"]/.test(e.text) ? e.text.replace(/": "/, '": "\\ud800') : undefined)],
  ['non-ascii', (e) => (/": "[^"]/.test(e.text) ? e.text.replace(/": "/, '": "é') : undefined)],
  ['duplicate top same', (e) => dupJson(e, 'top', 'same', 'after')],
  ['duplicate top other first', (e) => dupJson(e, 'top', 'other', 'before')],
  ['duplicate top other last', (e) => dupJson(e, 'top', 'other', 'after')],
  ['duplicate nested same', (e) => dupJson(e, 'nested', 'same', 'after')],
  ['duplicate nested other last', (e) => dupJson(e, 'nested', 'other', 'after')],
  ['duplicate nested other first', (e) => dupJson(e, 'nested', 'other', 'before')],
  // Only true or false: the oracle runs the CLI with --dry-run, which wins over the file's DryRun, so
  // what the CLI does with any other value there is not observable (see UNKNOWN_KEYS).
  ['dry run false in file', (e) => (isObject(e.value) ? emit({ ...e.value, DryRun: false }, 'json') : undefined)],
  ['dry run true in file', (e) => (isObject(e.value) ? emit({ ...e.value, DryRun: true }, 'json') : undefined)],
];

function dupJson(example: Example, where: 'top' | 'nested', value: 'same' | 'other', order: 'before' | 'after'): string | undefined {
  return duplicated(example, where, value, order, 'json');
}

function duplicated(example: Example, where: 'top' | 'nested', value: 'same' | 'other', order: 'before' | 'after', format: Format): string | undefined {
  const keys = firstKeys(example.value);
  const at = where === 'top' ? (keys.top === undefined ? undefined : [keys.top]) : keys.nested;
  if (!at) return undefined;
  let existing = example.value;
  for (const step of at) existing = (existing as Record<string | number, Json>)[step];
  const raw = value === 'same' ? JSON.stringify(existing) : '12345';
  return withDuplicate(example, at.slice(0, -1), String(at[at.length - 1]), raw, order, format);
}

const JSON_TOKENS: Record<SlotKind, string[]> = {
  integer: [
    'NaN',
    'Infinity',
    '-Infinity',
    '2147483647',
    '2147483648',
    '9007199254740993',
    '99999999999999999999999',
    '1e400',
    'true',
    'false',
    '1.0',
    '1e2',
    '2.5',
    '"2"',
    '-1',
    '0',
    '-0',
    'null',
    '[1]',
    '{}',
    '01',
    '+1',
    '.5',
    '0x10',
  ],
  boolean: ['1', '0', '"true"', '"false"', 'null', 'True', '[true]', 'NaN'],
  string: ['123', '1.5', 'true', 'null', '""', '"\\u0000"', '"a\\nb"', '"\\u00e9t\\u00e9"', '[]', '{}', '["x"]', "'x'", '"\\ud83d\\ude00"'],
  list: ['[]', 'null', '"sg-0f1e2d3c4b5a69788"', '{}', '[null]', '[[]]'],
  struct: ['{}', 'null', '[]', '"x"', '1'],
};

// ---------------------------------------------------------------------------------------------
// YAML

const YAML_SYNTAX: [string, Transform][] = [
  ['comment first', (e) => `# a note\n${e.text}`],
  ['modeline', (e) => `# ec2: ${e.command}\n${e.text}`],
  ['modeline only', (e) => `# ec2: ${e.command}\n${e.text}`],
  ['bom', (e) => `\ufeff${e.text}`],
  ['document start', (e) => `---\n${e.text}`],
  ['document end', (e) => `${e.text}...\n`],
  ['two documents', (e) => `${e.text}---\n${e.text}`],
  ['empty second document', (e) => `${e.text}---\n`],
  ['tab after key colon', (e) => e.text.replace(/^([A-Za-z]+): (?=\S)/m, '$1:\t')],
  ['tab before value', (e) => e.text.replace(/^([A-Za-z]+): (?=\S)/m, '$1: \t')],
  ['trailing tab after value', (e) => e.text.replace(/^([A-Za-z]+: \S.*)$/m, '$1\t')],
  ['trailing spaces', (e) => e.text.replace(/^([A-Za-z]+: \S.*)$/m, '$1   ')],
  ['tab in comment', (e) => `#\ta\tnote\n${e.text}`],
  ['tab after comment', (e) => e.text.replace(/^([A-Za-z]+: \S.*)$/m, '$1 # note\t')],
  ['tab in quoted scalar', (e) => e.text.replace(/^([A-Za-z]+): ([a-z][^\s#]*)$/m, '$1: "$2\t"')],
  ['tab indentation', (e) => (/^ {2}\S/m.test(e.text) ? e.text.replace(/^ {2}(?=\S)/m, '\t') : undefined)],
  ['crlf', (e) => e.text.replace(/\n/g, '\r\n')],
  ['duplicate top same', (e) => duplicated(e, 'top', 'same', 'after', 'yaml')],
  ['duplicate top other last', (e) => duplicated(e, 'top', 'other', 'after', 'yaml')],
  ['duplicate nested same', (e) => duplicated(e, 'nested', 'same', 'after', 'yaml')],
  ['top-level list', (e) => `- ${e.text.trimEnd().replace(/\n/g, '\n  ')}\n`],
  ['top-level scalar', () => 'subnet-0123456789abcdef0\n'],
  ['top-level null', () => '~\n'],
  ['empty file', () => ''],
  ['comment only', () => '# nothing yet\n'],
  ['empty flow mapping', () => '{}\n'],
  ['json as yaml', (e) => emit(e.value, 'json')],
  ['flow mapping', (e) => (isObject(e.value) ? `${YAML.stringify(e.value, { collectionStyle: 'flow', lineWidth: 0 })}` : undefined)],
  ['yaml 1.2 directive', (e) => `%YAML 1.2\n---\n${e.text}`],
  ['yaml 1.1 directive', (e) => `%YAML 1.1\n---\n${e.text}`],
  ['unknown directive', (e) => `%FOO bar\n---\n${e.text}`],
  ['unknown tag', (e) => e.text.replace(/^([A-Za-z]+): (?=\S)/m, '$1: !custom ')],
  ['str tag', (e) => e.text.replace(/^([A-Za-z]+): (?=\S)/m, '$1: !!str ')],
  ['anchor on first value', (e) => e.text.replace(/^([A-Za-z]+): (?=\S)/m, '$1: &first ')],
  ['anchor and alias unknown key', (e) => `${e.text.replace(/^([A-Za-z]+): (?=\S)/m, '$1: &first ')}Copy: *first\n`],
  ['undefined alias', (e) => e.text.replace(/^([A-Za-z]+): \S.*$/m, '$1: *nowhere')],
  ['complex key', (e) => `${e.text}? [a, b]\n: c\n`],
  ['explicit key', (e) => e.text.replace(/^([A-Za-z]+): (?=\S)/m, '? $1\n: ')],
  ['bad indentation', (e) => (/^ {2}\S/m.test(e.text) ? e.text.replace(/^ {2}(?=\S)/m, '   ') : undefined)],
  ['quoted keys', (e) => e.text.replace(/^([A-Za-z]+):/gm, '"$1":')],
];

const YAML_TOKENS: Record<SlotKind, string[]> = {
  integer: [
    '1_0',
    '0x10',
    '0o17',
    '017',
    '0b101',
    '1e3',
    '1.0',
    '.inf',
    '-.inf',
    '.nan',
    '+5',
    '~',
    'null',
    '',
    '"5"',
    "'5'",
    '!!int "5"',
    '!!str 5',
    '!!float 5',
    'true',
    'yes',
    '2020-01-01',
    '12:30:00',
    '1:30',
    '2147483648',
    '9007199254740993',
    '-1',
    '[5]',
    '{a: 5}',
    '5 # note',
    '1,000',
    '0x_10',
  ],
  boolean: ['yes', 'no', 'on', 'off', 'y', 'True', 'TRUE', 'tRue', '1', '0', '"true"', '~', '', '!!bool "true"', '!!bool yes'],
  string: [
    '2020-01-01',
    '2001-12-14t21:59:43.10-05:00',
    '2001-12-14 21:59:43.10 -5',
    '!!binary aGVsbG8=',
    '',
    '~',
    'null',
    'Null',
    'NULL',
    '1e3',
    '0x10',
    '.inf',
    '.NaN',
    'yes',
    'on',
    '12:30:00',
    '123',
    '1_0',
    'true',
    'False',
    '"quoted"',
    "'single'",
    '!!str 123',
    '!!str 2020-01-01',
    '!custom x',
    '[a]',
    '{a: b}',
    '"a\\tb"',
    "'it''s'",
    '=',
    '<<',
    '- x',
    '10.0.1.25',
    '2001:db8::1',
    '"é"',
    '!!timestamp 2020-01-01',
    '!!null ""',
    '@x',
    '`x',
    '%x',
    '!x',
  ],
  list: ['[]', '~', '', '[a, b]', 'x', '{}', '[[]]', '[~]'],
  struct: ['{}', '~', '', '[]', 'x', '{Value: true}'],
};

/** Under a %YAML 1.1 directive (ruamel resolves these as YAML 1.1 does). */
const YAML_11_TOKENS: Partial<Record<SlotKind, string[]>> = {
  boolean: ['yes', 'no', 'on', 'off', 'y', 'n', 'Yes'],
  integer: ['017', '0b101', '1:30', '1_000', '0x1F', '+12'],
  string: ['yes', 'no', 'on', '12:30:00', '017', '1_000', '2020-01-01', '~'],
};

// ---------------------------------------------------------------------------------------------
// RunInstances

const RUN_INSTANCES = { origin: 'synthetic', stem: 'ri', command: 'run-instances' } as const;
const SUBNET = 'subnet-0123456789abcdef0';
const SUBNET_2 = 'subnet-0fedcba9876543210';
const SG = 'sg-0f1e2d3c4b5a69788';

function runInstancesCases(): { what: string; value: Json }[] {
  const cases: { what: string; value: Json }[] = [];
  const instanceLevel: [string, Record<string, Json>][] = [
    ['none', {}],
    ['SubnetId', { SubnetId: SUBNET_2 }],
    ['SecurityGroupIds', { SecurityGroupIds: [SG] }],
    ['PrivateIpAddress', { PrivateIpAddress: '10.0.1.50' }],
    ['Ipv6AddressCount', { Ipv6AddressCount: 1 }],
    ['Ipv6Addresses', { Ipv6Addresses: [{ Ipv6Address: '2001:db8:1:2::20' }] }],
    ['EnablePrimaryIpv6', { EnablePrimaryIpv6: true }],
    ['SubnetId+SecurityGroupIds+PrivateIpAddress', { SubnetId: SUBNET_2, SecurityGroupIds: [SG], PrivateIpAddress: '10.0.1.50' }],
  ];
  const triggers: [string, Record<string, Json>][] = [
    ['no trigger', {}],
    ['PrivateIpAddresses', { PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.60', Primary: false }] }],
    ['SecondaryPrivateIpAddressCount', { SecondaryPrivateIpAddressCount: 1 }],
    ['AssociatePublicIpAddress true', { AssociatePublicIpAddress: true }],
    ['AssociatePublicIpAddress false', { AssociatePublicIpAddress: false }],
  ];
  const counts: [string, Record<string, Json>][] = [
    ['counts', { MinCount: 1, MaxCount: 1 }],
    ['no counts', {}],
  ];
  for (const [memberName, members] of instanceLevel) {
    for (const [triggerName, trigger] of triggers) {
      for (const [countName, count] of counts) {
        for (const nicSubnet of memberName === 'none' || memberName.startsWith('SubnetId') ? [true, false] : [true]) {
          const nic: Record<string, Json> = { DeviceIndex: 0, ...(nicSubnet ? { SubnetId: SUBNET } : {}), ...trigger };
          cases.push({
            what: `${countName}, instance ${memberName}, nic0 ${triggerName}${nicSubnet ? '' : ' no subnet'}`,
            value: { ImageId: 'ami-0123456789abcdef0', InstanceType: 'c6i.large', ...count, ...members, NetworkInterfaces: [nic] },
          });
        }
      }
    }
  }
  const base = { ImageId: 'ami-0123456789abcdef0', InstanceType: 'c6i.large' };
  cases.push(
    { what: 'no counts, no interfaces', value: base },
    { what: 'MinCount only', value: { ...base, MinCount: 2 } },
    { what: 'MaxCount only', value: { ...base, MaxCount: 2 } },
    { what: 'MaxCount only 0', value: { ...base, MaxCount: 0 } },
    { what: 'MinCount null', value: { ...base, MinCount: null, MaxCount: 1 } },
    { what: 'no counts, subnet only', value: { ...base, SubnetId: SUBNET } },
    { what: 'empty interfaces with subnet', value: { ...base, SubnetId: SUBNET, NetworkInterfaces: [] } },
    { what: 'empty interfaces', value: { ...base, MinCount: 1, MaxCount: 1, NetworkInterfaces: [] } },
    { what: 'interfaces object', value: { ...base, MinCount: 1, MaxCount: 1, NetworkInterfaces: { DeviceIndex: 0, SubnetId: SUBNET } } },
    { what: 'interfaces string', value: { ...base, MinCount: 1, MaxCount: 1, NetworkInterfaces: 'eni-0a1b2c3d4e5f60718' } },
    { what: 'interface null', value: { ...base, MinCount: 1, MaxCount: 1, NetworkInterfaces: [null] } },
    { what: 'interfaces null', value: { ...base, MinCount: 1, MaxCount: 1, NetworkInterfaces: null } },
    {
      what: 'trigger only in nic1, instance subnet',
      value: {
        ...base,
        SubnetId: SUBNET_2,
        NetworkInterfaces: [
          { DeviceIndex: 0, SubnetId: SUBNET },
          { DeviceIndex: 1, SubnetId: SUBNET, AssociatePublicIpAddress: false },
        ],
      },
    },
    {
      what: 'trigger in nic0 with existing interface, instance groups',
      value: {
        ...base,
        SecurityGroupIds: [SG],
        NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718', AssociatePublicIpAddress: true }],
      },
    },
    {
      what: 'trigger and nic0 groups, instance groups',
      value: {
        ...base,
        SecurityGroupIds: ['sg-11223344'],
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, Groups: [SG], SecondaryPrivateIpAddressCount: 1 }],
      },
    },
    {
      what: 'trigger and nic0 private ip, instance private ip',
      value: {
        ...base,
        PrivateIpAddress: '10.0.1.50',
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.60', Primary: true }] }],
      },
    },
  );
  return cases;
}

const TIMESTAMP_TOKENS: Record<Format, string[]> = {
  json: ['"2030-01-01T00:00:00Z"', '"2030-01-01"', '1893456000', '1893456000.5', '"1893456000"', '"tomorrow"', 'true', '"2030-13-01T00:00:00Z"'],
  yaml: [
    '2030-01-01T00:00:00Z',
    '2030-01-01 00:00:00',
    '2030-01-01',
    '"2030-01-01T00:00:00Z"',
    '1893456000',
    'tomorrow',
    '2030-13-01',
    '!!timestamp 2030-01-01',
    '~',
  ],
};

/** RunInstances cases only YAML can write: a trigger key with a null value, anchors and merge keys. */
const RUN_INSTANCES_YAML: [string, string][] = [
  [
    'trigger key with empty value',
    `ImageId: ami-0123456789abcdef0\nSubnetId: ${SUBNET_2}\nNetworkInterfaces:\n  - DeviceIndex: 0\n    AssociatePublicIpAddress:\n`,
  ],
  [
    'merge key into nic1',
    `ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - &nic\n    DeviceIndex: 0\n    SubnetId: ${SUBNET}\n    Groups: [${SG}]\n  - <<: *nic\n    DeviceIndex: 1\n`,
  ],
  [
    'merge key list',
    `ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - &a\n    DeviceIndex: 0\n  - &b\n    SubnetId: ${SUBNET}\n    DeviceIndex: 1\n  - <<: [*a, *b]\n    DeviceIndex: 2\n`,
  ],
  [
    'merge key at top level',
    `ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - &nic\n    DeviceIndex: 0\n    SubnetId: ${SUBNET}\n<<: *nic\n`,
  ],
  [
    'alias to the same list twice',
    `ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nSecurityGroupIds: &groups\n  - ${SG}\nNetworkInterfaces:\n  - DeviceIndex: 0\n    SubnetId: ${SUBNET}\n    Groups: *groups\n`,
  ],
  [
    'alias to tags',
    `ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nTagSpecifications:\n  - ResourceType: instance\n    Tags: &tags\n      - Key: Name\n        Value: web\n  - ResourceType: network-interface\n    Tags: *tags\n`,
  ],
  [
    'merge key overridden',
    `ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - &nic\n    DeviceIndex: 0\n    SubnetId: ${SUBNET}\n  - DeviceIndex: 1\n    <<: *nic\n`,
  ],
  ['merge key not a mapping', `ImageId: &img ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nNetworkInterfaces:\n  - DeviceIndex: 0\n    <<: *img\n`],
];

/** CreateLaunchTemplate interface entries from anchors: used whole, merged with overrides, merged wrongly. */
const LAUNCH_TEMPLATE_YAML: [string, string][] = [
  [
    'merge keys: anchor used whole and merged',
    launchTemplateYaml(['  - <<: *efa', '    NetworkCardIndex: 2', '  - {<<: *efa, NetworkCardIndex: 3}', '  - <<: [*efa]', '    NetworkCardIndex: 4']),
  ],
  ['anchor alias repeats a card', launchTemplateYaml(['  - *efa', '  - *efa'])],
  ['merge key without its own card', launchTemplateYaml(['  - <<: *efa', '    InterfaceType: interface'])],
];

function launchTemplateYaml(entries: string[]): string {
  return [
    'LaunchTemplateName: p5-anchors',
    'LaunchTemplateData:',
    '  InstanceType: p5.48xlarge',
    '  NetworkInterfaces:',
    '  - NetworkCardIndex: 0',
    '    DeviceIndex: 0',
    `    SubnetId: ${SUBNET}`,
    `    Groups: [${SG}]`,
    '  - &efa',
    '    NetworkCardIndex: 1',
    '    DeviceIndex: 0',
    '    InterfaceType: efa-only',
    `    SubnetId: ${SUBNET}`,
    ...entries,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Random mutations

const UNKNOWN_KEYS = ['Foo', 'subnetId', 'Tags', 'DryRun', 'Name', 'Region', 'Profile', 'Comment', '$schema', 'Version', ''];

function mutate(value: Json, random: () => number): { what: string; value: Json } | undefined {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const copy = clone(value);
  const nodes: { path: Path; value: Json }[] = [];
  const walk = (node: Json, at: Path) => {
    nodes.push({ path: at, value: node });
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...at, i]));
    else if (isObject(node)) for (const [key, item] of Object.entries(node)) walk(item, [...at, key]);
  };
  walk(copy, []);
  const members = nodes.filter((n) => n.path.length > 0);
  const objects = nodes.filter((n) => isObject(n.value));
  const parentOf = (at: Path): Json => {
    let node = copy;
    for (const step of at.slice(0, -1)) node = (node as Record<string | number, Json>)[step];
    return node;
  };
  const kinds = ['retype', 'retype', 'drop', 'typo', 'unknown', 'wrap', 'unwrap', 'empty', 'null'] as const;
  for (let attempt = 0; attempt < 10; attempt++) {
    const kind = pick(kinds);
    switch (kind) {
      case 'retype': {
        const scalars = members.filter((n) => n.value === null || typeof n.value !== 'object');
        if (!scalars.length) continue;
        const target = pick(scalars);
        const options: Json[] =
          typeof target.value === 'number'
            ? [String(target.value), target.value + 0.5, target.value === 0 || target.value === 1 ? target.value === 1 : -target.value, [target.value]]
            : typeof target.value === 'boolean'
              ? [String(target.value), target.value ? 1 : 0, 'True', [target.value]]
              : typeof target.value === 'string'
                ? [/^\d+$/.test(target.value) ? Number(target.value) : 7, true, target.value.toUpperCase(), { Value: target.value }]
                : ['x', 0];
        const replacement = pick(options);
        setAt(copy, target.path, replacement);
        return { what: `retype ${target.path.join('.')} to ${JSON.stringify(replacement).slice(0, 30)}`, value: copy };
      }
      case 'drop': {
        const keyed = members.filter((n) => typeof n.path[n.path.length - 1] === 'string');
        if (!keyed.length) continue;
        const target = pick(keyed);
        delete (parentOf(target.path) as Record<string, Json>)[target.path[target.path.length - 1] as string];
        return { what: `drop ${target.path.join('.')}`, value: copy };
      }
      case 'typo': {
        const keyed = members.filter((n) => typeof n.path[n.path.length - 1] === 'string');
        if (!keyed.length) continue;
        const target = pick(keyed);
        const key = target.path[target.path.length - 1] as string;
        const typos = [
          key.toLowerCase(),
          key.slice(0, -1),
          `${key}s`,
          key.replace(/Id$/, 'ID'),
          key.charAt(0).toLowerCase() + key.slice(1),
          ` ${key}`,
          key.replace(/(.)(.)/, '$2$1'),
        ];
        const typo = pick(typos.filter((t) => t !== key));
        if (typo === undefined) continue;
        const parent = parentOf(target.path) as Record<string, Json>;
        const renamed: Record<string, Json> = {};
        for (const [k, v] of Object.entries(parent)) renamed[k === key ? typo : k] = v;
        for (const k of Object.keys(parent)) delete parent[k];
        Object.assign(parent, renamed);
        return { what: `typo ${target.path.join('.')} as ${typo}`, value: copy };
      }
      case 'unknown': {
        if (!objects.length) continue;
        const target = pick(objects);
        const key = pick(UNKNOWN_KEYS);
        if (Object.hasOwn(target.value as object, key)) continue;
        // A top-level DryRun only ever true or false (see JSON_SYNTAX: --dry-run hides what the CLI does with other values).
        (target.value as Record<string, Json>)[key] =
          key === 'DryRun' && target.path.length === 0 ? pick<Json>([true, false]) : pick<Json>(['x', 1, true, null, [], {}]);
        return { what: `unknown key ${[...target.path, key].join('.')}`, value: copy };
      }
      case 'wrap': {
        const target = members.length ? pick(members) : undefined;
        if (!target) continue;
        setAt(copy, target.path, [target.value]);
        return { what: `wrap ${target.path.join('.')} in a list`, value: copy };
      }
      case 'unwrap': {
        const lists = members.filter((n) => Array.isArray(n.value) && n.value.length > 0);
        if (!lists.length) continue;
        const target = pick(lists);
        setAt(copy, target.path, (target.value as Json[])[0]);
        return { what: `unwrap ${target.path.join('.')}`, value: copy };
      }
      case 'empty': {
        const containers = members.filter((n) => n.value !== null && typeof n.value === 'object');
        if (!containers.length) continue;
        const target = pick(containers);
        setAt(copy, target.path, Array.isArray(target.value) ? [] : {});
        return { what: `empty ${target.path.join('.')}`, value: copy };
      }
      case 'null': {
        if (!members.length) continue;
        const target = pick(members);
        setAt(copy, target.path, null);
        return { what: `null ${target.path.join('.')}`, value: copy };
      }
    }
  }
  return undefined;
}
