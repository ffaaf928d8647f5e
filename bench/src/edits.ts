/**
 * Realistic keystrokes on a bench document, computed once and replayed identically against every
 * server: typing a word into a description string (then backspacing part of it), changing one
 * character of a resource ID to another hex digit, toggling a digit of an address. Every edit is on
 * one line and every burst leaves the offsets as it found them, so all sites are located once, in
 * the original text. Each edit keeps the request valid (the bench asserts zero errors after each).
 */
import type { Random } from './generate';

export interface Edit {
  /** Offset in the text before this edit. */
  offset: number;
  /** Characters replaced (0 = insertion). */
  deleteCount: number;
  text: string;
  /** The same as an LSP range, in the text before this edit. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  kind: 'type' | 'backspace' | 'id-char' | 'digit';
}

interface Site {
  kind: 'string' | 'id' | 'digit';
  /** Start of the editable run (string content, hex digits of an ID, a digit). */
  offset: number;
  length: number;
}

/** Editable places in the document: description-like strings, resource IDs, last digits of IPv4 hosts. */
function findSites(text: string): Site[] {
  const sites: Site[] = [];
  // Strings a user types into: Description members, description filters' values, tag values.
  // Only text with a space: enumerated values (`available`, `in-use`) stay as they are.
  for (const m of text.matchAll(/(Description"?: "?|Value"?: "?|- "?|\n +")([a-z]+ [a-z0-9 ]*[a-z0-9])/g)) {
    sites.push({ kind: 'string', offset: m.index! + m[1].length, length: m[2].length });
  }
  for (const m of text.matchAll(/\b(?:subnet|sg|eni|vpc)-0([0-9a-f]{16})\b/g)) {
    sites.push({ kind: 'id', offset: m.index! + m[0].length - 16, length: 16 });
  }
  // The last digit of an IPv4 host part of 3 digits (100-250): toggling it (0↔1, 2↔3…) stays in range.
  for (const m of text.matchAll(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.(1\d\d|2[0-4]\d)\b/g)) {
    sites.push({ kind: 'digit', offset: m.index! + m[0].length - 1, length: 1 });
  }
  return sites;
}

/** Line starts of `text`, for offset → position. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}

const LETTERS = 'etaoinshrdlucmfwyp';

/**
 * `count` edits: bursts of typing (3-6 letters, then 1-2 backspaces and the rest deleted later so
 * the text returns to its original length), single-character ID changes and digit toggles, at
 * sites spread over the whole document (digit toggles only where the document has IPv4 addresses).
 */
export function makeEdits(text: string, count: number, random: Random): Edit[] {
  const sites = findSites(text);
  const starts = lineStarts(text);
  const byKind = {
    string: sites.filter((s) => s.kind === 'string'),
    id: sites.filter((s) => s.kind === 'id'),
    digit: sites.filter((s) => s.kind === 'digit'),
  };
  // A document without IPv4 addresses (the p5 launch template: EFA-only entries take none) gets ID edits instead.
  for (const kind of ['string', 'id'] as const) if (!byKind[kind].length) throw new Error(`no ${kind} sites to edit`);
  /** Characters changed so far (same-length replacements), by offset. */
  const changed = new Map<number, string>();
  const charAt = (offset: number) => changed.get(offset) ?? text[offset];
  const edits: Edit[] = [];
  const push = (edit: Omit<Edit, 'range'>, shiftOnLine = 0) => {
    // Within a burst the line's characters after the cursor have moved by `shiftOnLine`.
    const start = positionAt(starts, edit.offset - shiftOnLine);
    start.character += shiftOnLine;
    const end = { line: start.line, character: start.character + edit.deleteCount };
    edits.push({ ...edit, range: { start, end } });
  };
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  while (edits.length < count) {
    const roll = random();
    if (roll < 0.6) {
      // Typing: the cursor somewhere inside the string, a few letters, then everything typed is removed.
      const site = pick(byKind.string);
      const cursor = site.offset + 1 + Math.floor(random() * (site.length - 1));
      const typed = Array.from({ length: 3 + Math.floor(random() * 4) }, () => LETTERS[Math.floor(random() * LETTERS.length)]);
      typed.forEach((letter, i) => push({ kind: 'type', offset: cursor + i, deleteCount: 0, text: letter }, i));
      for (let i = typed.length; i > 0; i--) push({ kind: 'backspace', offset: cursor + i - 1, deleteCount: 1, text: '' }, i - 1);
    } else if (roll < 0.8 || !byKind.digit.length) {
      const site = pick(byKind.id);
      const offset = site.offset + Math.floor(random() * site.length);
      const digits = '0123456789abcdef'.replace(charAt(offset), '');
      const next = digits[Math.floor(random() * digits.length)];
      changed.set(offset, next);
      push({ kind: 'id-char', offset, deleteCount: 1, text: next });
    } else {
      const site = pick(byKind.digit);
      const next = String(Number(charAt(site.offset)) ^ 1);
      changed.set(site.offset, next);
      push({ kind: 'digit', offset: site.offset, deleteCount: 1, text: next });
    }
  }
  return edits.slice(0, count);
}

/** The text after applying `edits` in order (to check that replaying them is consistent). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.deleteCount);
  return result;
}
