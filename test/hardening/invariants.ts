/**
 * What must hold for every answer the service (or the server) gives about a document, whatever
 * the document: ranges inside it, messages of a sane size, completion edits on the cursor's line,
 * quick-fix edits that apply. Each check returns the violations it found (empty when all is well),
 * so the fuzzer can report them with its seed and step, and tests can assert on them.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range, TextEdit } from 'vscode-languageserver-types';

/** No message of ours is longer than this (the longest legitimate ones list an enum of a few hundred values). */
export const MAX_MESSAGE_LENGTH = 20_000;

/** A position inside the document: an existing line, at most at its end (before the line break). */
export function positionProblem(document: TextDocument, position: Position, what: string): string | undefined {
  const { line, character } = position ?? {};
  if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) return `${what}: malformed position ${JSON.stringify(position)}`;
  if (line >= document.lineCount) return `${what}: line ${line} is past the last line (${document.lineCount} lines)`;
  const length = lineLength(document, line);
  if (character > length) return `${what}: character ${character} is past the end of line ${line} (${length} characters)`;
  return undefined;
}

function lineLength(document: TextDocument, line: number): number {
  const start = document.offsetAt({ line, character: 0 });
  const end = line + 1 < document.lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : document.getText().length;
  let length = end - start;
  const text = document.getText();
  while (length > 0 && (text[start + length - 1] === '\n' || text[start + length - 1] === '\r')) length--;
  return length;
}

export function rangeProblem(document: TextDocument, range: Range, what: string): string | undefined {
  if (!range) return `${what}: no range`;
  const problem = positionProblem(document, range.start, `${what} start`) ?? positionProblem(document, range.end, `${what} end`);
  if (problem) return problem;
  if (document.offsetAt(range.start) > document.offsetAt(range.end)) return `${what}: starts after it ends ${JSON.stringify(range)}`;
  return undefined;
}

export function diagnosticProblems(document: TextDocument, diagnostics: readonly Diagnostic[]): string[] {
  const problems: string[] = [];
  if (!Array.isArray(diagnostics)) return [`diagnostics are not a list: ${JSON.stringify(diagnostics)?.slice(0, 200)}`];
  for (const d of diagnostics) {
    const what = `diagnostic ${String(d.code)} "${String(d.message).slice(0, 80)}"`;
    const range = rangeProblem(document, d.range, what);
    if (range) problems.push(range);
    if (typeof d.message !== 'string' || d.message.length === 0) problems.push(`${what}: no message`);
    else if (d.message.length > MAX_MESSAGE_LENGTH) problems.push(`${what}: a message of ${d.message.length} characters`);
    if (d.source !== 'eni-requests') problems.push(`${what}: source ${String(d.source)}`);
    if (d.code === 'internal-error') problems.push(`${what}: a rule group failed`);
    for (const related of d.relatedInformation ?? []) {
      const problem = rangeProblem(document, related.location.range, `${what} related "${related.message}"`);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

export function completionProblems(document: TextDocument, position: Position, list: CompletionList | null): string[] {
  if (list === null) return [];
  const problems: string[] = [];
  if (!Array.isArray(list.items)) return [`completion: no items list`];
  for (const item of list.items) {
    const what = `completion item ${JSON.stringify(item.label)}`;
    const edit = item.textEdit as TextEdit | undefined;
    if (edit) {
      const range = rangeProblem(document, edit.range, `${what} textEdit`);
      if (range) problems.push(range);
      // LSP: a completion's edit is on one line and contains the position completion was asked at.
      else if (edit.range.start.line !== edit.range.end.line) problems.push(`${what}: textEdit spans lines ${JSON.stringify(edit.range)}`);
      else if (edit.range.start.line !== position.line || edit.range.start.character > position.character || edit.range.end.character < position.character) {
        problems.push(`${what}: textEdit ${JSON.stringify(edit.range)} does not contain the position ${JSON.stringify(position)}`);
      }
    }
    const edits = [...(edit ? [edit] : []), ...(item.additionalTextEdits ?? [])];
    for (const extra of item.additionalTextEdits ?? []) {
      const range = rangeProblem(document, extra.range, `${what} additionalTextEdit`);
      if (range) problems.push(range);
    }
    if (problems.length) continue;
    // LSP: additional edits must not overlap the main edit (nor each other); applied together they must apply.
    try {
      TextDocument.applyEdits(document, edits);
    } catch (error) {
      problems.push(`${what}: its edits do not apply together (${String(error)}): ${JSON.stringify(edits)}`);
    }
  }
  return problems;
}

export function hoverProblems(document: TextDocument, hover: Hover | null): string[] {
  if (hover === null) return [];
  const problems: string[] = [];
  const contents = hover.contents as { value?: unknown };
  if (typeof contents?.value !== 'string' || contents.value.length === 0)
    problems.push(`hover: empty contents ${JSON.stringify(hover.contents)?.slice(0, 200)}`);
  if (hover.range) {
    const range = rangeProblem(document, hover.range, 'hover');
    if (range) problems.push(range);
  }
  return problems;
}

/** The edits of `action` for `uri`, or undefined when it has none (a command, a rename). */
export function editsOf(action: CodeAction, uri: string): TextEdit[] | undefined {
  return action.edit?.changes?.[uri];
}

export function codeActionProblems(document: TextDocument, actions: readonly CodeAction[] | null): string[] {
  if (actions === null) return [];
  const problems: string[] = [];
  if (!Array.isArray(actions)) return [`code actions are not a list: ${JSON.stringify(actions)?.slice(0, 200)}`];
  for (const action of actions) {
    const what = `code action "${action.title}"`;
    if (typeof action.title !== 'string' || !action.title) problems.push(`${what}: no title`);
    const edits = editsOf(action, document.uri) ?? [];
    for (const edit of edits) {
      const range = rangeProblem(document, edit.range, `${what} edit`);
      if (range) problems.push(range);
    }
    if (problems.length) continue;
    const sorted = [...edits].sort((a, b) => document.offsetAt(a.range.start) - document.offsetAt(b.range.start));
    for (let i = 1; i < sorted.length; i++) {
      if (document.offsetAt(sorted[i].range.start) < document.offsetAt(sorted[i - 1].range.end)) problems.push(`${what}: overlapping edits`);
    }
    try {
      TextDocument.applyEdits(document, edits);
    } catch (error) {
      problems.push(`${what}: its edits do not apply: ${String(error)}`);
    }
  }
  return problems;
}

/** A snapshot of Object.prototype (and friends) to compare after handling hostile documents. */
export function prototypeSnapshot(): string {
  const describe = (object: object) =>
    Object.getOwnPropertyNames(object)
      .sort()
      .map((name) => {
        const descriptor = Object.getOwnPropertyDescriptor(object, name)!;
        return `${name}:${typeof descriptor.value}:${descriptor.get ? 'get' : ''}`;
      })
      .join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map(describe).join('\n');
}

/** Whether anything leaked into Object.prototype: `({}).polluted` must stay undefined. */
export function pollution(): string[] {
  const probe = {} as Record<string, unknown>;
  const found: string[] = [];
  for (const name of ['polluted', 'Value', 'Key', 'SubnetId']) if (probe[name] !== undefined) found.push(`({}).${name} is ${String(probe[name])}`);
  if (Object.getPrototypeOf(probe) !== Object.prototype) found.push('({}) has another prototype');
  return found;
}
