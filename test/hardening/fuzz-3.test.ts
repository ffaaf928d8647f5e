/** Protocol fuzzing, slice 3 of 4 (see fuzz.ts). FUZZ_SEED, FUZZ_STEPS and FUZZ_FILE replay a run. */
import { fuzzSlice } from './fuzz-slice';

fuzzSlice(2);
