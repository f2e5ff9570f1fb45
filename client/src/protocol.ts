/**
 * The requests and notifications the extension and the Async Guard server exchange beyond LSP.
 * The server's own copy of these names lives in server/src; both sides must agree.
 */
export const LINT_WORKSPACE = 'asyncGuard/lintWorkspace';
export const LIST_HELPERS = 'asyncGuard/listHelpers';
export const INSERT_HELPER = 'asyncGuard/insertHelper';
export const STATUS = 'asyncGuard/status';

export interface LintWorkspaceResult {
  files: number;
  problems: number;
}

export interface HelperInfo {
  name: string;
  description: string;
}

export interface InsertHelperParams {
  textDocument: { uri: string };
  helper: string;
}

export interface InsertHelperResult {
  /** Where the helper now comes from: the package or the vendored file. */
  from: string;
}

export type ServerState = 'ready' | 'linting' | 'problem';

export interface StatusParams {
  state: ServerState;
  /** Shown in the status item's tooltip, e.g. what went wrong. */
  message?: string;
}
