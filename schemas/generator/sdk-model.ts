/**
 * Reads the EC2 model out of the installed `@aws-sdk/client-ec2` type declarations, syntactically
 * (TypeScript compiler API, no type checker): input interfaces with their members, optionality,
 * member types and TSDoc, and the enum objects.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export type SdkType =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'timestamp' }
  | { kind: 'enum'; name: string; values: string[] }
  | { kind: 'list'; item: SdkType }
  | { kind: 'map'; value: SdkType }
  | { kind: 'structure'; name: string };

export interface SdkMember {
  name: string;
  required: boolean;
  deprecated: boolean;
  type: SdkType;
  /** The member's TSDoc as the SDK ships it (HTML). */
  docHtml: string;
}

export interface SdkModel {
  sdkVersion: string;
  structure(name: string): SdkMember[] | undefined;
  enumValues(name: string): string[] | undefined;
  /** The input shape name of an operation (`CreateNetworkInterfaceRequest`), from its Command declaration. */
  inputShapeOf(operation: string): string | undefined;
}

export function sdkPackageDir(projectRoot: string): string {
  return path.join(projectRoot, 'node_modules', '@aws-sdk', 'client-ec2');
}

export function loadSdkModel(packageDir: string): SdkModel {
  const typesDir = path.join(packageDir, 'dist-types');
  const modelsDir = path.join(typesDir, 'models');
  const interfaces = new Map<string, { decl: ts.InterfaceDeclaration; file: ts.SourceFile }>();
  const enums = new Map<string, string[]>();

  for (const fileName of fs.readdirSync(modelsDir).filter((f) => f.endsWith('.d.ts'))) {
    const file = readSource(path.join(modelsDir, fileName));
    for (const statement of file.statements) {
      if (ts.isInterfaceDeclaration(statement)) {
        interfaces.set(statement.name.text, { decl: statement, file });
      } else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const values = enumValues(declaration);
          if (values && ts.isIdentifier(declaration.name)) enums.set(declaration.name.text, values);
        }
      }
    }
  }

  const toType = (node: ts.TypeNode): SdkType => {
    if (ts.isUnionTypeNode(node)) {
      const defined = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
      if (defined.length !== 1) throw new Error(`Unsupported union type: ${node.getText()}`);
      return toType(defined[0]);
    }
    if (ts.isParenthesizedTypeNode(node)) return toType(node.type);
    if (ts.isArrayTypeNode(node)) return { kind: 'list', item: toType(node.elementType) };
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { kind: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { kind: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { kind: 'boolean' };
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const name = node.typeName.text;
      if (name === 'Date') return { kind: 'timestamp' };
      if (name === 'Uint8Array') return { kind: 'string' };
      if (name === 'Record' && node.typeArguments?.length === 2) return { kind: 'map', value: toType(node.typeArguments[1]) };
      const values = enums.get(name);
      if (values) return { kind: 'enum', name, values };
      if (interfaces.has(name)) return { kind: 'structure', name };
    }
    throw new Error(`Unsupported member type: ${node.getText()}`);
  };

  const structures = new Map<string, SdkMember[]>();
  const structure = (name: string): SdkMember[] | undefined => {
    const cached = structures.get(name);
    if (cached) return cached;
    const found = interfaces.get(name);
    if (!found) return undefined;
    const members: SdkMember[] = [];
    for (const member of found.decl.members) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isIdentifier(member.name)) continue;
      const doc = tsDoc(member, found.file);
      members.push({
        name: member.name.text,
        required: !member.questionToken,
        deprecated: /@deprecated\b/.test(doc),
        type: toType(member.type),
        docHtml: doc.replace(/@(public|deprecated)\b.*$/gms, '').trim(),
      });
    }
    structures.set(name, members);
    return members;
  };

  const inputShapeOf = (operation: string): string | undefined => {
    const commandFile = path.join(typesDir, 'commands', `${operation}Command.d.ts`);
    if (!fs.existsSync(commandFile)) return undefined;
    const file = readSource(commandFile);
    for (const statement of file.statements) {
      if (ts.isInterfaceDeclaration(statement) && statement.name.text === `${operation}CommandInput`) {
        const base = statement.heritageClauses?.[0]?.types[0]?.expression;
        return base && ts.isIdentifier(base) ? base.text : undefined;
      }
    }
    return undefined;
  };

  const sdkVersion = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  return { sdkVersion, structure, inputShapeOf, enumValues: (name) => enums.get(name) };
}

function readSource(fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, fs.readFileSync(fileName, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** `export declare const X: { readonly a: "a"; ... }` → ["a", ...]. */
function enumValues(declaration: ts.VariableDeclaration): string[] | undefined {
  const type = declaration.type;
  if (!type || !ts.isTypeLiteralNode(type)) return undefined;
  const values: string[] = [];
  for (const member of type.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isLiteralTypeNode(member.type)) return undefined;
    if (!ts.isStringLiteral(member.type.literal)) return undefined;
    values.push(member.type.literal.text);
  }
  return values;
}

/** The text of the `/** ... *\/` comment right before a member, without the comment markers. */
function tsDoc(node: ts.Node, file: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(file.text, node.getFullStart()) ?? [];
  const last = ranges.filter((r) => file.text.startsWith('/**', r.pos)).pop();
  if (!last) return '';
  return file.text
    .slice(last.pos + 3, last.end - 2)
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, ''))
    .join('\n')
    .trim();
}
