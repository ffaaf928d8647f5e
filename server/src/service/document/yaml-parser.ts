/**
 * YAML → document tree, built from the `yaml` package's document model, with plain scalars typed
 * as the AWS CLI's loader types them (cli-yaml.ts). Duplicate keys stay in the tree; an alias
 * becomes a copy of the anchored node that belongs where the alias is (its range the alias's, its
 * `use` pointing at what is written under the anchor); merge keys (`<<`) are applied the same way;
 * the first document is the request, and any other document makes the CLI refuse the file.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser } from 'yaml';
import type { Alias, CST, Document, Pair, ParsedNode, Scalar, YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import { cliYamlTabProblems, constructTagged, resolvePlainScalar, type CliScalar, type YamlVersion } from './cli-yaml';
import type { ArrayNode, NodeUse, ObjectNode, ParsedDocument, PropertyNode, StringNode, SyntaxProblem, TreeNode, ValueNode } from './tree';

type Draft<T> = { -readonly [K in keyof T]: T[K] };
type YamlPair = Pair<ParsedNode, ParsedNode | null>;
type Span = { readonly offset: number; readonly length: number };

const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: false,
  prettyErrors: false,
  keepSourceTokens: true, // for the offset of each pair's `:`
  // Otherwise `!!binary`, `!!timestamp`... resolve silently; unresolved, they get the custom-tag warning.
  resolveKnownTags: false,
} as const;

/** How many nodes alias uses may add to the tree, counting each use as the size of what it expands to. */
const ALIAS_EXPANSION_BUDGET = 10_000;

/**
 * Deeper documents are refused before composing: the yaml package recurses per level, and a stack
 * overflow while V8 compiles one of its regular expressions aborts the process (seen from ~3000
 * nested `[`), which no try/catch can stop. Real requests nest a handful of levels.
 */
const MAX_NESTING = 128;

/** Tags of the core schema: a failure to apply one of these is about the value, not the tag. */
const CORE_TAG = /^!!(str|int|float|bool|null|map|seq)$/;
/** Tags the CLI's loader constructs into values botocore then judges by type (bytes, datetimes). */
const BINARY_TAG = 'tag:yaml.org,2002:binary';
const READ_AS_TAGS = /^!!(binary|timestamp)$/;

export function parseYaml(source: string): ParsedDocument {
  // A lone CR ends a line in YAML (and for the editor), but the yaml package reads it as a plain
  // character. An LF in its place keeps every offset and reads as the AWS CLI reads the file.
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
  const problems: SyntaxProblem[] = nonPrintableProblems(text);
  const result = parseYamlText(text, problems);
  // A tab the yaml package already refuses (as indentation) is reported once.
  const tabs = cliYamlTabProblems(text).filter(
    (tab) => !problems.some((p) => p.severity === 'error' && p.offset <= tab.offset && tab.offset < p.offset + Math.max(p.length, 1)),
  );
  return tabs.length ? { ...result, problems: [...result.problems, ...tabs] } : result;
}

function parseYamlText(text: string, problems: SyntaxProblem[]): ParsedDocument {
  // What parseAllDocuments does, with a look at the concrete syntax tree before composing it.
  const tokens = Array.from(new Parser().parse(text));
  const tooDeep = firstTooDeep(tokens, MAX_NESTING);
  if (tooDeep !== undefined) {
    const message = `The document is nested more than ${MAX_NESTING} levels deep; it is not read further`;
    problems.push({ offset: tooDeep, length: text.length > tooDeep ? 1 : 0, message, severity: 'error' });
    return { syntax: 'yaml', root: undefined, problems };
  }
  const composer = new Composer(YAML_OPTIONS);
  const docs = Array.from(composer.compose(tokens));
  const reportAll = (errors: readonly YAMLError[], severity: SyntaxProblem['severity']): void => {
    for (const error of errors) {
      const problem = yamlProblem(text, error, severity);
      if (problem) problems.push(problem);
    }
  };
  const [request, ...ignored] = docs;
  if (!request) {
    const { errors, warnings } = composer.streamInfo();
    reportAll(errors, 'error');
    reportAll(warnings, 'warning');
    return { syntax: 'yaml', root: undefined, problems };
  }
  reportAll(request.errors, 'error');
  reportAll(request.warnings, 'warning');
  const version: YamlVersion = request.directives?.yaml.version === '1.1' ? '1.1' : '1.2';
  const root = new TreeBuilder(text, problems, version).document(request);
  for (const doc of ignored) {
    const start = doc.range[0];
    const firstLine = text.slice(start).search(/\r?\n|$/);
    problems.push({
      offset: start,
      length: firstLine,
      message: 'A second YAML document: the AWS CLI reads one document and refuses the file ("Invalid YAML received"). Keep one request per file.',
      severity: 'error',
      code: 'cli-yaml-syntax',
    });
    reportAll(doc.errors, 'error'); // still broken syntax in the file; its warnings would only be noise
  }
  return { syntax: 'yaml', root, problems };
}

