/**
 * Values written where the user must fill something in (a missing member's quick fix, a new
 * request): valid in type and syntax, so the file stays valid, yet unmistakable — an ID of all
 * zeros names no real resource, and the validator points it out (information, placeholder-value).
 */
import type { AddressFormat, MemberSchema } from './schema-types';

const ADDRESS_PLACEHOLDERS: Record<AddressFormat, string> = {
  ipv4: '10.0.0.10',
  ipv6: '2001:db8::10',
  'ipv4-prefix': '10.0.0.16/28',
  'ipv6-prefix': '2001:db8::/80',
};

const NAMED_PLACEHOLDER = 'change-me';

export function placeholderFor(schema: MemberSchema | undefined): unknown {
  if (!schema) return '';
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      // Its own required members too (RequestSpotFleet's SpotFleetRequestConfig: IamFleetRole, TargetCapacity).
      return Object.fromEntries((schema.required ?? []).map((key) => [key, placeholderFor(schema.properties?.[key])]));
    default:
      if (schema['x-idKind']) return `${schema['x-idKind']}-00000000`;
      if (schema['x-format']) return ADDRESS_PLACEHOLDERS[schema['x-format']];
      // A string with a minimum length (LaunchTemplateName: 3) gets a word that says what to do.
      if (schema.minLength)
        return schema.minLength <= NAMED_PLACEHOLDER.length && (schema.maxLength ?? Infinity) >= NAMED_PLACEHOLDER.length
          ? NAMED_PLACEHOLDER
          : 'x'.repeat(schema.minLength);
      return '';
  }
}

/** An ID placeholder left in place (addresses are not flagged: 10.0.0.10 may well be meant). */
export function isPlaceholder(value: string, schema: MemberSchema): boolean {
  return schema['x-idKind'] !== undefined && value === placeholderFor(schema);
}
