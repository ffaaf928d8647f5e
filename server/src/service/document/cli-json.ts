/**
 * What the AWS CLI's JSON reader refuses although jsonc-parser reads it. `--cli-input-json` hands
 * the file to Python's `json.loads` (awscli/customizations/cliinputjson.py in v1, cliinput.py in
 * v2): no comments, no byte order mark, no whitespace but space, tab, CR and LF, and the CLI then
 * needs an object at the top level. Any of these and the CLI refuses the whole file ("Invalid
 * JSON received"), so each is an error, at the offending character. (Whitespace needs no check:
 * jsonc-parser takes the same four characters as Python.)
 *
 * Only run on text jsonc-parser read without errors: then one pass over the characters, skipping
 * strings, finds the comments.
 */
import type { SyntaxProblem, ValueNode } from './tree';

/** Comments reported one by one, at most; a file of comments needs one look, not hundreds of errors. */
const MAX_REPORTED = 20;

export function cliJsonProblems(text: string, root: ValueNode | undefined, jsonc: boolean): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const refuse = (offset: number, length: number, message: string) => {
    if (problems.length < MAX_REPORTED) problems.push({ offset, length, message, severity: 'error', code: 'cli-json-syntax' });
  };
  if (text.charCodeAt(0) === 0xfeff) {
    refuse(0, 1, 'The file starts with a byte order mark, which the AWS CLI refuses ("Invalid JSON"): save it as UTF-8 without BOM.');
  }
  let firstComment: { offset: number; length: number } | undefined;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? lineEnd(text, i) : Math.min(text.length, text.indexOf('*/', i + 2) + 2 || text.length);
      firstComment ??= { offset: i, length: end - i };
      if (!jsonc) refuse(i, end - i, commentMessage(text.slice(i, end)));
      i = end - 1;
    }
  }
  if (jsonc && firstComment) {
    problems.push({
      ...firstComment,
      severity: 'information',
      code: 'cli-json-syntax',
      message:
        'This .jsonc request has comments, which the AWS CLI cannot read (--cli-input-json refuses them): strip the comments before handing it to the CLI, or keep the request in a .json file without comments.',
    });
  }
  if (root && root.kind !== 'object') {
    refuse(
      root.offset,
      root.kind === 'array' ? 1 : root.length,
      'The AWS CLI takes one JSON object ({ … }) holding the request members, not ' + describeRoot(root) + '.',
    );
  }
  return problems;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

function commentMessage(comment: string): string {
  if (/^\/\/[ \t]*ec2:/.test(comment)) {
    return 'The AWS CLI refuses comments in JSON, this modeline too: name the file <name>.<cli-command>.json (or map it in the eniRequests.fileAssociations setting) and remove this line.';
  }
  return 'The AWS CLI refuses comments in JSON ("Invalid JSON"): remove the comment (or name the file .jsonc if it is never handed to the CLI as it is).';
}

function describeRoot(root: ValueNode): string {
  switch (root.kind) {
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return String(root.value);
    default:
      return 'null';
  }
}
