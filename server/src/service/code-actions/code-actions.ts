/**
 * Quick fixes: every FixData a diagnostic of ours carries (validation/problem.ts) becomes one
 * CodeAction. Paths are resolved again against the current tree; a fix whose target is gone offers
 * nothing rather than a wrong edit. A target that a YAML alias or merge key brings in (the path
 * names the using entry) is edited where it is written, under the anchor, and the title says so:
 * every use of the anchor changes. Only the value an alias stands for as a whole (`- *efa`) is
 * replaced or removed at the alias itself.
 */
import { ServerCommand } from '../../../../contract/protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type Position, type Range, type TextEdit } from 'vscode-languageserver-types';
import { fixesOf } from '../diagnostics';
import { getProperty, nodeAtPath, pathOf, toPlainValue } from '../document/navigate';
import { parseDocument, parseOptionsFor, syntaxForLanguage } from '../document/parse';
import type { ArrayNode, ObjectNode, ParsedDocument, PropertyNode, TreeNode, ValueNode } from '../document/tree';
import type { RequestAnalysis } from '../service-types';
import { trimSkeleton } from '../skeleton';
import { editDistance } from '../text/suggest';
import { displayPath, type FixData, type MemberPath } from '../validation/problem';
import type { DocumentEditor, OffsetEdit } from './edits';
import { JsonEditor } from './json-edits';
import { YamlEditor } from './yaml-edits';

/** At most this many operations are offered for a file that names none. */
const MAX_OPERATION_CHOICES = 5;
const CLI_COMMAND = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

/**
 * Characters re-parsed per request to check that fixes keep the document parseable: each fix costs
 * one parse of the document (and its planning a pass over the list it edits). Small documents never
 * reach it; on a 2.4 MB line with a thousand problems (all under the cursor) the first three fixes
 * are offered in about half a second instead of a minute-long wait (20 MB took 1-2 s there).
 */
const CHECK_BUDGET = 8_000_000;

export function codeActions(analysis: RequestAnalysis, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const budget = { characters: CHECK_BUDGET };
  // Several diagnostics may carry the same fix (a move of all instance-level members): one action for all of them.
  const actions = new Map<string, CodeAction>();
  const add = (action: CodeAction) => {
    const key = JSON.stringify([action.title, action.edit, action.command]);
    const same = actions.get(key);
    if (same) same.diagnostics!.push(...action.diagnostics!);
    else actions.set(key, action);
  };
  let editor: DocumentEditor | undefined;
  const editorFor = (parsed: ParsedDocument) => {
    const text = analysis.document.getText();
    return (editor ??= parsed.syntax === 'json' ? new JsonEditor(text) : new YamlEditor(text));
  };
  for (const diagnostic of diagnostics) {
    if (!intersects(diagnostic.range, range)) continue;
    for (const fix of fixesOf(diagnostic)) {
      if (fix.fix === 'explain') add(explainAction(diagnostic, fix.message));
      else if (fix.fix === 'choose-operation') chooseOperation(analysis, diagnostic, fix.operations).forEach(add);
      else if (analysis.parsed?.root) {
        const action = editAction(analysis, analysis.parsed, editorFor(analysis.parsed), diagnostic, fix, budget);
        if (action) add(action);
      }
    }
  }
  const skeleton = skeletonAction(analysis);
  return skeleton ? [...actions.values(), skeleton] : [...actions.values()];
}

/** The kind of the source action that trims an AWS CLI skeleton (skeleton.ts). */
export const REMOVE_SKELETON_KIND = `${CodeActionKind.Source}.removeSkeleton`;

/** "Remove unfilled skeleton members", wherever the cursor is, for a file that looks like an AWS CLI skeleton. */
function skeletonAction(analysis: RequestAnalysis): CodeAction | undefined {
  const { document, parsed, operation } = analysis;
  const trim = parsed && operation ? trimSkeleton(parsed, operation, document.getText()) : undefined;
  const edits = trim && checkedEdits(analysis, parsed!, trim.edits);
  return edits && { title: 'Remove unfilled skeleton members', kind: REMOVE_SKELETON_KIND, edit: { changes: { [document.uri]: edits } } };
}

