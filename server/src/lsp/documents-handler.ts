/**
 * Open documents → diagnostics. Typing sends a burst of changes: a document that validates in a
 * few milliseconds is validated at once (the user sees the result as they type); a slow one waits
 * for the burst to end, about as long as its last validation took, so completion and hover stay
 * ahead of superseded validations.
 */
import { logError, type ServerContext } from './context';

const QUICK_VALIDATION_MS = 8;
/** Enough for the completion and hover requests that come with a keystroke to be answered first. */
const SLOW_VALIDATION_DELAY_MS = 10;

/** Sets `context.validate` and `context.schedule`, and handles changes and closes. */
export function registerDocuments(context: ServerContext): void {
  const { connection, documents, features } = context;
  const lastValidationMs = new Map<string, number>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  context.validate = (uri) => {
    // Read when the validation runs, not when it was scheduled: a version superseded (or a document
    // closed) while waiting for the settings is never published.
    const document = documents.get(uri);
    if (!document) return;
    const started = performance.now();
    const diagnostics = features.diagnostics(document);
    lastValidationMs.set(uri, performance.now() - started);
    connection.sendDiagnostics({ uri, version: document.version, diagnostics }).catch((error) => logError(connection, 'Publishing diagnostics', error));
    // After publishing: what the live checks' cache lacks is looked up when the document is still, then published again.
    features.scheduleLiveChecks(document, () => context.validate(uri));
  };

  context.schedule = (uri, delay) => {
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        context.settingsLoaded.then(() => context.validate(uri)).catch((error) => logError(connection, 'Validation', error));
      }, delay),
    );
  };

  // Fires on open too.
  documents.onDidChangeContent(({ document }) => {
    const last = lastValidationMs.get(document.uri) ?? 0;
    context.schedule(document.uri, last < QUICK_VALIDATION_MS ? 0 : SLOW_VALIDATION_DELAY_MS);
  });
  documents.onDidClose(({ document }) => {
    const { uri } = document;
    clearTimeout(pending.get(uri));
    pending.delete(uri);
    lastValidationMs.delete(uri);
    features.forget(uri);
    connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error) => logError(connection, 'Clearing diagnostics', error));
  });
}