class TreeBuilder {
  /** Anchor name → its node once complete; null while the anchored node is still being built. */
  private readonly anchors = new Map<string, ValueNode | null>();
  /** Node count of each built collection with aliases expanded: what reusing it costs. */
  private readonly sizes = new WeakMap<ValueNode, number>();
  private aliasBudget = ALIAS_EXPANSION_BUDGET;
  private aliasesExhausted = false;

  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
    private readonly version: YamlVersion,
  ) {}

  document(doc: Document.Parsed): ValueNode | undefined {
    return doc.contents && !isEmptyScalar(doc.contents) ? this.value(doc.contents) : undefined;
  }

  private value(node: ParsedNode): ValueNode {
    if (isAlias(node)) return this.alias(node);
    if (node.anchor) this.anchors.set(node.anchor, null);
    const built = isScalar(node) ? this.scalar(node) : isMap(node) ? this.object(node) : this.array(node);
    if (node.anchor) this.anchors.set(node.anchor, built);
    return built;
  }

  private alias(alias: Alias.Parsed): ValueNode {
    const [start, end] = alias.range;
    const target = this.anchors.get(alias.source);
    if (!target) {
      this.error(
        start,
        end,
        target === null
          ? `Alias *${alias.source} refers to a node that contains it`
          : `Unknown alias *${alias.source}: no anchor &${alias.source} is defined before it`,
      );
    } else if (!this.aliasesExhausted) {
      // Each use is a copy of the anchored node, at the alias: charge its size.
      const cost = this.sizes.get(target) ?? 1;
      if (cost <= this.aliasBudget) {
        this.aliasBudget -= cost;
        return this.copy(target, { offset: start, length: end - start }, alias.source, true);
      }
      this.aliasesExhausted = true;
      this.error(start, end, 'Too many alias expansions; the document is not expanded further');
    }
    return { kind: 'null', offset: start, length: end - start, value: null };
  }

  private scalar(scalar: Scalar.Parsed): ValueNode {
    const [offset, end] = scalar.range;
    const length = end - offset;
    const raw = this.text.slice(offset, end);
    if (scalar.type === 'PLAIN' && !scalar.tag) {
      // A plain scalar over several lines is folded (and is then always a string).
      const text = raw.includes('\n') ? raw.replace(/[ \t]*\r?\n[ \t\r\n]*/g, ' ') : raw;
      return this.typed(resolvePlainScalar(text, this.version), text, raw, offset, length);
    }
    const text = typeof scalar.source === 'string' ? scalar.source : String(scalar.value);
    if (scalar.tag === BINARY_TAG) return { kind: 'string', offset, length, value: text, quoted: isQuoted(scalar), readAs: 'bytes' };
    const tagged = scalar.tag ? constructTagged(scalar.tag, text, this.version) : undefined;
    if (tagged) return this.typed(tagged, text, raw, offset, length, isQuoted(scalar));
    // Quoted and block scalars, and custom tags (reported as such): strings.
    return { kind: 'string', offset, length, value: String(scalar.value ?? text), quoted: isQuoted(scalar) };
  }

  /** A scalar as the CLI's loader reads it (cli-yaml.ts): `text` its value as a string, `raw` as written. */
  private typed(read: CliScalar, text: string, raw: string, offset: number, length: number, quoted = false): ValueNode {
    switch (read.type) {
      case 'bool':
        return { kind: 'boolean', offset, length, value: read.value };
      case 'int':
      case 'float':
        return { kind: 'number', offset, length, value: read.value, raw, integer: read.type === 'int' };
      case 'null':
        return { kind: 'null', offset, length, value: null };
      case 'date':
      case 'timestamp':
        return { kind: 'string', offset, length, value: text, quoted, readAs: read.type };
      case 'unreadable':
        this.problems.push({
          offset,
          length,
          severity: 'error',
          code: 'cli-yaml-syntax',
          message: `The AWS CLI's YAML reader fails on ${JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text)} and refuses the file: quote it, or correct it.`,
        });
        return { kind: 'string', offset, length, value: text, quoted };
      default:
        return { kind: 'string', offset, length, value: text, quoted };
    }
  }

  private object(map: YAMLMap.Parsed): ObjectNode {
    const object: Draft<ObjectNode> = { kind: 'object', offset: map.range[0], length: sourceEnd(map) - map.range[0], properties: [] };
    const merges: { at: number; sources: ObjectNode[] }[] = [];
    for (const pair of map.items) {
      const key = this.key(pair.key);
      if (!key) continue;
      const value = pair.value && !isEmptyScalar(pair.value) ? this.value(pair.value) : undefined;
      if (isMergeKey(pair.key)) {
        merges.push({ at: object.properties.length, sources: this.mergeSources(value, pair.value ?? pair.key) });
        continue;
      }
      const colonOffset = colonOf(pair);
      const property: Draft<PropertyNode> = {
        kind: 'property',
        offset: key.offset,
        length: pairEnd(pair) - key.offset,
        key,
        value,
        colonOffset,
        parent: object,
      };
      key.parent = property;
      if (value) adopt(value, property);
      object.properties.push(property);
    }
    object.properties = withMerges(object.properties, merges, (property) => {
      // A member merged from an alias is already a copy made for this use; one merged from a
      // mapping written in place (`<<: {…}`) is copied here, keeping its range.
      const member = property.use ? property : this.copy(property, undefined, undefined, false);
      member.parent = object;
      return member;
    });
    this.sizes.set(
      object,
      object.properties.reduce((sum, p) => sum + 1 + (p.value ? this.sizeOf(p.value) : 0), 1),
    );
    return object;
  }

  private array(seq: YAMLSeq.Parsed): ArrayNode {
    const array: Draft<ArrayNode> = { kind: 'array', offset: seq.range[0], length: sourceEnd(seq) - seq.range[0], items: [] };
    for (const item of seq.items) array.items.push(adopt(this.value(item), array));
    this.sizes.set(
      array,
      array.items.reduce((sum, item) => sum + this.sizeOf(item), 1),
    );
    return array;
  }

  private sizeOf(node: ValueNode): number {
    return this.sizes.get(node) ?? 1;
  }

  /**
   * A copy of `node` for one use of it: at `at` (the alias, for the node and everything in it), or
   * where it is written when `at` is undefined (a mapping merged in place). `whole` marks the node
   * an alias stands for; what is inside it, and merged members, are edited where they are written.
   */
  private copy<T extends TreeNode>(node: T, at: Span | undefined, anchor: string | undefined, whole: boolean): Draft<T> {
    // Through nested aliases, `written` stays where the text is, with the anchor it is written under.
    const use: NodeUse = { written: node.use?.written ?? node, anchor: node.use?.anchor ?? anchor, whole };
    const range = { offset: at?.offset ?? node.offset, length: at?.length ?? node.length };
    const part = <U extends TreeNode>(child: U, parent: ObjectNode | ArrayNode | PropertyNode): Draft<U> => {
      const copied = this.copy(child, at, anchor, false);
      copied.parent = parent;
      return copied;
    };
    let copied: Draft<TreeNode>;
    switch (node.kind) {
      case 'object': {
        const object: Draft<ObjectNode> = { kind: 'object', ...range, properties: [], use };
        object.properties = node.properties.map((property) => part(property, object));
        copied = object;
        break;
      }
      case 'array': {
        const array: Draft<ArrayNode> = { kind: 'array', ...range, items: [], use };
        array.items = node.items.map((item) => part(item, array));
        copied = array;
        break;
      }
      case 'property': {
        const property: Draft<PropertyNode> = { ...node, ...range, use, colonOffset: at ? undefined : node.colonOffset, parent: undefined };
        property.key = part(node.key, property);
        property.value = node.value && part(node.value, property);
        copied = property;
        break;
      }
      default:
        copied = { ...node, ...range, use, parent: undefined };
    }
    if (node.kind === 'object' || node.kind === 'array') this.sizes.set(copied as ValueNode, this.sizeOf(node));
    return copied as Draft<T>;
  }

  /** Keys become strings as written (`1.0:` is the key "1.0"); collections and aliases as keys are not supported. */
  private key(node: ParsedNode): Draft<StringNode> | undefined {
    const [offset, end] = node.range;
    if (!isScalar(node)) {
      this.error(offset, end, isAlias(node) ? 'Aliases cannot be used as keys' : 'Only strings can be used as keys');
      return undefined;
    }
    const value = typeof node.value === 'string' ? node.value : this.text.slice(offset, end);
    const key: Draft<StringNode> = { kind: 'string', offset, length: end - offset, value, quoted: isQuoted(node) };
    if (node.anchor) this.anchors.set(node.anchor, key);
    return key;
  }

  /** `<<: *base` or `<<: [*a, *b]`: the mappings whose properties the enclosing mapping inherits. */
  private mergeSources(value: ValueNode | undefined, source: ParsedNode): ObjectNode[] {
    const candidates = value?.kind === 'array' ? value.items : value ? [value] : [];
    const sources = candidates.filter((c): c is ObjectNode => c.kind === 'object');
    if (sources.length === 0 || sources.length < candidates.length) {
      this.error(source.range[0], source.range[1], 'The merge key << needs a mapping or a list of mappings, such as *anchor or [*a, *b]');
    }
    return sources;
  }

  private error(start: number, end: number, message: string): void {
    this.problems.push({ offset: start, length: end - start, message, severity: 'error' });
  }
}

