// The TypeScript the server runs on, shared by the engine and typescript-eslint (the bundle maps
// every `require('typescript')` here). It is never bundled: the compiler finds its standard
// library (lib.*.d.ts) beside its own file. ASYNC_GUARD_TYPESCRIPT may name the folder of another
// copy (the editor's own TypeScript, for instance); the workspace's copy is never used.
const override = process.env.ASYNC_GUARD_TYPESCRIPT;
module.exports = override ? require(override) : require('typescript');
