/**
 * One tree for JSON, JSONC and YAML request documents. Every node knows its exact source range
 * (offset/length into the document text), so diagnostics, hovers and edits work the same on both
 * syntaxes. Built once per parse; an edit inside one scalar may update it in place (reparse.ts).
 */

export type ValueNode = ObjectNode | ArrayNode | StringNode | NumberNode | BooleanNode | NullNode;
export type TreeNode = ValueNode | PropertyNode;

interface NodeBase {
  /** Offset of the first character of the node in the document text. */
  readonly offset: number;
  /** Length in characters (UTF-16 code units, as LSP and TextDocument count them). */
  readonly length: number;
  /** The enclosing property (for a property value) or array/object; undefined for the root. */
  parent?: ObjectNode | ArrayNode | PropertyNode;
  /**
   * Set on a node that a YAML alias (`*efa`) or merge key (`<<: *efa`) brings in: a copy of the
   * anchored node that belongs where it is used. Its `parent` is the using place (paths name the
   * using entry) and its range is the alias there, so what is found in it lands on the user.
   */
  readonly use?: NodeUse;
}

/** Where a node reached through a YAML alias or merge key is written (tree.ts `use`). */
export interface NodeUse {
  /** The node as written: under its anchor (through nested aliases, where its text is), or in a mapping merged in place. */
  readonly written: TreeNode;
  /** The anchor it is written under (`efa` for `&efa`); undefined for a mapping merged in place (`<<: {…}`). */
  readonly anchor?: string;
  /**
   * True for the value an alias stands for as a whole (the node at `*efa`): replacing or removing
   * it edits the alias. False for what is inside it and for merged members: those are written
   * (and edited) under the anchor.
   */
  readonly whole: boolean;
}

export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  readonly properties: PropertyNode[];
}

export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly items: ValueNode[];
}

export interface PropertyNode extends NodeBase {
  readonly kind: 'property';
  /** The key as written (a string node: its range covers the key token, quotes included in JSON). */
  readonly key: StringNode;
  /** Undefined when the source has a key without a value (`"Foo":` or `Foo:` with nothing after). */
  readonly value: ValueNode | undefined;
  /** Offset of the `:` separator, when present (completion uses it to tell key from value position). */
  readonly colonOffset: number | undefined;
}

export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly value: string;
  /** True when the source token was quoted (JSON strings always are; YAML scalars may not be). */
  readonly quoted: boolean;
  /**
   * Set when the AWS CLI's YAML loader reads this scalar as something other than a string: an
   * unquoted `2020-01-01` is a date, `2020-01-01T10:00:00Z` a timestamp, `!!binary …` bytes. The
   * tree keeps the text; the schema check reports it where the model wants another type.
   */
  readonly readAs?: 'date' | 'timestamp' | 'bytes';
}

export interface NumberNode extends NodeBase {
  readonly kind: 'number';
  readonly value: number;
  /** The number exactly as written (keeps integers beyond 2^53 and `1.0` distinguishable). */
  readonly raw: string;
  /**
   * Whether the AWS CLI reads it as an integer (Python's int) rather than a float: JSON `2` but not
   * `2.0` or `2e0`; YAML `0x10`, `0o17` and `1_000` too, but not `1e3` or `.inf`.
   */
  readonly integer: boolean;
}

export interface BooleanNode extends NodeBase {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface NullNode extends NodeBase {
  readonly kind: 'null';
  readonly value: null;
}

export type Syntax = 'json' | 'yaml';

/**
 * The codes of what the parsers find: `syntax-error` for what no reader accepts, the `cli-*` codes
 * for what a lenient parser reads but the AWS CLI's reader refuses (docs/rules.md).
 */
export type SyntaxCode = 'syntax-error' | 'cli-json-syntax' | 'cli-yaml-syntax';

/** A problem the parser found; becomes a diagnostic with its code (default `syntax-error`). */
export interface SyntaxProblem {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  /** 'error' for what makes the file unreadable, 'warning'/'information' for what the parser accepted but flags. */
  readonly severity: 'error' | 'warning' | 'information';
  readonly code?: SyntaxCode;
}

export interface ParsedDocument {
  readonly syntax: Syntax;
  /** Undefined when nothing could be recovered (empty file, or nothing but garbage). */
  readonly root: ValueNode | undefined;
  readonly problems: readonly SyntaxProblem[];
}