/**
 * Inserts merged properties where their `<<` key was. Keys written in the mapping itself win over
 * merged ones, and earlier merge sources win over later ones (the YAML merge-key rules). Each
 * merged property is what `adopt` makes of it: a copy that belongs to the merging mapping.
 */
function withMerges(
  own: PropertyNode[],
  merges: readonly { at: number; sources: readonly ObjectNode[] }[],
  adopt: (merged: PropertyNode) => PropertyNode,
): PropertyNode[] {
  if (merges.length === 0) return own;
  const present = new Set(own.map((p) => p.key.value));
  const result: PropertyNode[] = [];
  let next = 0;
  for (const { at, sources } of merges) {
    result.push(...own.slice(next, at));
    next = at;
    for (const source of sources) {
      // The last of duplicate keys in the source is the one that counts.
      const lastByKey = new Map(source.properties.map((p) => [p.key.value, p]));
      for (const [key, property] of lastByKey) {
        if (present.has(key)) continue;
        present.add(key);
        result.push(adopt(property));
      }
    }
  }
  result.push(...own.slice(next));
  return result;
}

/** Sets the parent of a freshly built node (an alias's copy included: each use has its own). */
function adopt<T extends ValueNode>(node: T, parent: ObjectNode | ArrayNode | PropertyNode): T {
  node.parent = parent;
  return node;
}

