import type { StatusParams } from './protocol.js';

/**
 * What the status item of the editor shows: `linting` while the queue works, then `ready`, or
 * `problem` with the reason while the settings are bad or after an internal error (until a later
 * round of linting finishes without one). Only changes are sent.
 */
export class ServerStatus {
  private settingsProblem: string | undefined;
  private error: string | undefined;
  private busy = false;
  private last = '';

  constructor(private readonly send: (params: StatusParams) => void) {}

  linting(): void {
    this.busy = true;
    this.emit({ state: 'linting' });
  }

  /** The queue is empty. */
  idle(): void {
    this.busy = false;
    this.emit(this.current());
    this.error = undefined; // shown once; the next quiet round is ready again
  }

  /** Something the server does failed; the user is told and can read the log. */
  failed(message: string): void {
    this.error = message;
    if (this.busy) return; // shown when the round ends
    this.emit(this.current());
    this.error = undefined;
  }

  /** The settings' problems, or undefined once they are understood. */
  settings(problem: string | undefined): void {
    this.settingsProblem = problem;
    if (!this.busy) this.emit(this.current());
  }

  private current(): StatusParams {
    const message = this.error ?? this.settingsProblem;
    return message === undefined ? { state: 'ready' } : { state: 'problem', message };
  }

  private emit(params: StatusParams): void {
    const key = JSON.stringify(params);
    if (key === this.last) return;
    this.last = key;
    this.send(params);
  }
}
