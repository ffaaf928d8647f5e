/**
 * The profiles the user has (from the shared config and credentials files, read with a tiny INI
 * reader: only section names and their keys are needed) and the regions to pick from. Nothing here
 * resolves credentials: the server does that with the SDK's standard chain.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export type IniSections = Map<string, Map<string, string>>;

/** `[section]` headers and `key = value` lines; `#`/`;` comments; indented lines continue a value (sub-properties) and are skipped. */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (/^\s*(?:[#;].*)?$/.test(raw)) continue;
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/.exec(raw);
    if (header) {
      current = sections.get(header[1]) ?? new Map();
      sections.set(header[1], current);
      continue;
    }
    if (/^\s/.test(raw)) continue;
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(raw);
    if (pair && current) current.set(pair[1].trim(), pair[2].trim());
  }
  return sections;
}

export interface ProfileEntry {
  name: string;
  /** The files it appears in: 'config', 'credentials'. */
  sources: string[];
  region?: string;
  ssoStartUrl?: string;
}

export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_CONFIG_FILE || path.join(os.homedir(), '.aws', 'config');
}

export function credentialsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || path.join(os.homedir(), '.aws', 'credentials');
}

/**
 * Profiles from both files. In the config file a profile is `[profile name]` (or `[default]`);
 * `[sso-session x]` and `[services x]` sections are not profiles. In the credentials file every
 * section is a profile.
 */
export function profilesFrom(config: string, credentials: string): ProfileEntry[] {
  const profiles = new Map<string, ProfileEntry>();
  const add = (name: string, source: string, keys: Map<string, string>) => {
    const entry = profiles.get(name) ?? { name, sources: [] };
    if (!entry.sources.includes(source)) entry.sources.push(source);
    entry.region ??= keys.get('region');
    entry.ssoStartUrl ??= keys.get('sso_start_url');
    profiles.set(name, entry);
  };
  for (const [section, keys] of parseIni(config)) {
    if (section === 'default') add('default', 'config', keys);
    else {
      const match = /^profile\s+(.+)$/.exec(section);
      if (match) add(match[1].trim(), 'config', keys);
    }
  }
  for (const [section, keys] of parseIni(credentials)) add(section, 'credentials', keys);
  return [...profiles.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

async function readIfExists(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return '';
  }
}

export async function readProfiles(env: NodeJS.ProcessEnv = process.env): Promise<ProfileEntry[]> {
  const [config, credentials] = await Promise.all([readIfExists(configFilePath(env)), readIfExists(credentialsFilePath(env))]);
  return profilesFrom(config, credentials);
}

/** Commercial, GovCloud and China regions, with their names, for the region picker. */
export const REGIONS: readonly { id: string; name: string }[] = [
  { id: 'us-east-1', name: 'US East (N. Virginia)' },
  { id: 'us-east-2', name: 'US East (Ohio)' },
  { id: 'us-west-1', name: 'US West (N. California)' },
  { id: 'us-west-2', name: 'US West (Oregon)' },
  { id: 'af-south-1', name: 'Africa (Cape Town)' },
  { id: 'ap-east-1', name: 'Asia Pacific (Hong Kong)' },
  { id: 'ap-east-2', name: 'Asia Pacific (Taipei)' },
  { id: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { id: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
  { id: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { id: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { id: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)' },
  { id: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
  { id: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)' },
  { id: 'ap-southeast-7', name: 'Asia Pacific (Thailand)' },
  { id: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { id: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { id: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
  { id: 'ca-central-1', name: 'Canada (Central)' },
  { id: 'ca-west-1', name: 'Canada West (Calgary)' },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { id: 'eu-central-2', name: 'Europe (Zurich)' },
  { id: 'eu-west-1', name: 'Europe (Ireland)' },
  { id: 'eu-west-2', name: 'Europe (London)' },
  { id: 'eu-west-3', name: 'Europe (Paris)' },
  { id: 'eu-south-1', name: 'Europe (Milan)' },
  { id: 'eu-south-2', name: 'Europe (Spain)' },
  { id: 'eu-north-1', name: 'Europe (Stockholm)' },
  { id: 'il-central-1', name: 'Israel (Tel Aviv)' },
  { id: 'me-south-1', name: 'Middle East (Bahrain)' },
  { id: 'me-central-1', name: 'Middle East (UAE)' },
  { id: 'mx-central-1', name: 'Mexico (Central)' },
  { id: 'sa-east-1', name: 'South America (São Paulo)' },
  { id: 'us-gov-east-1', name: 'AWS GovCloud (US-East)' },
  { id: 'us-gov-west-1', name: 'AWS GovCloud (US-West)' },
  { id: 'cn-north-1', name: 'China (Beijing)' },
  { id: 'cn-northwest-1', name: 'China (Ningxia)' },
];
