/**
 * The status bar item: who a run would act as (profile) and where (region), shown while a request
 * file is the active editor. Clicking it picks the profile.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../contract/protocol';
import { isRequestDocument } from './request-file';
import { executionAllowed, profileSetting, regionSetting } from './settings';

/** The profile and region as the server will resolve them: setting, then environment, then the SDK's default. */
export function identityLabel(env: NodeJS.ProcessEnv = process.env): { profile: string; region: string; tooltip: string } {
  const profileFromSetting = profileSetting();
  const regionFromSetting = regionSetting();
  const profile = profileFromSetting ?? env.AWS_PROFILE ?? 'default';
  const envRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const region = regionFromSetting ?? envRegion ?? 'from environment';
  const profileSource = profileFromSetting ? 'setting eniRequests.profile' : env.AWS_PROFILE ? 'AWS_PROFILE' : 'the default profile';
  const regionSource = regionFromSetting
    ? 'setting eniRequests.region'
    : envRegion
      ? env.AWS_REGION
        ? 'AWS_REGION'
        : 'AWS_DEFAULT_REGION'
      : "the profile's region";
  return { profile, region, tooltip: `AWS profile: ${profile} (${profileSource})\nRegion: ${region} (${regionSource})\nClick to select the profile.` };
}

export class IdentityStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('eniRequests.identity', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = 'ENI Requests: AWS profile and region';
    this.item.command = 'eniRequests.selectProfile';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(SETTINGS_SECTION) && this.update()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const { profile, region, tooltip } = identityLabel();
    const trusted = executionAllowed();
    this.item.text = `${trusted ? '$(cloud)' : '$(workspace-untrusted)'} ${profile} · ${region}`;
    this.item.tooltip = trusted ? tooltip : `${tooltip}\nRequests are not sent from an untrusted workspace.`;
    const editor = vscode.window.activeTextEditor;
    if (editor && isRequestDocument(editor.document)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
