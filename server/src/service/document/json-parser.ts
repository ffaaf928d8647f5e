/**
 * JSON/JSONC → document tree, built from jsonc-parser's visitor events so that every node keeps its
 * exact range, duplicate keys all stay in the tree, and a document with syntax errors still yields
 * everything jsonc-parser recovered.
 */
import { ParseErrorCode, visit } from 'jsonc-parser';
import type { ArrayNode, ObjectNode, ParsedDocument, PropertyNode, SyntaxProblem, ValueNode } from './tree';

/** The tree types are readonly for consumers; the builder fills them in as events arrive. */
type Draft<T> = { -readonly [K in keyof T]: T[K] };
type OpenNode = Draft<ObjectNode> | Draft<ArrayNode> | Draft<PropertyNode>;

/**
 * Deeper documents are refused before parsing, as in YAML (yaml-parser.ts): jsonc-parser recurses
 * per level and overflows the stack a few thousand levels down, and every walker of the tree
 * after it would too. Real requests nest a handful of levels.
 */
const MAX_JSON_NESTING = 128;

export function parseJson(text: string): ParsedDocument {
  const tooDeep = firstTooDeep(text, MAX_JSON_NESTING);
  if (tooDeep !== undefined) {
    const message = `The document is nested more than ${MAX_JSON_NESTING} levels deep; it is not read further`;
    return { syntax: 'json', root: undefined, problems: [{ offset: tooDeep, length: 1, message, severity: 'error' }] };
  }
  const problems: Draft<SyntaxProblem>[] = [];
  /** Objects and arrays not closed yet, and the property whose value is being read. */
  const open: OpenNode[] = [];
  let root: ValueNode | undefined;
  /** First character and offset of the last token consumed (error messages depend on it). */
  let previousToken = '';
  let previousOffset = 0;
  /** Set after an error until a token is consumed: jsonc-parser's follow-up errors repeat the first. */
  let recovering = false;
  /** The problem for an unexpected symbol: `'a b'` is scanned as several, reported as one. */
  let invalidSymbol: Draft<SyntaxProblem> | undefined;

  const top = (): OpenNode | undefined => open[open.length - 1];

  function consumed(offset: number, length: number): void {
    if (length === 0) return; // `}` or `]` synthesized at the end of the file
    previousToken = text[offset];
    previousOffset = offset;
    recovering = false;
    invalidSymbol = undefined;
  }

  function place(node: ValueNode): void {
    const parent = top();
    if (!parent) {
      root = node;
    } else if (parent.kind === 'array') {
      parent.items.push(node);
      node.parent = parent;
    } else if (parent.kind === 'property') {
      parent.value = node;
      node.parent = parent;
    }
  }

  /** A value is complete: the property it belongs to ends with it. */
  function completed(node: ValueNode): void {
    const parent = top();
    if (parent?.kind === 'property') {
      parent.length = node.offset + node.length - parent.offset;
      open.pop();
    }
  }

  /** Closes a property that got no value (`"a": ,` or `"a" }`); its range ends at the colon or key. */
  function closeValuelessProperty(): void {
    if (top()?.kind === 'property') open.pop();
  }

  function openContainer(node: Draft<ObjectNode> | Draft<ArrayNode>, length: number): void {
    consumed(node.offset, length);
    place(node);
    open.push(node);
  }

  function closeContainer(offset: number, length: number): void {
    consumed(offset, length);
    closeValuelessProperty();
    const node = open.pop();
    if (node && node.kind !== 'property') {
      node.length = offset + length - node.offset;
      completed(node);
    }
  }

  function report(code: ParseErrorCode, offset: number, length: number): void {
    if (recovering) {
      if (code === ParseErrorCode.InvalidSymbol && invalidSymbol) invalidSymbol.length = offset + length - invalidSymbol.offset;
      return;
    }
    recovering = true;
    const atClosing = text[offset] === '}' || text[offset] === ']';
    if (previousToken === ',' && atClosing && (code === ParseErrorCode.PropertyNameExpected || code === ParseErrorCode.ValueExpected)) {
      problems.push({ offset: previousOffset, length: 1, message: 'Trailing commas are not allowed', severity: 'error' });
      return;
    }
    if (code === ParseErrorCode.InvalidSymbol) {
      invalidSymbol = { offset, length, message: invalidSymbolMessage(text.slice(offset, offset + length)), severity: 'error' };
      problems.push(invalidSymbol);
    } else {
      problems.push({ offset, length, message: errorMessage(code, offset >= text.length), severity: 'error' });
    }
  }

  /** Where an unexpected token stands decides the most helpful message for it. */
  function invalidSymbolMessage(token: string): string {
    const parent = top();
    if (parent?.kind === 'object' && (previousToken === '{' || previousToken === ',')) return 'Property keys must be double-quoted';
    if (token.startsWith("'")) return 'Strings must be double-quoted';
    if (!parent && root) return 'Unexpected content after the end of the document';
    const shown = token.length > 20 ? `${token.slice(0, 20)}…` : token;
    return parent?.kind === 'object' ? `Unexpected '${shown}'` : `Invalid value '${shown}'`;
  }

  visit(
    text,
    {
      onObjectBegin: (offset, length) => openContainer({ kind: 'object', offset, length: 0, properties: [] }, length),
      onArrayBegin: (offset, length) => openContainer({ kind: 'array', offset, length: 0, items: [] }, length),
      onObjectEnd: closeContainer,
      onArrayEnd: closeContainer,
      onObjectProperty: (name, offset, length) => {
        consumed(offset, length);
        closeValuelessProperty();
        const object = top();
        if (object?.kind !== 'object') return; // jsonc-parser only reports keys inside objects
        const key: Draft<PropertyNode['key']> = { kind: 'string', offset, length, value: name, quoted: true };
        const property: Draft<PropertyNode> = { kind: 'property', offset, length, key, value: undefined, colonOffset: undefined, parent: object };
        key.parent = property;
        object.properties.push(property);
        open.push(property);
      },
      onSeparator: (separator, offset, length) => {
        consumed(offset, length);
        const property = top();
        if (property?.kind !== 'property') return;
        if (separator === ':') {
          property.colonOffset = offset;
          property.length = offset + length - property.offset;
        } else {
          closeValuelessProperty();
        }
      },
      onLiteralValue: (value: unknown, offset, length) => {
        consumed(offset, length);
        const node = literal(value, text.slice(offset, offset + length), offset, length);
        place(node);
        completed(node);
      },
      onError: report,
    },
    // An empty document is not a syntax error here: it yields no root, in JSON as in YAML.
    { allowTrailingComma: false, disallowComments: false, allowEmptyContent: true },
  );

  return { syntax: 'json', root, problems };
}

