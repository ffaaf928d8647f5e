/** Turns the SDK model of each supported operation into a JSON Schema, then applies the overlays. */
import type { MemberSchema, OperationSchema } from '../../server/src/model/schema-types';
import { parseFilterDocs } from './filters';
import { firstSentence, htmlToMarkdown } from './html-to-markdown';
import { apiReferenceUrl, cliCommandName } from './operations';
import type { SdkMember, SdkModel, SdkType } from './sdk-model';

export function buildOperationSchema(model: SdkModel, operation: string): OperationSchema {
  const inputShape = model.inputShapeOf(operation);
  if (!inputShape) throw new Error(`The installed SDK has no ${operation}Command`);
  const members = model.structure(inputShape);
  if (!members) throw new Error(`The installed SDK has no shape ${inputShape} for ${operation}`);
  const body = structureSchema(model, inputShape, members, []);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://eni-requests.invalid/schemas/${operation}.schema.json`,
    title: `${operation} request (aws ec2 ${cliCommandName(operation)})`,
    ...body,
    'x-operation': {
      name: operation,
      cliCommand: cliCommandName(operation),
      docUrl: apiReferenceUrl(operation),
      inputShape,
      hasDryRun: members.some((m) => m.name === 'DryRun'),
      sdkVersion: model.sdkVersion,
    },
  };
}

function structureSchema(model: SdkModel, name: string, members: SdkMember[], stack: string[]): MemberSchema {
  const properties: Record<string, MemberSchema> = {};
  for (const member of members) {
    const markdown = htmlToMarkdown(member.docHtml);
    const schema: MemberSchema = {
      ...typeSchema(model, member.type, [...stack, name]),
      ...(markdown ? { description: firstSentence(markdown), markdownDescription: markdown } : {}),
      ...(member.deprecated ? { deprecated: true } : {}),
    };
    if (member.name === 'Filters' && schema.type === 'array') schema['x-filters'] = parseFilterDocs(member.docHtml);
    properties[member.name] = schema;
  }
  const required = members.filter((m) => m.required).map((m) => m.name);
  return {
    type: 'object',
    'x-shape': name,
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

function typeSchema(model: SdkModel, type: SdkType, stack: string[]): MemberSchema {
  switch (type.kind) {
    case 'string':
      return { type: 'string' };
    case 'number':
      // Every numeric member of these operations' inputs is an EC2 Integer.
      return { type: 'integer' };
    case 'boolean':
      return { type: 'boolean' };
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'enum':
      return { type: 'string', enum: [...type.values], 'x-shape': type.name };
    case 'list':
      return { type: 'array', items: typeSchema(model, type.item, stack) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(model, type.value, stack) };
    case 'structure': {
      // Structures are inlined so overlays can target one use site; a recursive one stops here.
      if (stack.includes(type.name)) return { type: 'object', 'x-shape': type.name };
      const members = model.structure(type.name);
      if (!members) throw new Error(`Unknown SDK shape ${type.name}`);
      return structureSchema(model, type.name, members, stack);
    }
  }
}
