/**
 * The contract between the language server and its clients, beyond standard LSP: the commands the
 * server executes (`workspace/executeCommand`), its initialization options and its settings. Any
 * LSP client can use them; the VS Code client wraps them in palette commands, lenses and progress.
 * SDK-free and tiny: the client bundle imports it.
 */

export const ServerCommand = {
  /** [message: string]: shows an explanation (the quick fix for a group name where an ID belongs). */
  explain: 'eni-requests.explain',
  /** [uri]: sends the request with DryRun=true → ExecutionResult. For operations without DryRun: kind 'no-dry-run'. */
  dryRun: 'eni-requests.dryRun',
  /** [uri]: read-only preflight of an Assign/Unassign request (DescribeNetworkInterfaces) → PreflightResult. */
  preflight: 'eni-requests.preflight',
  /** [uri]: the exact HTTP request and the equivalent aws CLI command, nothing sent → PreviewResult. */
  preview: 'eni-requests.preview',
  /** [uri]: who a real run would act as → ConfirmationInfo (operation, region, profile, account, prompt). */
  whoAmI: 'eni-requests.whoAmI',
  /** [uri, { confirmed: boolean }]: a REAL run. Without confirmed: true the server asks (window/showMessageRequest). */
  run: 'eni-requests.run',
  /** [encodedMessage: string, uri]: STS DecodeAuthorizationMessage → DecodeResult. */
  decodeAuthorizationMessage: 'eni-requests.decodeAuthorizationMessage',
  /** [] → OperationSummary[]: the supported operations, for a "new request" picker. */
  operations: 'eni-requests.operations',
  /** [operation: string, syntax: 'json' | 'yaml'] → NewRequestTemplate: a request with the required members. */
  newRequest: 'eni-requests.newRequest',
  /**
   * [uri, options?: LayoutOptions] → LayoutResult (format markdown, the default) or LayoutTextResult
   * (format text): the network layout of an open request (cards, device indexes, interface types,
   * the problems on each entry). No AWS.
   */
  layout: 'eni-requests.layout',
} as const;

export type ServerCommandId = (typeof ServerCommand)[keyof typeof ServerCommand];

export interface InitializationOptions {
  /** False in an untrusted workspace: the server never sends a request. Default true. */
  executionAllowed?: boolean;
  /** EC2 endpoint, from a machine-scoped setting only (never a workspace: it would redirect signed requests). */
  endpoint?: string;
  /** The client shows execution results itself: the server does not echo them with window/showMessage. */
  clientShowsResults?: boolean;
}

/** The settings section the server reads with workspace/configuration. */
export const SETTINGS_SECTION = 'eniRequests';

export interface RequestSettings {
  /** Glob → operation, for files that follow neither the naming convention nor have a modeline. */
  fileAssociations?: Record<string, string>;
  /** Glob → `aws-cli` or `sdk`: who reads the matching request files (default: the AWS CLI). */
  consumers?: Record<string, 'aws-cli' | 'sdk'>;
  /** Characters; larger documents get one notice instead of diagnostics. */
  maxFileSize?: number;
  /** AWS profile for runs; else AWS_PROFILE, else the default profile. */
  profile?: string;
  /** Region for runs; else AWS_REGION / AWS_DEFAULT_REGION, else the profile's region. */
  region?: string;
  /** Per-request timeout for runs. */
  timeoutSeconds?: number;
  /** Read-only Describe look-ups of the IDs in a request (warnings, completion of real IDs). Default false. */
  liveChecks?: boolean;
}

export interface OperationSummary {
  name: string;
  cliCommand: string;
  hasDryRun: boolean;
  description: string;
}

/**
 * The CLI commands of the operations whose requests hold interface entries, where a layout can be
 * shown: the client offers "Show network layout" on them without asking the server. The server's
 * LAYOUT_OPERATIONS, in CLI form (a test keeps the two the same).
 */
export const LAYOUT_COMMANDS: readonly string[] = [
  'run-instances',
  'create-launch-template',
  'create-launch-template-version',
  'request-spot-instances',
  'request-spot-fleet',
];

/** `markdown`: a grid of network cards × device indexes per launch specification; `text`: the table of `eni-requests layout`. */
export type LayoutFormat = 'markdown' | 'text';

/** The second argument of eni-requests.layout. */
export interface LayoutOptions {
  /** Default `markdown`. */
  format?: LayoutFormat;
}

/** Whether there is a layout, or why not: the document is not open in the server, is not a request file, or has no interface entries. */
export type LayoutKind = 'layout' | 'not-open' | 'not-a-request' | 'no-entries';

export interface LayoutResult {
  kind: LayoutKind;
  /** The layout, or one paragraph saying why there is none. */
  markdown: string;
  /** Why there is no layout, one plain sentence (for a notification); absent with a layout. */
  message?: string;
}

export interface LayoutTextResult {
  kind: LayoutKind;
  /** The layout as fixed-width text, or one line saying why there is none. */
  text: string;
  message?: string;
}

export interface NewRequestTemplate {
  /** Suggested file name, by the convention: `new.<cli-command>.<json|yaml>`. */
  fileName: string;
  content: string;
}

export interface ConfirmationInfo {
  operation: string;
  region: string;
  profile: string;
  account?: string;
  arn?: string;
  /** One sentence naming all of the above, for a modal confirmation. */
  prompt: string;
}
