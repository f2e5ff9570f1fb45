/**
 * The requests and notifications the server and the extension exchange beyond LSP. The client
 * imports this file too (esbuild copies these few constants into its bundle), so both sides
 * always agree.
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
  /** The module specifier the document now imports the helper from. */
  from: string;
}

export type ServerState = 'ready' | 'linting' | 'problem';

export interface StatusParams {
  state: ServerState;
  /** Shown in the status item's tooltip, e.g. what went wrong. */
  message?: string;
}
