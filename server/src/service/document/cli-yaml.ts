/**
 * How the AWS CLI reads YAML. `--cli-input-yaml` (AWS CLI v2, awscli/customizations/cliinput.py)
 * loads the file with ruamel.yaml's safe loader, which differs from the `yaml` package the tree is
 * built with: it types plain scalars by its own resolver (`1_000` is an int, `2020-01-01` a date,
 * `yes` a bool under `%YAML 1.1`), and its scanner refuses a tab anywhere outside quoted scalars,
 * block scalars and comments. The expressions below are ruamel.yaml 0.17's resolver.py (the version
 * Debian's awscli 2.9 ships); the differential test against the real CLI (test/cli-oracle) holds
 * them to it.
 */
import { CST, Lexer } from 'yaml';
import type { SyntaxProblem } from './tree';

export type YamlVersion = '1.1' | '1.2';

/** What the CLI's loader makes of a plain (unquoted, untagged) scalar. */
export type CliScalar =
  | { readonly type: 'str' }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'null' }
  | { readonly type: 'date' | 'timestamp' }
  /** A scalar the loader fails on (`=`, `0b_`): the CLI refuses the file. */
  | { readonly type: 'unreadable' };

interface Resolver {
  readonly type: 'bool' | 'float' | 'int' | 'null' | 'timestamp' | 'merge' | 'value';
  readonly first: string;
  readonly pattern: RegExp;
}

const DIGITS = '0123456789';
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;

/** In ruamel's order: for a scalar's first character, the first matching expression decides. */
const RESOLVERS: Record<YamlVersion, readonly Resolver[]> = {
  '1.2': [
    { type: 'bool', first: 'tTfF', pattern: /^(?:true|True|TRUE|false|False|FALSE)$/ },
    {
      type: 'float',
      first: '-+0123456789.',
      pattern:
        /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
    },
    { type: 'int', first: '-+0123456789', pattern: /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/ },
    { type: 'null', first: '~nN', pattern: NULL },
    { type: 'timestamp', first: DIGITS, pattern: TIMESTAMP },
    { type: 'merge', first: '<', pattern: /^<<$/ },
    { type: 'value', first: '=', pattern: /^=$/ },
  ],
  '1.1': [
    { type: 'bool', first: 'yYnNtTfFoO', pattern: /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/ },
    {
      type: 'float',
      first: '-+0123456789.',
      pattern:
        /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
    },
    {
      type: 'int',
      first: '-+0123456789',
      pattern: /^(?:[-+]?0b[0-1_]+|[-+]?0?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
    },
    { type: 'null', first: '~nN', pattern: NULL },
    { type: 'timestamp', first: DIGITS, pattern: TIMESTAMP },
    { type: 'merge', first: '<', pattern: /^<<$/ },
    { type: 'value', first: '=', pattern: /^=$/ },
  ],
};

export function resolvePlainScalar(text: string, version: YamlVersion): CliScalar {
  if (text === '') return { type: 'null' };
  const first = text[0];
  const resolver = RESOLVERS[version].find((r) => r.first.includes(first) && r.pattern.test(text));
  switch (resolver?.type) {
    case undefined:
      return { type: 'str' };
    case 'bool':
      return { type: 'bool', value: /^(?:y|yes|true|on)$/i.test(text) };
    case 'null':
      return { type: 'null' };
    case 'int':
      return constructInt(text, version);
    case 'float':
      return constructFloat(text, version);
    case 'timestamp':
      if (text.length === 10) return validDate(text) ? { type: 'date' } : { type: 'unreadable' };
      return validDate(text.slice(0, 10)) && validTime(text.slice(10)) ? { type: 'timestamp' } : { type: 'unreadable' };
    case 'merge': // `<<` as a value: the safe loader has no constructor for it
    case 'value':
      return { type: 'unreadable' };
  }
}

/**
 * What the CLI's loader makes of a scalar with a core tag (`!!bool yes`, `!!int "3"`, `!!float 1`):
 * ruamel's constructors applied to the scalar's text, which accept more than the tag's resolver
 * (`!!bool` takes yes/no/on/off in any YAML version). Undefined for other tags.
 */
export function constructTagged(tag: string, text: string, version: YamlVersion): CliScalar | undefined {
  switch (tag) {
    case 'tag:yaml.org,2002:str':
      return { type: 'str' };
    case 'tag:yaml.org,2002:null':
      return { type: 'null' };
    case 'tag:yaml.org,2002:bool': {
      const value = BOOL_VALUES[text.toLowerCase()];
      return value === undefined ? { type: 'unreadable' } : { type: 'bool', value };
    }
    case 'tag:yaml.org,2002:int':
      return text === '' ? { type: 'unreadable' } : constructInt(text, version);
    case 'tag:yaml.org,2002:float':
      return text === '' || (Number.isNaN(Number(text.replace(/_/g, ''))) && !/^[-+]?\.(inf|nan)$/i.test(text))
        ? { type: 'unreadable' }
        : constructFloat(text, version);
    case 'tag:yaml.org,2002:timestamp':
      return TIMESTAMP.test(text) ? resolvePlainScalar(text, version) : { type: 'unreadable' };
    default:
      return undefined;
  }
}

/** ruamel's SafeConstructor.bool_values. */
const BOOL_VALUES: Record<string, boolean> = { yes: true, no: false, true: true, false: false, on: true, off: false };

/** Whether the CLI's loader reads this plain scalar as a string whichever YAML version a document declares. */
export function readsAsString(text: string): boolean {
  return resolvePlainScalar(text, '1.2').type === 'str' && resolvePlainScalar(text, '1.1').type === 'str';
}

/** ruamel's construct_yaml_int: underscores dropped, 0b/0x/0o prefixes, and in YAML 1.1 a leading 0 (octal) or `:` (base 60). */
function constructInt(text: string, version: YamlVersion): CliScalar {
  let digits = text.replace(/_/g, '');
  const sign = digits[0] === '-' ? -1 : 1;
  if (digits[0] === '-' || digits[0] === '+') digits = digits.slice(1);
  let value: number;
  if (digits === '0') value = 0;
  else if (digits.startsWith('0b')) value = parseDigits(digits.slice(2), 2);
  else if (digits.startsWith('0x')) value = parseDigits(digits.slice(2), 16);
  else if (digits.startsWith('0o')) value = parseDigits(digits.slice(2), 8);
  else if (version === '1.1' && digits[0] === '0') value = parseDigits(digits, 8);
  else if (version === '1.1' && digits.includes(':')) value = digits.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
  else value = parseDigits(digits, 10);
  return Number.isNaN(value) ? { type: 'unreadable' } : { type: 'int', value: sign * value };
}

function parseDigits(digits: string, radix: number): number {
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix as 2 | 8 | 10 | 16];
  if (!valid.test(digits)) return NaN;
  return radix === 10 ? Number(digits) : parseInt(digits, radix);
}

