/**
 * Build step: one JSON Schema per supported operation from the installed `@aws-sdk/client-ec2`,
 * with the overlays applied. Writes build/schemas/<Operation>.schema.json and
 * build/schemas/index.json (all of them, which the server bundle embeds), then the validation
 * code compiled from their exported form (validators.ts: build/validators).
 * Usage: node build/generate.js <projectRoot>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OperationSchema } from '../../server/src/model/schema-types';
import { buildOperationSchema } from './build-schemas';
import { SUPPORTED_OPERATIONS } from './operations';
import { applyOverlays, loadOverlays, type Overlay } from './overlays';
import { loadSdkModel, sdkPackageDir, type SdkModel } from './sdk-model';
import { writeValidators } from './validators';

export interface GeneratedSchemas {
  sdkVersion: string;
  operations: Record<string, OperationSchema>;
}

export function generateSchemas(model: SdkModel, overlays: Overlay[]): { generated: GeneratedSchemas; problems: string[] } {
  const schemas = new Map<string, OperationSchema>();
  for (const operation of SUPPORTED_OPERATIONS) schemas.set(operation, buildOperationSchema(model, operation));
  const problems = applyOverlays(schemas, overlays, model);
  return { generated: { sdkVersion: model.sdkVersion, operations: Object.fromEntries(schemas) }, problems };
}

function main(): void {
  const root = path.resolve(process.argv[2] ?? '.');
  const started = Date.now();
  const model = loadSdkModel(sdkPackageDir(root));
  const { generated, problems } = generateSchemas(model, loadOverlays(path.join(root, 'schemas', 'overlays')));
  if (problems.length) {
    console.error(`Overlays do not match @aws-sdk/client-ec2 ${model.sdkVersion}:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const outDir = path.join(root, 'build', 'schemas');
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, schema] of Object.entries(generated.operations)) {
    fs.writeFileSync(path.join(outDir, `${name}.schema.json`), JSON.stringify(schema, null, 2) + '\n');
  }
  fs.writeFileSync(path.join(outDir, 'index.json'), JSON.stringify(generated) + '\n');
  const count = Object.keys(generated.operations).length;
  console.log(`schemas: ${count} operations from @aws-sdk/client-ec2 ${model.sdkVersion} in ${Date.now() - started} ms`);
  const validators = writeValidators(root, Object.values(generated.operations));
  console.log(validators.compiled ? `validators: compiled with ajv in ${validators.ms} ms` : 'validators: up to date');
}

if (require.main === module) main();
