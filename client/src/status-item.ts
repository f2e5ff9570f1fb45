import * as vscode from 'vscode';
import type { ServerState } from '../../server/src/protocol.js';

const LOOK: Record<ServerState | 'starting' | 'stopped', { text: string; tooltip: string }> = {
  starting: { text: '$(loading~spin) Async Guard', tooltip: 'Async Guard is starting' },
  ready: { text: '$(check) Async Guard', tooltip: 'Async Guard is ready' },
  linting: { text: '$(sync~spin) Async Guard', tooltip: 'Async Guard is linting' },
  problem: { text: '$(warning) Async Guard', tooltip: 'Async Guard has a problem: see the output' },
  stopped: { text: '$(circle-slash) Async Guard', tooltip: 'Async Guard is stopped' },
};

/** The status bar item: ready, linting or a problem; a click opens the output channel. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('asyncGuard.status', vscode.StatusBarAlignment.Right, 100);

  constructor(showOutputCommand: string) {
    this.item.name = 'Async Guard';
    this.item.command = showOutputCommand;
    this.show('starting');
    this.item.show();
  }

  show(state: keyof typeof LOOK, message?: string): void {
    const look = LOOK[state];
    this.item.text = look.text;
    this.item.tooltip = message ? `${look.tooltip}\n${message}` : look.tooltip;
    this.item.backgroundColor = state === 'problem' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
