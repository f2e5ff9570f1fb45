/**
 * The fix builders that the language server uses outside the rules: its refactors at the cursor
 * and its "insert helper" command write their edits with the same code as the rules' suggestions.
 */
export { bindHelper, DEFAULT_HELPER_MODULE } from './helper-import.js';
export type { ModuleBinding } from './module-binding.js';
export { timeoutSuggestions, type TimeoutSuggestion, type TimeoutSuggestionInput } from './timeout-suggestions.js';
