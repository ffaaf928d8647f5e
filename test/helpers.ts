/** Shared helpers for service-level tests: build a document, run the service, pick diagnostics. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { RequestLanguageService } from '../server/src/service/language-service';

export const service = new RequestLanguageService();

/** A request document for `cliCommand` (e.g. `create-network-interface`) named by the file-name convention. */
export function requestDocument(cliCommand: string, text: string, syntax: 'json' | 'yaml' = 'json', version = 1): TextDocument {
  const extension = syntax === 'json' ? 'json' : 'yaml';
  return TextDocument.create(`file:///work/req.${cliCommand}.${extension}`, syntax, version, text);
}

export function diagnosticsFor(cliCommand: string, text: string, syntax: 'json' | 'yaml' = 'json'): Diagnostic[] {
  return new RequestLanguageService().validate(requestDocument(cliCommand, text, syntax));
}

/** The diagnostics with this code. */
export function withCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The text a diagnostic's range covers. */
export function coveredText(document: TextDocument, diagnostic: Diagnostic): string {
  return document.getText(diagnostic.range);
}

/** Compact "code@line:col" strings, handy in assertion messages. */
export function summarize(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${d.message}`).join('\n');
}

/** A request document from text with a `|` cursor marker (removed), and the cursor position. */
export function documentAtCursor(cliCommand: string, marked: string, syntax: 'json' | 'yaml' = 'json'): { document: TextDocument; position: Position } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('the text needs a | cursor marker');
  const document = requestDocument(cliCommand, marked.slice(0, offset) + marked.slice(offset + 1), syntax);
  return { document, position: document.positionAt(offset) };
}
