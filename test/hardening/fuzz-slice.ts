/**
 * One slice of the CI fuzz run: the example files are dealt over SLICES test files so that
 * `node --test` runs them in parallel; together they make at least 10,000 steps per run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzSeed, fuzzSteps, runFuzz, sliceFiles } from './fuzz';

export const SLICES = 4;
/** Steps per slice in CI: 4 × 2,500 = 10,000. */
export const STEPS_PER_SLICE = 2_500;

export function fuzzSlice(index: number): void {
  const seed = fuzzSeed();
  const steps = fuzzSteps(STEPS_PER_SLICE);
  const files = sliceFiles(index, SLICES);
  test(
    `fuzz slice ${index + 1}/${SLICES}: ${steps} edit steps over ${files.length} example files through the protocol (seed ${seed})`,
    { timeout: 180_000 },
    async (t) => {
      const replay = `node --test out/test/hardening/fuzz-${index + 1}.test.js`;
      const result = await runFuzz({ seed, steps, files, label: `slice ${index + 1}/${SLICES}`, replay });
      const message = `fuzz slice ${index + 1}/${SLICES}: ${result.steps} steps (${result.offeredEditsApplied} applied completions and quick fixes) in ${(result.elapsedMs / 1000).toFixed(1)} s, seed ${seed}`;
      t.diagnostic(message);
      assert.equal(result.steps, steps);
    },
  );
}