/**
 * The offset of the first `{` or `[` nested deeper than `limit`. A plain loop over the characters
 * that skips strings and comments as jsonc-parser's scanner delimits them (a string ends at its
 * closing quote or at a line break): a fraction of the cost of a scanner pass, which builds every
 * token's value.
 */
function firstTooDeep(text: string, limit: number): number | undefined {
  let depth = 0;
  const end = text.length;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // "…": a backslash escapes the next character; an unterminated string ends at the line break.
      for (i++; i < end; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a || d === 0x0d) break;
      }
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0) break;
      i = lineEnd;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const commentEnd = text.indexOf('*/', i + 2);
      if (commentEnd < 0) break;
      i = commentEnd + 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if ((c === 0x7d || c === 0x5d) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

function literal(value: unknown, raw: string, offset: number, length: number): ValueNode {
  switch (typeof value) {
    case 'string':
      return { kind: 'string', offset, length, value, quoted: true };
    case 'number':
      return { kind: 'number', offset, length, value, raw, integer: isJsonInteger(raw) };
    case 'boolean':
      return { kind: 'boolean', offset, length, value };
    default:
      return { kind: 'null', offset, length, value: null };
  }
}

/** Python's json (the AWS CLI's reader) makes an int of a number without fraction or exponent, a float of any other. */
export function isJsonInteger(raw: string): boolean {
  return !/[.eE]/.test(raw);
}

function errorMessage(code: ParseErrorCode, atEndOfFile: boolean): string {
  const expected = (what: string): string => (atEndOfFile ? `Unexpected end of file, expected ${what}` : `Expected ${what}`);
  switch (code) {
    case ParseErrorCode.PropertyNameExpected:
      return expected('a double-quoted property key');
    case ParseErrorCode.ValueExpected:
      return expected('a value');
    case ParseErrorCode.ColonExpected:
      return expected("':' after the property key");
    case ParseErrorCode.CommaExpected:
      return expected('a comma');
    case ParseErrorCode.CloseBraceExpected:
      return expected("'}'");
    case ParseErrorCode.CloseBracketExpected:
      return expected("']'");
    case ParseErrorCode.EndOfFileExpected:
      return 'Unexpected content after the end of the document';
    case ParseErrorCode.InvalidNumberFormat:
      return 'Invalid number';
    case ParseErrorCode.UnexpectedEndOfNumber:
      return 'Incomplete number: expected a digit';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'Unterminated string: expected a closing double quote';
    case ParseErrorCode.UnexpectedEndOfComment:
      return "Unterminated comment: expected '*/'";
    case ParseErrorCode.InvalidUnicode:
      return 'Invalid Unicode escape: expected \\u and four hexadecimal digits';
    case ParseErrorCode.InvalidEscapeCharacter:
      return 'Invalid escape sequence in string';
    case ParseErrorCode.InvalidCharacter:
      return 'Control characters such as tabs and line breaks must be escaped in strings';
    default:
      return 'Syntax error';
  }
}
