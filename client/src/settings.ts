/**
 * Settings and workspace trust: what the client reads itself (the server reads the `eniRequests`
 * section through workspace/configuration), and the one gate in front of everything that sends a
 * request to AWS.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION, type InitializationOptions } from '../../contract/protocol';

const section = () => vscode.workspace.getConfiguration(SETTINGS_SECTION);

/**
 * The EC2 endpoint from the machine-scoped `eniRequests.endpoint`, read from the user (global)
 * value only: a workspace or folder value is ignored even if one was written by hand, because a
 * repository must never redirect requests signed with the user's credentials.
 */
export function endpointSetting(): string | undefined {
  const value = section().inspect<string>('endpoint')?.globalValue;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** What the server is told when it starts; read again at every (re)start. */
export function initializationOptions(): InitializationOptions {
  return { executionAllowed: vscode.workspace.isTrusted, endpoint: endpointSetting(), clientShowsResults: true };
}

/** Running requests (dry runs included) needs a trusted workspace; diagnostics do not. */
export function executionAllowed(): boolean {
  return vscode.workspace.isTrusted;
}

export const UNTRUSTED_MESSAGE =
  'ENI Requests: requests are not sent from an untrusted workspace (diagnostics still work). Trust this workspace to dry-run or run requests.';

/**
 * Refuses an execution in an untrusted workspace with a clear message; true when it refused.
 * Not awaited by the caller: the message's button must not hold the command open.
 */
export function refuseIfUntrusted(): boolean {
  if (executionAllowed()) return false;
  void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return true;
}

export function profileSetting(): string | undefined {
  return section().get<string>('profile')?.trim() || undefined;
}

export function regionSetting(): string | undefined {
  return section().get<string>('region')?.trim() || undefined;
}

/**
 * Writes a setting where it takes effect: the workspace when the workspace already sets it (a user
 * value would stay shadowed), else the user settings. `undefined` removes the value.
 */
export async function writeSetting(key: 'profile' | 'region', value: string | undefined): Promise<void> {
  const config = section();
  const inspected = config.inspect<string>(key);
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}