type EditFix = Exclude<FixData, { fix: 'explain' } | { fix: 'choose-operation' }>;

interface PlannedEdit {
  title: string;
  edits: OffsetEdit[] | undefined;
  preferred?: boolean;
}

function editAction(
  analysis: RequestAnalysis,
  parsed: ParsedDocument,
  editor: DocumentEditor,
  diagnostic: Diagnostic,
  fix: EditFix,
  budget: { characters: number },
): CodeAction | undefined {
  if (budget.characters <= 0) return undefined;
  const planned = plan(parsed.root!, editor, diagnostic, fix);
  if (planned?.edits) budget.characters -= analysis.document.getText().length;
  const edits = planned?.edits && checkedEdits(analysis, parsed, planned.edits);
  if (!planned || !edits) return undefined;
  return {
    title: planned.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(planned.preferred ? { isPreferred: true } : {}),
    edit: { changes: { [analysis.document.uri]: edits } },
  };
}

function plan(root: ValueNode, editor: DocumentEditor, diagnostic: Diagnostic, fix: EditFix): PlannedEdit | undefined {
  switch (fix.fix) {
    case 'rename-key': {
      const found = propertyAt(root, fix.path);
      const property = found && written(found);
      return property && { title: `Change to ${fix.newKey}${underAnchor(found)}`, edits: editor.renameKey(property, fix.newKey), preferred: true };
    }
    case 'replace-value': {
      const found = valueAt(root, fix.path);
      const node = found && written(found);
      // Preferred when it is the one correction offered; of two alternatives (MinCount or MaxCount) neither is.
      const preferred = fixesOf(diagnostic).filter((f) => f.fix === 'replace-value').length === 1;
      return node && { title: (fix.title ?? `Change to ${shortJson(fix.value)}`) + underAnchor(found), edits: editor.replaceValue(node, fix.value), preferred };
    }
    case 'wrap-value': {
      const found = valueAt(root, fix.path);
      const node = found && written(found);
      return node && { title: `Wrap in { ${JSON.stringify(fix.key)}: … }${underAnchor(found)}`, edits: editor.wrapValue(node, fix.key) };
    }
    case 'insert-member': {
      const found = valueAt(root, fix.objectPath);
      // Already there: the diagnostic is stale.
      if (found?.kind !== 'object' || getProperty(found, fix.key)) return undefined;
      // Nothing can be inserted at an alias: the member goes where the mapping is written.
      const object = found.use ? (found.use.written as ObjectNode) : found;
      const title = (diagnostic.code === 'missing-required' ? `Insert required member ${fix.key}` : `Insert ${fix.key}`) + underAnchor(found, true);
      return { title, edits: editor.insertMembers(object, [{ key: fix.key, value: fix.value }]) };
    }
    case 'remove-member': {
      const member = memberAt(root, fix.path);
      if (!member) return undefined;
      const node = written(member.node);
      const container = node === member.node ? member.container : node.parent;
      if (container?.kind !== 'object' && container?.kind !== 'array') return undefined;
      return { title: (fix.title ?? `Remove ${memberLabel(fix.path)}`) + underAnchor(member.node), edits: editor.removeMembers(container, [node]) };
    }
    case 'move-members':
      return { title: fix.title, edits: moveMembers(root, editor, fix) };
  }
}

/**
 * Where an edit of `node` goes: the node itself, or where a node that a YAML alias or merge key
 * brings in is written. The value an alias stands for as a whole is edited at the alias.
 */
function written<T extends TreeNode>(node: T): T {
  return node.use && !node.use.whole ? (node.use.written as T) : node;
}

/** The title's note for an edit made under an anchor: it changes every use of the anchor. */
function underAnchor(node: TreeNode, evenWhole = false): string {
  const anchor = node.use && (evenWhole || !node.use.whole) ? node.use.anchor : undefined;
  return anchor === undefined ? '' : ` in the anchor &${anchor} (changes every use of it)`;
}

