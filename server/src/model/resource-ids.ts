import type { IdKind } from './schema-types';

/** What each ID kind is called in messages. */
export const ID_KIND_NAMES: Record<IdKind, string> = {
  eni: 'network interface ID (eni-…)',
  subnet: 'subnet ID (subnet-…)',
  sg: 'security group ID (sg-…)',
  i: 'instance ID (i-…)',
  vpc: 'VPC ID (vpc-…)',
  'eni-attach': 'network interface attachment ID (eni-attach-…)',
  eipalloc: 'Elastic IP allocation ID (eipalloc-…)',
  eipassoc: 'Elastic IP association ID (eipassoc-…)',
};

// Longest prefixes first, so `eni-attach-…` is not read as an `eni-` ID.
const KINDS_BY_PREFIX_LENGTH = (Object.keys(ID_KIND_NAMES) as IdKind[]).sort((a, b) => b.length - a.length);

/** The ID kind a string's prefix claims, whether or not the hex part is well formed. */
export function idKindOf(value: string): IdKind | undefined {
  return KINDS_BY_PREFIX_LENGTH.find((kind) => value.startsWith(`${kind}-`));
}

/** `<kind>-` followed by 8 or 17 lowercase hex digits. */
export function isWellFormedId(value: string, kind: IdKind): boolean {
  return idPattern(kind).test(value);
}

export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${kind}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`);
}
