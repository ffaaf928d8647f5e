/** Protocol fuzzing, slice 4 of 4 (see fuzz.ts). FUZZ_SEED, FUZZ_STEPS and FUZZ_FILE replay a run. */
import { fuzzSlice } from './fuzz-slice';

fuzzSlice(3);
