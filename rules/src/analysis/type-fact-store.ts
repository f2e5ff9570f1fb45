import type * as ts from 'typescript';

/**
 * Answers about declarations that outlive one program. An editor asks for a new program after
 * every keystroke, and each new checker works out the same heavy generic types again; but a
 * declaration the edit did not touch, in a project whose other parts did not change, has the
 * same type as before. A host that knows which parts of the text stayed the same (the language
 * server) hands a store to the program it lints; the rules keep in it what they learnt about
 * such declarations, under keys that the store makes stable across edits.
 *
 * Plain ESLint runs have no store: each program is linted once.
 */
export interface TypeFactStore {
  /** A key for `node` that means the same node in the next program, or undefined when there is none. */
  keyOf(node: ts.Node): string | undefined;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const stores = new WeakMap<ts.Program, TypeFactStore>();

/** Gives the rules a store for facts learnt while linting with `program`. */
export function useTypeFactStore(program: ts.Program, store: TypeFactStore): void {
  stores.set(program, store);
}

export function typeFactStoreOf(program: ts.Program): TypeFactStore | undefined {
  return stores.get(program);
}
