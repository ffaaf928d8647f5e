/**
 * The language service's shared types: its settings and options, and what it knows about one
 * document version (RequestAnalysis). Features (completion, hover, code actions, the runner, the
 * live checks) import these from here, never from the facade (language-service.ts).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CONSUMER, type Consumer } from '../model/aws-cli';
import type { OperationRegistry } from '../model/registry';
import type { OperationSchema } from '../model/schema-types';
import type { Detection } from './detect';
import type { ParsedDocument } from './document/tree';
import type { ProjectConfig } from './project-config';
import type { RuleGroup } from './validation/problem';

export interface ServiceSettings {
  /** Glob → operation (API name or CLI command), for files that follow neither naming convention. */
  fileAssociations: Record<string, string>;
  /** Documents larger than this (in characters) are not checked; they get one notice instead. */
  maxDocumentSize: number;
  /** Glob → who reads the matching files (`sdk` for files handed to an SDK); the first match decides. */
  consumers: Record<string, Consumer>;
  /** Who reads files no glob of `consumers` matches. */
  defaultConsumer: Consumer;
}

/**
 * At most this many problems of one document become diagnostics (syntax problems first), then one
 * notice of how many more there are: a generated file with 200,000 unknown keys must not send
 * 75 MB of diagnostics to the editor.
 */
export const MAX_DIAGNOSTICS = 1000;

// Above the largest realistic request (a ~10 MB describe with thousands of filters), below hostile sizes.
export const DEFAULT_SETTINGS: ServiceSettings = { fileAssociations: {}, maxDocumentSize: 16_000_000, consumers: {}, defaultConsumer: DEFAULT_CONSUMER };

/** What the service knows about one document version. */
export interface RequestAnalysis {
  readonly document: TextDocument;
  readonly filePath: string;
  readonly detection: Detection;
  /** Undefined when the document is not a request file, or too large to check. */
  readonly parsed: ParsedDocument | undefined;
  readonly operation: OperationSchema | undefined;
  readonly tooLarge: boolean;
  /** Who reads the file: what is checked, hovered and sent follows it. */
  readonly consumer: Consumer;
  /** The project file (.eni-requests.json) that applies to the file, if any. */
  readonly project: ProjectConfig | undefined;
}

export interface ServiceOptions {
  registry?: OperationRegistry;
  settings?: Partial<ServiceSettings>;
  /** Where the service reports its own failures (a rule that threw; completion, hover or quick fixes that failed). Each distinct failure once. */
  log?: (message: string) => void;
  /** The rule groups to run after the schema checks. Default: all of them (RULE_GROUPS). */
  ruleGroups?: readonly RuleGroup[];
}