/** `Key:` with nothing after it (no value, tag or anchor): the property gets no value node. */
function isEmptyScalar(node: ParsedNode): boolean {
  return isScalar(node) && node.value === null && node.range[0] === node.range[1] && !node.tag && !node.anchor;
}

function isQuoted(scalar: Scalar): boolean {
  return scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
}

function isMergeKey(key: ParsedNode): boolean {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN' && !key.tag;
}

function colonOf(pair: YamlPair): number | undefined {
  return pair.srcToken?.sep?.find((token) => token.type === 'map-value-ind')?.offset;
}

/** Where a pair ends in the source: its value, else its `:`, else its key. */
function pairEnd(pair: YamlPair): number {
  if (pair.value && !isEmptyScalar(pair.value)) return sourceEnd(pair.value);
  const colon = colonOf(pair);
  return colon !== undefined ? colon + 1 : sourceEnd(pair.key);
}

/**
 * Where a node ends in the source. The library's range of a block collection runs on over the line
 * break and comments after it; the tree's ends with its last entry.
 */
function sourceEnd(node: ParsedNode): number {
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const last = node.items[node.items.length - 1];
    if (isPair(last)) return pairEnd(last as YamlPair);
    if (last) return sourceEnd(last as ParsedNode);
  }
  return node.range[1];
}

