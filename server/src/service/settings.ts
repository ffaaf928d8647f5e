/**
 * The one reader of the `eniRequests` settings (contract/protocol.ts RequestSettings), from whatever
 * a client sends: workspace/configuration, workspace/didChangeConfiguration or the initialization
 * options. Anything malformed falls back to the default, member by member.
 */
import type { RequestSettings } from '../../../contract/protocol';
import { CONSUMERS, type Consumer } from '../model/aws-cli';
import { MAX_TIMEOUT_SECONDS, type RunnerSettings } from './running/runner';
import { DEFAULT_SETTINGS, type ServiceSettings } from './service-types';

export interface Settings {
  readonly service: ServiceSettings;
  readonly run: Pick<RunnerSettings, 'profile' | 'region' | 'timeoutSeconds'>;
  /** Opt-in look-ups with the user's credentials. */
  readonly liveChecks: boolean;
}

export function readSettings(raw: unknown): Settings {
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as { [K in keyof RequestSettings]?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const timeout = section.timeoutSeconds;
  return {
    service: {
      fileAssociations: stringMap(section.fileAssociations, (value): value is string => typeof value === 'string'),
      consumers: stringMap(section.consumers, (value): value is Consumer => CONSUMERS.includes(value as Consumer)),
      maxDocumentSize: typeof section.maxFileSize === 'number' && section.maxFileSize > 0 ? section.maxFileSize : DEFAULT_SETTINGS.maxDocumentSize,
      defaultConsumer: DEFAULT_SETTINGS.defaultConsumer,
    },
    run: {
      profile: text(section.profile),
      region: text(section.region),
      timeoutSeconds: typeof timeout === 'number' && timeout > 0 ? Math.min(timeout, MAX_TIMEOUT_SECONDS) : undefined,
    },
    liveChecks: section.liveChecks === true,
  };
}

/** Glob → value, keeping only the entries whose value passes `valid`. */
function stringMap<T>(raw: unknown, valid: (value: unknown) => value is T): Record<string, T> {
  const map: Record<string, T> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return map;
  for (const [glob, value] of Object.entries(raw)) if (valid(value)) map[glob] = value;
  return map;
}
