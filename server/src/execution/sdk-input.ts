/**
 * A request file's members as the SDK's serializer takes them. The file holds a timestamp as text
 * or as seconds since 1970, as botocore reads it (utils.parse_to_aware_datetime: no zone means
 * UTC); @aws-sdk/client-ec2 serializes only Date objects there and silently drops anything else.
 */
import type { MemberSchema } from '../model/schema-types';

export function withDates(schema: MemberSchema | undefined, value: unknown): unknown {
  if (!schema || value === null || value === undefined) return value;
  if (schema.format === 'date-time') return toDate(value);
  if (Array.isArray(value)) return schema.items ? value.map((item) => withDates(schema.items, item)) : value;
  if (typeof value === 'object' && schema.properties) {
    const output: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value))
      output[key] = withDates(Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined, member);
    return output;
  }
  return value;
}

function toDate(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return new Date(Number(value) * 1000);
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return new Date(Number(text) * 1000);
  // A date and time without a zone is UTC for botocore; for Date.parse it would be local time.
  const zoned = /[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/i.test(text) ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T');
  const parsed = new Date(zoned);
  return Number.isNaN(parsed.getTime()) ? value : parsed;
}