/** Where the first collection nested deeper than `limit` starts in the CST, found without recursion. */
function firstTooDeep(tokens: readonly CST.Token[], limit: number): number | undefined {
  let first: number | undefined;
  const pending: [CST.Token | null | undefined, number][] = tokens.map((token) => [token, 0]);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [token, depth] = next;
    if (token?.type === 'document') {
      pending.push([token.value, depth]);
    } else if (token && 'items' in token) {
      if (depth + 1 > limit) first = Math.min(first ?? token.offset, token.offset);
      else for (const item of token.items) pending.push([item.key, depth + 1], [item.value, depth + 1]);
    }
  }
  return first;
}

/**
 * Characters YAML does not allow in a stream (outside its printable set: C0 and C1 controls other
 * than tab and line breaks, U+FFFE, U+FFFF, lone surrogates). The yaml package takes them as
 * plain text; the AWS CLI's YAML reader refuses the whole file.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A binary file has them everywhere: past this many runs, one more problem says so. */
const MAX_NON_PRINTABLE_RUNS = 20;

function nonPrintableProblems(text: string): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  let run: { offset: number; length: number; message: string; severity: 'error' } | undefined;
  for (const match of text.matchAll(NON_PRINTABLE)) {
    const offset = match.index!;
    if (run && run.offset + run.length === offset) {
      run.length++;
      continue;
    }
    if (problems.length === MAX_NON_PRINTABLE_RUNS) {
      problems.push({ offset, length: 1, message: 'More characters that YAML does not allow follow; this looks like a binary file', severity: 'error' });
      break;
    }
    const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    run = { offset, length: 1, message: `Character U+${code} is not allowed in YAML; the AWS CLI cannot read this file`, severity: 'error' };
    problems.push(run);
  }
  return problems;
}

/** The first line of a library message, at most this long: some quote a whole token. */
const MAX_LIBRARY_MESSAGE = 200;

function yamlProblem(text: string, error: YAMLError, severity: SyntaxProblem['severity']): SyntaxProblem | undefined {
  const offset = Math.min(error.pos[0], text.length);
  const end = Math.min(Math.max(error.pos[1], offset), text.length);
  let message: string;
  if (error.code === 'TAG_RESOLVE_FAILED') {
    const tag = text.slice(offset, end);
    // Core tags are applied as the CLI's loader applies them (cli-yaml.ts constructTagged), which
    // reports what it cannot read; !!binary and !!timestamp values are judged by type where used.
    if (CORE_TAG.test(tag) || READ_AS_TAGS.test(tag)) return undefined;
    const refusal = `The AWS CLI's YAML reader cannot read the tag ${tag} and refuses the file: remove the tag.`;
    return { offset, length: end - offset, message: refusal, severity: 'error', code: 'cli-yaml-syntax' };
  } else {
    // Only the first line: prettified messages append the position and a code frame.
    message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    if (message.length > MAX_LIBRARY_MESSAGE) {
      const end = /[\uD800-\uDBFF]/.test(message[MAX_LIBRARY_MESSAGE - 1]) ? MAX_LIBRARY_MESSAGE - 1 : MAX_LIBRARY_MESSAGE;
      message = `${message.slice(0, end)}…`;
    }
  }
  return { offset, length: end - offset, message, severity };
}
