/**
 * The JSON Schema subset the generator emits and the validator reads. Standard keywords keep the
 * generated schemas usable by any JSON Schema tool; `x-` keywords carry what the product adds.
 */

export type IdKind = 'eni' | 'subnet' | 'sg' | 'i' | 'vpc' | 'eni-attach' | 'eipalloc' | 'eipassoc';
export type AddressFormat = 'ipv4' | 'ipv6' | 'ipv4-prefix' | 'ipv6-prefix';

export interface FilterInfo {
  name: string;
  markdownDescription: string;
  values?: string[];
}

export interface MemberSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  format?: 'date-time';
  description?: string;
  markdownDescription?: string;
  deprecated?: boolean;
  properties?: Record<string, MemberSchema>;
  required?: string[];
  additionalProperties?: boolean | MemberSchema;
  items?: MemberSchema;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  /** The SDK structure or enum this schema was generated from. */
  'x-shape'?: string;
  /** The resource ID kind this string holds (the malformed-id rule checks it). */
  'x-idKind'?: IdKind;
  /** The address syntax this string holds (the malformed-address rule checks it). */
  'x-format'?: AddressFormat;
  /** The rule code to report this member's range, length and enum violations under. */
  'x-code'?: string;
  /** On a `Filters` member: the operation's filter names, from the SDK docs. */
  'x-filters'?: FilterInfo[];
}

export interface OperationInfo {
  name: string;
  cliCommand: string;
  docUrl: string;
  inputShape: string;
  hasDryRun: boolean;
  sdkVersion: string;
}

export interface OperationSchema extends MemberSchema {
  $schema: string;
  $id: string;
  title: string;
  'x-operation': OperationInfo;
}
