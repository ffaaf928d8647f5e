/** "Did you mean": the closest candidate by case-insensitive edit distance, if it is close enough. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  // A near miss: a case difference, or a few edits relative to the word's length.
  const allowed = Math.max(1, Math.floor(Math.min(word.length, 12) / 4)) + 0.5;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a word far longer or shorter than the
    // candidate (a 5 MB string against an enum value) is never near, and is not measured.
    const candidateLower = candidate.toLowerCase();
    if (Math.abs(candidateLower.length - lower.length) + 0.5 > allowed) continue;
    const distance = candidateLower === lower ? 0 : editDistance(lower, candidateLower) + 0.5;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment), in three rows of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  const cols = b.length + 1;
  let beforePrevious = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[cols - 1];
}
