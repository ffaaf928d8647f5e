/**
 * The long fuzz run (`npm run fuzz`): 100,000 steps by default over every example file, in
 * parallel servers. FUZZ_SEED, FUZZ_STEPS, FUZZ_FILE and FUZZ_PARALLEL (servers, default 2) set
 * it up; a failure prints the step and how to replay it, and the exit code is 1.
 */
import { exampleFiles, FuzzFailure, fuzzSeed, fuzzSteps, runFuzz, sliceFiles } from './fuzz';

async function main(): Promise<void> {
  const seed = fuzzSeed();
  const steps = fuzzSteps(100_000);
  const parallel = Math.max(1, Number(process.env.FUZZ_PARALLEL) || 2);
  const slices = process.env.FUZZ_FILE ? [sliceFiles(0, 1)] : Array.from({ length: parallel }, (_, i) => exampleFiles().filter((_, j) => j % parallel === i));
  console.log(`fuzzing ${steps} steps over ${slices.flat().length} example files in ${slices.length} server(s), seed ${seed}`);
  const started = performance.now();
  let done = 0;
  const results = await Promise.allSettled(
    slices.map((files, i) =>
      runFuzz({
        seed,
        steps: Math.floor(steps / slices.length) + (i < steps % slices.length ? 1 : 0),
        files,
        label: `server ${i + 1}/${slices.length}`,
        progress: () => {
          done += 1000;
          if (done % 10_000 === 0) console.log(`  ${done} steps, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        },
      }),
    ),
  );
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  const total = results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value.steps : 0), 0);
  const applied = results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value.offeredEditsApplied : 0), 0);
  for (const failure of failures) console.error(failure.reason instanceof FuzzFailure ? failure.reason.message : failure.reason);
  console.log(
    `${failures.length ? 'FAILED' : 'ok'}: ${total} steps completed (${applied} applied completions and quick fixes) in ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed}`,
  );
  process.exitCode = failures.length ? 1 : 0;
}

void main();
