/** Shared helpers for service-level tests: build a document, run the service, pick diagnostics. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import assert from 'node:assert/strict';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { RequestLanguageService } from '../../server/src/service/language-service';

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

/** Pretty JSON for request bodies written as objects in tests. */
export const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A diagnostic's message as text (LSP allows markup there). */
export const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** Validates a request and offers the assertions rule tests make on its diagnostics. */
export function checkRequest(cliCommand: string, text: string, syntax: 'json' | 'yaml' = 'json') {
  const document = requestDocument(cliCommand, text, syntax);
  const diagnostics = new RequestLanguageService().validate(document);
  return {
    document,
    diagnostics,
    codes: () => diagnostics.map((d) => d.code),
    covered: (d: Diagnostic) => coveredText(document, d),
    related: (d: Diagnostic) => (d.relatedInformation ?? []).map((r) => document.getText(r.location.range)),
    all: (code: string) => withCode(diagnostics, code),
    /** The single diagnostic with `code` (fails when there are none or several). */
    one(code: string): Diagnostic {
      const found = withCode(diagnostics, code);
      assert.equal(found.length, 1, `expected one ${code}, got:\n${summarize(diagnostics)}`);
      return found[0];
    },
    /** No diagnostic with `code`, or none at all without one. */
    none(code?: string) {
      const found = code ? withCode(diagnostics, code) : diagnostics;
      assert.deepEqual(found, [], `expected no ${code ?? 'diagnostics'}, got:\n${summarize(diagnostics)}`);
    },
  };
}
