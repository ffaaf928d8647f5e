import { editDistance } from './text/suggest';

/** Longer than any CLI command: what is written beyond it cannot make a command closer. */
const MAX_COMPARED = 64;

/** Operations ranked by closeness to what the user wrote (a mistyped modeline), closest first. */
export function suggestOperations(written: string, known: readonly string[], count = 5): string[] {
  const lower = written.slice(0, MAX_COMPARED).toLowerCase();
  const distance = new Map(known.map((name) => [name, editDistance(lower, name)]));
  return [...known].sort((a, b) => distance.get(a)! - distance.get(b)!).slice(0, count);
}
