/**
 * What the handler modules share: the connection, the open documents, the composed editor features
 * (service/editor-features.ts), what the client said at start-up, and the guards that keep a
 * failing handler from reaching the client.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { InitializationOptions } from '../../../contract/protocol';
import { redact } from '../execution/redact';
import type { EditorFeatures } from '../service/editor-features';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly features: EditorFeatures;
  /** From the initialization options; the endpoint never comes from workspace/configuration (a workspace may set that). */
  client: Required<Pick<InitializationOptions, 'executionAllowed' | 'clientShowsResults'>> & Pick<InitializationOptions, 'endpoint'>;
  /** Resolves once the first settings are read: a file association must not flash "not a request". */
  settingsLoaded: Promise<void>;
  /** Validates a document now and publishes its diagnostics (documents-handler.ts). */
  validate(uri: string): void;
  /** Validates it after `delay` ms once the settings are loaded; a later call for the same document replaces it. */
  schedule(uri: string, delay: number): void;
}

export function logError(connection: Connection, what: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  connection.console.error(redact(`${what} failed: ${detail}`));
}

/** Runs a handler; a throw is logged and answered with `fallback` instead of reaching the client. */
export function safely<T>(connection: Connection, what: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    logError(connection, what, error);
    return fallback;
  }
}
