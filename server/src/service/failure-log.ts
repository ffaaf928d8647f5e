/**
 * Where the service reports the failures it recovered from (a rule group that threw, completion or
 * hover that answered empty): once per kind and throw site, redacted, and never more than a
 * hundred different ones.
 */
import { redact } from '../execution/redact';

/** Distinct failures logged per service, at most. */
const MAX_LOGGED_FAILURES = 100;

export class FailureLog {
  private readonly logged = new Set<string>();

  constructor(private readonly log: (message: string) => void) {}

  /**
   * A rule that fails on every keystroke, even with a message that quotes what was typed, is logged
   * once, and the set of logged failures stays small.
   */
  failed(what: string, error: unknown): void {
    const detail = describeError(error);
    const frames = detail.split('\n').filter((line) => /^\s+at /.test(line));
    const key = `${what}: ${frames.length ? frames.join('\n') : detail}`;
    if (this.logged.has(key) || this.logged.size > MAX_LOGGED_FAILURES) return;
    this.logged.add(key);
    if (this.logged.size > MAX_LOGGED_FAILURES) {
      this.log(`More than ${MAX_LOGGED_FAILURES} different failures; further ones are not logged.`);
      return;
    }
    // A message may quote the document, and a document may hold a credential pasted by mistake.
    this.log(redact(`${what} failed: ${detail}`));
  }
}

/** What was thrown, as text, whatever it is (even an object whose toString throws). */
function describeError(error: unknown): string {
  try {
    const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    return text.length > 10_000 ? `${text.slice(0, 10_000)}…` : text;
  } catch {
    return 'an unprintable value';
  }
}
