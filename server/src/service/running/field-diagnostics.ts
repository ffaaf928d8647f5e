/**
 * The members EC2 or the preflight complained about → diagnostics on the request file, each with
 * the source that says who found it: `ec2` for what EC2 answered (a dry run, a run), `preflight`
 * for what the read-only preflight concluded from its Describe calls (EC2 never saw the request).
 * Both differ from the static rules' `eni-requests` and the live checks' `ec2-live`; the CLI shows
 * the source before the code (`[ec2:InvalidSubnetID.NotFound]`, `[preflight:outside-subnet]`).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { FieldProblem } from '../../../../contract/outcome';
import { rangeOf } from '../diagnostics';
import { getProperty, nodeAtPath } from '../document/navigate';
import type { ValueNode } from '../document/tree';
import type { RequestAnalysis } from '../service-types';

/** EC2's answer to a dry run or a run. */
export const EC2_DIAGNOSTIC_SOURCE = 'ec2';
/** The preflight's findings: no space, so the CLI's `[preflight:<code>]` stays one word for problem matchers. */
export const PREFLIGHT_DIAGNOSTIC_SOURCE = 'preflight';

export type FieldProblemSource = typeof EC2_DIAGNOSTIC_SOURCE | typeof PREFLIGHT_DIAGNOSTIC_SOURCE;

export function fieldProblemDiagnostics(analysis: RequestAnalysis, problems: readonly FieldProblem[], source: FieldProblemSource): Diagnostic[] {
  const root = analysis.parsed?.root;
  if (!root) return [];
  return problems.map((problem) => {
    const span = spanOf(root, problem.path);
    return {
      range: rangeOf(analysis.document, span.offset, span.length),
      severity: DiagnosticSeverity.Error,
      source,
      code: problem.code,
      message: problem.message,
    };
  });
}

/**
 * Where a member path is written: a member's key (the last of duplicates, the one the request
 * sent), an array item itself. A path the file does not have falls back to its nearest ancestor,
 * and at last to the start of the request.
 */
function spanOf(root: ValueNode, path: readonly (string | number)[]): { offset: number; length: number } {
  for (let depth = path.length; depth > 0; depth--) {
    const container = nodeAtPath(root, path.slice(0, depth - 1));
    const step = path[depth - 1];
    if (container?.kind === 'object' && typeof step === 'string') {
      const property = getProperty(container, step);
      if (property) return property.key;
    } else if (container?.kind === 'array' && typeof step === 'number' && container.items[step]) {
      return container.items[step];
    }
  }
  return { offset: root.offset, length: Math.min(root.length, 1) };
}
