import { editDistance } from './text/suggest';

/** Operations ranked by closeness to what the user wrote (a mistyped modeline), closest first. */
export function suggestOperations(written: string, known: readonly string[], count = 5): string[] {
  const lower = written.toLowerCase();
  return [...known].sort((a, b) => editDistance(lower, a) - editDistance(lower, b)).slice(0, count);
}
