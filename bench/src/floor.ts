/**
 * In-process numbers (run in a child of its own, `bench.js floor <docs.json>`, so the harness's
 * heap does not disturb them): the parse floor — jsonc-parser's parseTree and yaml's
 * parseDocument on the same text — next to our service: its tree (parseDocument of the document
 * layer) and validate(), for a document seen the first time and after an edit.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument as yamlParseDocument } from 'yaml';
import { parseDocument as ourParse } from '../../server/src/service/document/parse';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { prng } from '../../test/support/prng';
import { makeEdits } from './edits';
import type { BenchDocument } from './generate';
import { median } from './stats';

export interface FloorResult {
  name: string;
  samples: number;
  /** jsonc-parser parseTree / yaml parseDocument. */
  parseFloorMs: number;
  /** Our document layer: text → tree (no validation). */
  ourTreeMs: number;
  /** new RequestLanguageService().validate(TextDocument.create(...)). */
  validateFirstMs: number;
  /** validate() of the next version after one keystroke (TextDocument.update not included). */
  validateAfterEditMs: number;
  errors: number;
}

function time(samples: number, run: () => void, warmUp = true): number {
  const times: number[] = [];
  if (warmUp) run(); // JIT; the huge documents run on code the large ones warmed
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function samplesFor(size: BenchDocument['size'], quick: boolean): number {
  const n = { small: 300, medium: 200, large: 8, huge: 1 }[size];
  return quick ? Math.max(1, Math.ceil(n / 5)) : n;
}

export function measureFloor(documents: BenchDocument[], quick: boolean): FloorResult[] {
  // Warm every code path on the small and medium documents first.
  for (const doc of documents.filter((d) => d.size === 'small' || d.size === 'medium')) {
    for (let i = 0; i < 50; i++) new RequestLanguageService().validate(TextDocument.create(pathToFileURL(doc.file).href, doc.syntax, 1, doc.text));
  }
  return documents.map((doc) => {
    const samples = samplesFor(doc.size, quick);
    const uri = pathToFileURL(doc.file).href;
    // The huge documents run once each, on code the large ones warmed up (a YAML parse of 10 MB
    // takes seconds); our tree alone is not measured for them.
    const huge = doc.size === 'huge';
    const parseFloorMs = time(samples, doc.syntax === 'json' ? () => parseTree(doc.text) : () => yamlParseDocument(doc.text), !huge);
    const ourTreeMs = huge ? NaN : time(samples, () => ourParse(doc.text, doc.syntax));
    let errors = 0;
    let service = new RequestLanguageService();
    let document = TextDocument.create(uri, doc.syntax, 1, doc.text);
    const validateFirstMs = time(
      samples,
      () => {
        service = new RequestLanguageService();
        document = TextDocument.create(uri, doc.syntax, 1, doc.text);
        errors = service.validate(document).filter((d) => d.severity === 1).length;
      },
      !huge,
    );
    // After an edit: the last service of the loop above, the next version with one keystroke applied.
    const edits = makeEdits(doc.text, samples + (huge ? 0 : 1), prng(42));
    const times: number[] = [];
    edits.forEach((edit, i) => {
      document = TextDocument.update(document, [{ range: edit.range, text: edit.text }], document.version + 1);
      const start = performance.now();
      const diagnostics = service.validate(document);
      if (i > 0 || huge) times.push(performance.now() - start); // otherwise the first one warms up
      errors = Math.max(errors, diagnostics.filter((d) => d.severity === 1).length);
    });
    return { name: doc.name, samples, parseFloorMs, ourTreeMs, validateFirstMs, validateAfterEditMs: median(times), errors };
  });
}

/** `bench.js floor <documents.json> <out.json> [--quick]`: the child's entry. */
export function floorMain(args: string[]): void {
  const [input, output] = args;
  const documents = (JSON.parse(fs.readFileSync(input, 'utf8')) as Omit<BenchDocument, 'text'>[]).map((d) => ({ ...d, text: fs.readFileSync(d.file, 'utf8') }));
  fs.writeFileSync(output, JSON.stringify(measureFloor(documents, args.includes('--quick'))));
}
