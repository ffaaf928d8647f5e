/** Entry point of the document layer: request text → tree, whatever the syntax. */
import { cliJsonProblems } from './cli-json';
import { parseJson } from './json-parser';
import type { ParsedDocument, Syntax } from './tree';
import { parseYaml } from './yaml-parser';

export interface ParseOptions {
  /** A `.jsonc` file: JSON with comments by choice; the comments get one note, not an error each. */
  readonly jsonc?: boolean;
}

/** How the file at `filePath` is read: a `.jsonc` name says it has comments by choice. */
export function parseOptionsFor(filePath: string): ParseOptions {
  return { jsonc: /\.jsonc$/i.test(filePath) };
}

/**
 * Parses a request document as the AWS CLI reads it: what its readers refuse is a problem even
 * where a lenient parser reads on. Never throws: an unexpected failure becomes one error problem.
 * Offsets always refer to `text` as given, a leading byte order mark included.
 */
export function parseDocument(text: string, syntax: Syntax, options: ParseOptions = {}): ParsedDocument {
  try {
    if (syntax === 'yaml') return parseYaml(text);
    // jsonc-parser rejects a BOM; a space of the same length keeps every offset. (The yaml
    // package skips a leading BOM itself, as the CLI's YAML reader does.)
    const parsed = parseJson(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text);
    return parsed.problems.length ? parsed : { ...parsed, problems: cliJsonProblems(text, parsed.root, options.jsonc ?? false) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      syntax,
      root: undefined,
      problems: [{ offset: 0, length: 0, message: `The document could not be parsed: ${reason}`, severity: 'error' }],
    };
  }
}

const SYNTAX_BY_NAME = new Map<string, Syntax>([
  ['json', 'json'],
  ['jsonc', 'json'],
  ['yaml', 'yaml'],
  ['yml', 'yaml'],
]);

/** The syntax of a document from its LSP language id, else from its file extension. */
export function syntaxForLanguage(languageId: string, fileName: string): Syntax | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1].toLowerCase() ?? '';
  return SYNTAX_BY_NAME.get(languageId) ?? SYNTAX_BY_NAME.get(extension);
}
