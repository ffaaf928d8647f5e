/**
 * Running requests against EC2 through @aws-sdk/client-ec2: dry runs, confirmed real runs, the
 * read-only preflight, previews, and the STS helpers. Protocol-free: the language server and the
 * CLI call these and show the results.
 *
 * This module loads the AWS SDK. It is bundled on its own (dist/execution.js) and loaded on first
 * use through load.ts; SDK-free pieces (types, exit codes, redact, fieldProblemsFor) can be
 * imported directly from outcome.ts, redact.ts and field-problems.ts.
 */
// The SDK warns on Node 20 that its FUTURE versions will need Node 22. The SDK here is bundled at a
// pinned version that supports Node 20, so the notice only clutters the CLI and the server log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export { dryRun, run } from './execute';
export { preflight } from './preflight';
export { preview } from './preview';
export { confirmationPrompt, decodeAuthorizationMessage, whoAmI } from './identity';
export { describeResources } from './describe-resources';
export { RESOURCE_KINDS, type DescribedResource, type DescribeResourcesResult, type ResourceKind, type ResourceQuery } from './lookups';
export { fieldProblemsFor } from './field-problems';
export { redact } from './redact';
export * from '../../../contract/outcome';
export * from './request';
