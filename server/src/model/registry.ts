/**
 * The operations the product knows, with their generated schemas (embedded in the bundle at build
 * time from build/schemas/index.json). Lookups by API name and by AWS CLI command name.
 */
import generatedIndex from '../../../build/schemas/index.json';
import type { MemberSchema, OperationSchema } from './schema-types';

interface GeneratedIndex {
  sdkVersion: string;
  operations: Record<string, OperationSchema>;
}

const index = generatedIndex as unknown as GeneratedIndex;

export class OperationRegistry {
  private readonly byName = new Map<string, OperationSchema>();
  private readonly byCliCommand = new Map<string, OperationSchema>();

  constructor(generated: GeneratedIndex = index) {
    this.sdkVersion = generated.sdkVersion;
    for (const schema of Object.values(generated.operations)) {
      this.byName.set(schema['x-operation'].name, schema);
      this.byCliCommand.set(schema['x-operation'].cliCommand, schema);
    }
  }

  readonly sdkVersion: string;

  all(): OperationSchema[] {
    return [...this.byName.values()];
  }

  /** By API name (`CreateNetworkInterface`) or CLI command (`create-network-interface`). */
  get(nameOrCommand: string): OperationSchema | undefined {
    return this.byName.get(nameOrCommand) ?? this.byCliCommand.get(nameOrCommand.toLowerCase());
  }
}

/** The schema of the member at a path of keys and array indexes, from an operation's root schema. */
export function schemaAtPath(root: MemberSchema, path: readonly (string | number)[]): MemberSchema | undefined {
  let current: MemberSchema | undefined = root;
  for (const step of path) {
    if (!current) return undefined;
    if (typeof step === 'number') current = current.items;
    // Own members only: a key written `constructor` or `__proto__` must not find Object.prototype's.
    else if (current.properties && Object.hasOwn(current.properties, step)) current = current.properties[step];
    else current = typeof current.additionalProperties === 'object' ? current.additionalProperties : undefined;
  }
  return current;
}