function constructFloat(text: string, version: YamlVersion): CliScalar {
  let digits = text.replace(/_/g, '').toLowerCase();
  const sign = digits[0] === '-' ? -1 : 1;
  if (digits[0] === '-' || digits[0] === '+') digits = digits.slice(1);
  if (digits === '.inf') return { type: 'float', value: sign * Infinity };
  if (digits === '.nan') return { type: 'float', value: NaN };
  if (version === '1.1' && digits.includes(':')) return { type: 'float', value: sign * digits.split(':').reduce((sum, part) => sum * 60 + Number(part), 0) };
  return { type: 'float', value: sign * Number(digits) };
}

/** The time after a timestamp's date (`T21:59:43.10-05:00`): Python's datetime fails on an hour, minute or second out of range. */
function validTime(text: string): boolean {
  const [hour, minute, second] = (/(\d\d?):(\d\d):(\d\d)/.exec(text) ?? []).slice(1).map(Number);
  return hour < 24 && minute < 60 && second < 60;
}

/** Python's datetime.date fails on a month or day out of range; the CLI then refuses the file. */
function validDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Tabs where the CLI's YAML scanner refuses them: anywhere but inside quoted scalars, block
 * scalars and comments (between tokens, in indentation, after `key:`, inside or after a plain
 * scalar). One problem per line: a file indented with tabs needs one look per line, not one per tab.
 */
export function cliYamlTabProblems(text: string): SyntaxProblem[] {
  if (!text.includes('\t')) return [];
  const problems: SyntaxProblem[] = [];
  let offset = 0;
  /** After a `|` or `>` header, the next scalar is the block's content, where tabs are text. */
  let blockHeader = false;
  let scalarNext = false;
  let lastLineStart = -2; // lastIndexOf gives -1 on the first line
  for (const token of new Lexer().lex(text)) {
    if (token === CST.SCALAR) {
      scalarNext = true;
      continue;
    }
    if (token === CST.DOCUMENT || token === CST.FLOW_END) continue;
    const type = CST.tokenType(token);
    const blockContent = scalarNext && blockHeader;
    if (scalarNext) blockHeader = false;
    scalarNext = false;
    if (type === 'block-scalar-header') blockHeader = true;
    const exempt = blockContent || type === 'comment' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar';
    for (let tab = exempt ? -1 : token.indexOf('\t'); tab >= 0; tab = token.indexOf('\t', tab + 1)) {
      const at = offset + tab;
      const lineStart = text.lastIndexOf('\n', at);
      if (lineStart === lastLineStart) continue;
      lastLineStart = lineStart;
      problems.push({
        offset: at,
        length: 1,
        severity: 'error',
        code: 'cli-yaml-syntax',
        message: 'A tab here makes the AWS CLI refuse the file (its YAML reader takes tabs only inside quotes, block scalars and comments): use spaces.',
      });
    }
    offset += token.length;
  }
  return problems;
}