/** Removes the members where they are and appends them (renamed) to the target, as one edit. */
function moveMembers(root: ValueNode, editor: DocumentEditor, fix: Extract<FixData, { fix: 'move-members' }>): OffsetEdit[] | undefined {
  const target = valueAt(root, fix.targetPath);
  if (target?.kind !== 'object' || target.use || !Array.isArray(fix.paths)) return undefined;
  const moved: PropertyNode[] = [];
  for (const path of fix.paths) {
    const property = propertyAt(root, path);
    // Moving a member into itself, or a member twice, cannot be right; nor moving what an alias or merge key brings in.
    if (!property || property.use || moved.includes(property) || isInside(target, property)) return undefined;
    moved.push(property);
  }
  const renames = fix.renames ?? {};
  const newKey = (property: PropertyNode) => (Object.hasOwn(renames, property.key.value) ? renames[property.key.value] : property.key.value);
  const newKeys = moved.map(newKey);
  if (newKeys.some((key, i) => getProperty(target, key) || newKeys.indexOf(key) !== i)) return undefined; // would overwrite
  const edits: OffsetEdit[] = [];
  const byObject = new Map<ObjectNode, PropertyNode[]>();
  for (const property of moved) {
    const object = property.parent as ObjectNode;
    byObject.set(object, [...(byObject.get(object) ?? []), property]);
  }
  for (const [object, properties] of byObject) {
    const removal = editor.removeMembers(object, properties);
    if (!removal) return undefined;
    edits.push(...removal);
  }
  const insertion = editor.insertMembers(
    target,
    moved.map((property) => ({ key: newKey(property), value: property.value ? toPlainValue(property.value) : null, source: property.value })),
  );
  return insertion && [...edits, ...insertion];
}

/**
 * The edits as LSP TextEdits, or undefined when they overlap or would add syntax errors: a fix
 * must leave the request at least as parseable as it found it.
 */
function checkedEdits(analysis: RequestAnalysis, parsed: ParsedDocument, edits: OffsetEdit[]): TextEdit[] | undefined {
  const document = analysis.document;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  if (sorted.some((edit, i) => i > 0 && edit.start < sorted[i - 1].end)) return undefined;
  const textEdits = edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text }));
  // Neither more errors, nor more that no reader accepts: a fix must not trade what only the AWS CLI
  // refuses (a comment in JSON) for broken syntax.
  const errors = (problems: ParsedDocument['problems'], syntaxOnly: boolean) =>
    problems.filter((p) => p.severity === 'error' && (!syntaxOnly || (p.code ?? 'syntax-error') === 'syntax-error')).length;
  const after = parseDocument(TextDocument.applyEdits(document, textEdits), parsed.syntax, parseOptionsFor(analysis.filePath));
  const worse = errors(after.problems, false) > errors(parsed.problems, false) || errors(after.problems, true) > errors(parsed.problems, true);
  return worse ? undefined : textEdits;
}

function explainAction(diagnostic: Diagnostic, message: string): CodeAction {
  const title = 'Explain how to fix this';
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: ServerCommand.explain, arguments: [message] } };
}

/**
 * Names the operation: a modeline where the syntax has comments (a comment in plain JSON would
 * break `--cli-input-json`), and a file name `<stem>.<cli-command>.<ext>`. A modeline with an
 * unknown command only gets its command corrected: it decides over the file name.
 */
