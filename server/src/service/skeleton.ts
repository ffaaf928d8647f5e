/**
 * AWS CLI skeletons: `aws ec2 <command> --generate-cli-skeleton input|yaml-input` writes every
 * member of the operation, each holding a placeholder; people fill in a few and send the rest as
 * written (an ENA Express switch left `true`, a random interface type). This finds the members
 * that still hold a placeholder and the edits that remove them.
 *
 * The placeholders are botocore's ArgumentGenerator's, in AWS CLI v1 and v2 alike: `""` for strings,
 * `0` for numbers, `true` for booleans, `1970-01-01T00:00:00` for timestamps, an enum value, a
 * one-element list, every member of a structure. The enum value is the first one in v2, which
 * lists them all in a YAML comment ("Valid values are: efa, branch, trunk."), and one at random in
 * v1. `true`, `0` and enum values can be real choices too: inside a skeleton they are taken as
 * unfilled, since the generator wrote them everywhere.
 */
import type { OffsetEdit } from './code-actions/edits';
import { SourceText } from './code-actions/edits';
import { JsonEditor } from './code-actions/json-edits';
import { YamlEditor } from './code-actions/yaml-edits';
import { isOwnMember, pathOf } from './document/navigate';
import type { ArrayNode, ObjectNode, ParsedDocument, PropertyNode, StringNode, ValueNode } from './document/tree';
import { schemaAtPath } from '../model/registry';
import type { MemberSchema, OperationSchema } from '../model/schema-types';

export interface SkeletonTrim {
  /** Edits in offsets of the text given; they do not overlap. */
  readonly edits: OffsetEdit[];
  /** Member paths from the root of what the edits remove, in document order. */
  readonly removed: (string | number)[][];
}

/**
 * A file is taken for a skeleton when it still holds at least half of the operation's members (the
 * generator writes them all; a hand-written request names a few) and its unfilled top-level members
 * hold at least this many values. A request with `"Description": ""` or `DryRun: true` is not one.
 */
const MIN_UNFILLED_MEMBERS = 3;

/** The generator's timestamp, as v1 and v2 JSON (`T`) and v2 YAML (a space) write it. */
const EPOCH = /^1970-01-01[T ]00:00:00$/;
/** The v2 YAML comment after an enum member: its first value is the generator's. */
const VALID_VALUES = /#.*\bValid values are: ([^,\s]+?)\.?(?:,|\s*$)/;

/** The edits that remove every unfilled member, or undefined when the file does not look like a skeleton (or nothing can be removed safely). */
export function trimSkeleton(parsed: ParsedDocument, operation: OperationSchema, text: string): SkeletonTrim | undefined {
  const root = parsed.root;
  const yaml = parsed.syntax === 'yaml';
  const filled = new Filled(text, yaml);
  if (root?.kind !== 'object' || !looksLikeSkeleton(root, operation, filled)) return undefined;
  const edits: OffsetEdit[] = [];
  const gone: (PropertyNode | ValueNode)[] = [];
  removeUnfilled(root, operation, filled, yaml ? new YamlEditor(text) : new JsonEditor(text), edits, gone);
  if (!gone.length) return undefined;
  const removed = gone.sort((a, b) => a.offset - b.offset).map((member) => pathOf(member));
  if (yaml && gone.filter((member) => isOwnMember(member, root)).length === root.properties.length) {
    // Nothing was filled in: the editor writes `{}` in place of the root, and the generator's comment
    // on the last line would be left after it.
    const source = filled.source();
    return { edits: [{ start: root.offset, end: source.lineEnd(source.end(root)), text: '{}' }], removed };
  }
  return { edits, removed };
}

function looksLikeSkeleton(root: ObjectNode, operation: OperationSchema, filled: Filled): boolean {
  const members = Object.keys(operation.properties ?? {});
  const present = new Set(root.properties.map((p) => p.key.value).filter((key) => members.includes(key)));
  const unfilled = root.properties
    .filter((p) => isOwnMember(p, root) && p.value && filled.isUnfilled(p.value, schemaAtPath(operation, [p.key.value])))
    .reduce((sum, p) => sum + leaves(p.value!), 0);
  return 2 * present.size >= members.length && unfilled >= MIN_UNFILLED_MEMBERS;
}

/** How many scalars a value holds: an unfilled structure (RequestSpotFleet's one config) counts for what it holds. */
function leaves(node: ValueNode): number {
  if (node.kind === 'object') return node.properties.reduce((sum, p) => sum + (p.value ? leaves(p.value) : 0), 0);
  if (node.kind === 'array') return node.items.reduce((sum, item) => sum + leaves(item), 0);
  return 1;
}

/**
 * Removes the unfilled members of `container` and recurses into the others: a structure or list
 * left entirely unfilled goes as a whole, one with a real member keeps that member. A container
 * the editor cannot edit safely is left as it is.
 */
function removeUnfilled(
  container: ObjectNode | ArrayNode,
  schema: MemberSchema | undefined,
  filled: Filled,
  editor: JsonEditor | YamlEditor,
  edits: OffsetEdit[],
  removed: (PropertyNode | ValueNode)[],
): void {
  const gone: (PropertyNode | ValueNode)[] = [];
  for (const member of ownMembers(container)) {
    const value = member.kind === 'property' ? member.value : member;
    if (!value) continue;
    const memberSchema = schema && schemaAtPath(schema, [member.kind === 'property' ? member.key.value : 0]);
    if (filled.isUnfilled(value, memberSchema)) gone.push(member);
    else if (value.kind === 'object' || value.kind === 'array') removeUnfilled(value, memberSchema, filled, editor, edits, removed);
  }
  const removal = gone.length ? editor.removeMembers(container, gone) : undefined;
  if (!removal) return;
  edits.push(...removal);
  removed.push(...gone);
}

/** A collection's own members: YAML aliases and merge keys bring in nodes written (and edited) elsewhere. */
function ownMembers(container: ObjectNode | ArrayNode): (PropertyNode | ValueNode)[] {
  const members: (PropertyNode | ValueNode)[] = container.kind === 'object' ? container.properties : container.items;
  return members.filter((member) => isOwnMember(member, container));
}

class Filled {
  private sourceText: SourceText | undefined;

  constructor(
    private readonly text: string,
    private readonly yaml: boolean,
  ) {}

  /** Made on first use: deciding that a large file is no skeleton should not cost a pass over its text. */
  source(): SourceText {
    return (this.sourceText ??= new SourceText(this.text, this.yaml));
  }

  /** Whether `node` holds what the generator writes for a member of this schema. */
  isUnfilled(node: ValueNode, schema: MemberSchema | undefined): boolean {
    switch (node.kind) {
      case 'object':
        return node.properties.every((p) => p.value !== undefined && this.isUnfilled(p.value, schema && schemaAtPath(schema, [p.key.value])));
      case 'array':
        return node.items.every((item) => this.isUnfilled(item, schema?.items));
      case 'string':
        return node.value === '' || EPOCH.test(node.value) || (schema?.enum !== undefined && this.isGeneratedEnum(node));
      case 'number':
        return node.value === 0;
      case 'boolean':
        return node.value;
      case 'null':
        // v1 writes null for a blob (ModifyInstanceAttribute's UserData.Value).
        return true;
    }
  }

  /** With v2's comment, only its first value; without (JSON, or v1's random pick), any value may be the generator's. */
  private isGeneratedEnum(node: StringNode): boolean {
    if (!this.yaml) return true;
    const source = this.source();
    const end = source.end(node);
    const comment = VALID_VALUES.exec(source.slice(end, source.lineEnd(end)));
    return !comment || comment[1] === node.value;
  }
}
