/** Entry point of the document layer: request text → tree, whatever the syntax. */
import { parseJson } from './json-parser';
import type { ParsedDocument, Syntax } from './tree';
import { parseYaml } from './yaml-parser';

/**
 * Parses a request document. Never throws: an unexpected failure becomes one error problem.
 * Offsets always refer to `text` as given, a leading byte order mark included.
 */
export function parseDocument(text: string, syntax: Syntax): ParsedDocument {
  try {
    // jsonc-parser rejects a BOM; a space of the same length keeps every offset. The yaml
    // package skips a leading BOM itself, and a space there would indent the first line.
    return syntax === 'json' ? parseJson(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text) : parseYaml(text);
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