function chooseOperation(analysis: RequestAnalysis, diagnostic: Diagnostic, operations: unknown): CodeAction[] {
  if (!Array.isArray(operations)) return [];
  const { document, detection, filePath } = analysis;
  const quickFix = (title: string, edit: CodeAction['edit']): CodeAction => ({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
  const text = document.getText();
  const syntax = syntaxForLanguage(document.languageId, filePath);
  const comment = syntax === 'yaml' ? '#' : document.languageId === 'jsonc' || /\.jsonc$/i.test(filePath) ? '//' : undefined;
  const actions: CodeAction[] = [];
  for (const command of operations.filter((c): c is string => typeof c === 'string' && CLI_COMMAND.test(c)).slice(0, MAX_OPERATION_CHOICES)) {
    if (detection.kind === 'unknown-modeline') {
      const range = { start: document.positionAt(detection.offset), end: document.positionAt(detection.offset + detection.length) };
      actions.push(quickFix(`Change the operation to ${command}`, { changes: { [document.uri]: [{ range, newText: command }] } }));
      continue;
    }
    if (comment) {
      const modeline = `${comment} ec2: ${command}`;
      // After a byte order mark, which must stay first.
      const start = document.positionAt(text.startsWith('\uFEFF') ? 1 : 0);
      const newText = modeline + (text.includes('\r\n') ? '\r\n' : '\n');
      actions.push(quickFix(`Add the modeline "${modeline}"`, { changes: { [document.uri]: [{ range: { start, end: start }, newText }] } }));
    }
    const slash = document.uri.lastIndexOf('/');
    const newName = renamed(document.uri.slice(slash + 1), command);
    const shownName = renamed(filePath.split(/[\\/]/).pop() ?? '', command);
    if (newName && shownName) {
      const newUri = document.uri.slice(0, slash + 1) + newName;
      actions.push(quickFix(`Rename the file to ${shownName}`, { documentChanges: [{ kind: 'rename', oldUri: document.uri, newUri }] }));
    }
  }
  return actions;
}

/** `web.json` → `web.<command>.json`; a mistyped command already in the name is replaced. */
function renamed(fileName: string, command: string): string | undefined {
  const match = /^(.+)\.(jsonc?|ya?ml)$/i.exec(fileName);
  if (!match) return undefined;
  const [, stem, extension] = match;
  const dot = stem.lastIndexOf('.');
  const last = stem.slice(dot + 1);
  const keep = CLI_COMMAND.test(last) && editDistance(last, command) <= 3 ? stem.slice(0, Math.max(dot, 0)) : stem;
  return `${keep ? `${keep}.` : ''}${command}.${extension}`;
}

function isPath(path: unknown): path is MemberPath {
  return Array.isArray(path) && path.every((step) => typeof step === 'string' || typeof step === 'number');
}

/** The value at `path`, when the tree has it at that path. */
function valueAt(root: ValueNode, path: unknown): ValueNode | undefined {
  if (!isPath(path)) return undefined;
  const node = nodeAtPath(root, path);
  const actual = node && pathOf(node);
  return actual && actual.length === path.length && actual.every((step, i) => step === path[i]) ? node : undefined;
}

function propertyAt(root: ValueNode, path: unknown): PropertyNode | undefined {
  const member = memberAt(root, path);
  return member?.node.kind === 'property' ? member.node : undefined;
}

/** The property or array item at `path`, with the object or array holding it. */
function memberAt(root: ValueNode, path: unknown): { container: ObjectNode | ArrayNode; node: PropertyNode | ValueNode } | undefined {
  if (!isPath(path) || !path.length) return undefined;
  const container = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (container?.kind === 'object' && typeof last === 'string') {
    const property = getProperty(container, last);
    return property?.parent === container ? { container, node: property } : undefined;
  }
  if (container?.kind === 'array' && typeof last === 'number') {
    const item = container.items[last];
    return item?.parent === container ? { container, node: item } : undefined;
  }
  return undefined;
}

function isInside(node: ValueNode, property: PropertyNode): boolean {
  for (let n: ValueNode['parent'] = node.parent; n; n = n.parent) if (n === property) return true;
  return false;
}

/** `SubnetId`, or `Groups[1]` for an item. */
function memberLabel(path: MemberPath): string {
  let from = path.length - 1;
  while (from > 0 && typeof path[from] === 'number') from--;
  return displayPath(path.slice(from));
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(p: Position, q: Position): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}
