/**
 * Where a called function comes from: the module that declares it and its path inside that
 * module (`fs` + `readFileSync`, `fs` + `promises.readFile`, `global` + `Atomics.wait`).
 * Module names are normalised: `node:fs` is `fs`; files inside `node_modules` are named by their
 * package (`@types/fs-extra/index.d.ts` is `fs-extra`).
 */
export interface ModuleOrigin {
  readonly module: string;
  readonly path: readonly string[];
}

/** The pseudo-module of globals such as `Atomics`, `Date` or `fetch`. */
export const GLOBAL_MODULE = 'global';

export function normaliseModuleName(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
}

/**
 * The package a file inside `node_modules` belongs to (`@types/x` counts as `x`), or undefined
 * for a file of the project itself.
 */
export function packageOfFile(fileName: string): string | undefined {
  const normalised = fileName.replace(/\\/g, '/');
  const marker = '/node_modules/';
  const at = normalised.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = normalised.slice(at + marker.length).split('/');
  let name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  if (!name) return undefined;
  if (name.startsWith('@types/')) {
    // @types/scope__pkg is the types of @scope/pkg.
    const bare = name.slice('@types/'.length);
    name = bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
  }
  return name;
}

export function describeOrigin(origin: ModuleOrigin): string {
  return origin.path.join('.');
}
