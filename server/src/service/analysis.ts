/**
 * What the service knows about one document version (RequestAnalysis): its operation, syntax,
 * consumer and tree. An edit inside one scalar of the previous version reuses that version's tree
 * (document/reparse.ts).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OperationRegistry } from '../model/registry';
import { detectOperation, globMatches } from './detect';
import { parseDocument, parseOptionsFor, syntaxForLanguage } from './document/parse';
import { reparseEdit } from './document/reparse';
import { filePathOf } from './document/uri';
import type { Consumer } from '../model/aws-cli';
import { projectConfigFor } from './project-config';
import type { RequestAnalysis, ServiceSettings } from './service-types';

/** Unrelated files are parsed only to offer a hint ("looks like a request"), and only when this small. */
const MAX_HINTED_SIZE = 200_000;

export function analyzeDocument(
  document: TextDocument,
  text: string,
  registry: OperationRegistry,
  settings: ServiceSettings,
  previous?: { text: string; analysis: RequestAnalysis },
): RequestAnalysis {
  const filePath = filePathOf(document.uri);
  // The project file's globs after the editor's: a setting wins over the project for the same files.
  const project = document.uri.startsWith('file:') ? projectConfigFor(filePath) : undefined;
  const fileAssociations = project
    ? { ...settings.fileAssociations, ...without(project.fileAssociations, settings.fileAssociations) }
    : settings.fileAssociations;
  const detection = detectOperation(text, filePath, registry, fileAssociations);
  const syntax = syntaxForLanguage(document.languageId, filePath);
  const operation = detection.kind === 'operation' ? detection.operation : undefined;
  const tooLarge = text.length > settings.maxDocumentSize;
  const wantsTree = operation ? !tooLarge : detection.kind === 'none' && text.length <= MAX_HINTED_SIZE;
  const before = previous?.analysis.parsed;
  const reused = syntax && wantsTree && before?.syntax === syntax ? reparseEdit(before, previous!.text, text) : undefined;
  const parsed = reused ?? (syntax && wantsTree ? parseDocument(text, syntax, parseOptionsFor(filePath)) : undefined);
  const consumerOf = (globs: Readonly<Record<string, Consumer>>) => Object.entries(globs).find(([glob]) => globMatches(glob, filePath))?.[1];
  const consumer = consumerOf(settings.consumers) ?? (project && consumerOf(project.consumers)) ?? settings.defaultConsumer;
  return { document, filePath, detection, parsed, operation, tooLarge, consumer, project };
}

/** The entries of `map` whose keys `other` does not have. */
function without<T>(map: Readonly<Record<string, T>>, other: Readonly<Record<string, unknown>>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).filter(([key]) => !Object.hasOwn(other, key)));
}
