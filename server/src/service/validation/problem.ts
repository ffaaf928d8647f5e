/**
 * What validators and rules report. A Problem points at tree nodes; the service turns it into an
 * LSP Diagnostic (ranges from offsets, `data` for the quick fix).
 */
import type { ObjectNode, TreeNode } from '../document/tree';
import type { Consumer } from '../../model/aws-cli';
import type { OperationSchema } from '../../model/schema-types';

/** Every diagnostic code the product emits (RULES.md, plus the parser's and the detector's). */
export type RuleCode =
  | 'syntax-error'
  | 'cli-json-syntax'
  | 'cli-yaml-syntax'
  | 'cli-yaml-type'
  | 'integer-range'
  | 'boolean-as-number'
  | 'cli-default-count'
  | 'cli-moves-member'
  | 'cli-overwrites-member'
  | 'cli-refuses'
  | 'no-operation'
  | 'unknown-parameter'
  | 'missing-required'
  | 'wrong-type'
  | 'invalid-enum'
  | 'out-of-range'
  | 'malformed-id'
  | 'malformed-address'
  | 'duplicate-value'
  | 'tag-limits'
  | 'tag-resource-type'
  | 'client-token'
  | 'duplicate-key'
  | 'ipv4-assignment-conflict'
  | 'ipv4-prefix-conflict'
  | 'ipv6-assignment-conflict'
  | 'primary-ip-conflict'
  | 'efa-only-addresses'
  | 'interface-type'
  | 'security-group-ids'
  | 'connection-tracking-range'
  | 'count-range'
  | 'assign-needs-one-mode'
  | 'reassignment-without-addresses'
  | 'unassign-needs-target'
  | 'no-dry-run'
  | 'attach-device-index-zero'
  | 'attachment-id-kind'
  | 'force-detach'
  | 'one-attribute'
  | 'attribute-value-shape'
  | 'groups-not-empty'
  | 'attachment-change'
  | 'describe-attribute-enum'
  | 'unknown-filter'
  | 'filter-value'
  | 'empty-filter-values'
  | 'max-results-conflict'
  | 'nic-device-index'
  | 'nic-instance-level-conflict'
  | 'nic-public-ip'
  | 'nic-existing-vs-new'
  | 'nic-multi-instance'
  | 'nic-primary'
  | 'efa-only-primary'
  | 'efa-per-card'
  | 'spot-restrictions'
  | 'nic-existing-multi-instance'
  | 'ena-srd-udp'
  | 'ena-on-efa-only'
  | 'modify-instance-attribute'
  | 'associate-target'
  | 'filter-id-kind'
  | 'min-max-count'
  | 'placeholder-value'
  | 'internal-error';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A path from the request root: property keys and array indexes. */
export type MemberPath = (string | number)[];

/** `NetworkInterfaces[1].SubnetId`: a path as the user reads it in messages. */
export function displayPath(path: readonly (string | number)[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/** How much of a value written in the file a message quotes. */
const QUOTED_LENGTH = 100;

/**
 * Text from the file as a message shows it: whole when short, else its start and its length, so a
 * 5 MB string does not become a 5 MB message. Never cuts a surrogate pair in two.
 */
export function clip(text: string, max = QUOTED_LENGTH): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/**
 * What a quick fix needs, carried in `diagnostic.data`. Paths are resolved again against the
 * current tree when the fix is applied, so a stale diagnostic cannot edit the wrong place.
 */
export type FixData =
  /** Rename the key at `path` (its last step) to `newKey` (did you mean). */
  | { fix: 'rename-key'; path: MemberPath; newKey: string }
  /** Replace the value at `path` with `value` (a plain JSON value, written in the document's syntax). */
  | { fix: 'replace-value'; path: MemberPath; value: unknown; title?: string }
  /** Replace the value at `path` with `{ "<key>": <current value> }`. */
  | { fix: 'wrap-value'; path: MemberPath; key: string }
  /** Insert `key: value` into the object at `objectPath`. */
  | { fix: 'insert-member'; objectPath: MemberPath; key: string; value: unknown }
  /** Remove the member at `path` (a property or an array item). */
  | { fix: 'remove-member'; path: MemberPath; title?: string }
  /** Move the members at `paths` into the object at `targetPath`, renaming keys per `renames` (old → new). */
  | { fix: 'move-members'; paths: MemberPath[]; targetPath: MemberPath; renames?: Record<string, string>; title: string }
  /** No edit can be guessed: the action explains what to do instead. */
  | { fix: 'explain'; message: string }
  /** Name the operation of a file that looks like a request: modeline or file name. */
  | { fix: 'choose-operation'; operations: string[] };

export interface RelatedNode {
  node: TreeNode;
  message: string;
}

export interface Problem {
  code: RuleCode;
  severity: Severity;
  /** The node whose range the diagnostic covers (for a property: usually its key). */
  node: TreeNode;
  /** A narrower range than the node's, when the node is too wide (e.g. just an object's `{`). */
  span?: { offset: number; length: number };
  message: string;
  related?: RelatedNode[];
  fixes?: FixData[];
}

export interface RuleContext {
  readonly operation: OperationSchema;
  /** Who reads the file: the AWS CLI repairs some requests before sending them (model/aws-cli.ts). */
  readonly consumer: Consumer;
  /** The request object (the document root, when it is an object). */
  readonly root: ObjectNode;
  report(problem: Problem): void;
}

/** A group of cross-field rules; `operations` limits it to those operations (all when absent). */
export interface RuleGroup {
  readonly name: string;
  readonly operations?: readonly string[];
  check(context: RuleContext): void;
}

/**
 * Where to report what an object lacks: the key that holds it, else (the request root, a list
 * item) a JSON object's `{` or a YAML mapping's first key.
 */
export function objectAnchor(object: ObjectNode): Pick<Problem, 'node' | 'span'> {
  const parent = object.parent;
  if (parent?.kind === 'property') return { node: parent.key };
  const first = object.properties[0];
  if (!first || first.offset > object.offset) return { node: object, span: { offset: object.offset, length: 1 } };
  return { node: first.key };
}
