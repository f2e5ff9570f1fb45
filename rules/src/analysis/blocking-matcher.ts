import { BLOCKING_APIS, type BlockingApi } from '../catalogue/blocking-apis.js';
import { normaliseModuleName, type ModuleOrigin } from './module-origin.js';

/** Extra blocking APIs, or APIs to allow, named by module and export. */
export interface ModuleApis {
  module: string;
  names: string[];
}

export interface BlockingMatcherOptions {
  additional?: readonly ModuleApis[];
  /** A bare name allows it in every module; `{ module, names }` only there. */
  allow?: readonly (string | ModuleApis)[];
}

/**
 * Decides whether a resolved call blocks: the catalogue plus the user's `additional` entries,
 * minus what `allow` lists. Also answers the cheap question "could a call with this name match at
 * all?", so that symbols are only resolved for the few calls whose name looks blocking.
 */
export class BlockingMatcher {
  private readonly apis: readonly BlockingApi[];
  private readonly exactNames = new Set<string>();
  private readonly namePatterns: RegExp[] = [];
  private readonly allowedEverywhere = new Set<string>();
  private readonly allowedIn = new Map<string, Set<string>>();

  constructor(options: BlockingMatcherOptions) {
    const additional: BlockingApi[] = (options.additional ?? []).flatMap(({ module, names }) =>
      names.map((name) => ({
        modules: [normaliseModuleName(module)],
        ...splitQualifiedName(name),
        reason: 'is configured as blocking for this project',
      })),
    );
    this.apis = [...BLOCKING_APIS, ...additional];
    for (const api of this.apis) {
      if (typeof api.name === 'string') this.exactNames.add(api.name);
      else this.namePatterns.push(api.name);
    }
    for (const entry of options.allow ?? []) {
      if (typeof entry === 'string') {
        this.allowedEverywhere.add(entry);
        continue;
      }
      const module = normaliseModuleName(entry.module);
      const names = this.allowedIn.get(module) ?? new Set<string>();
      for (const name of entry.names) names.add(name);
      this.allowedIn.set(module, names);
    }
  }

  /** Cheap pre-check on the called name alone. */
  mightMatch(calledName: string): boolean {
    return this.exactNames.has(calledName) || this.namePatterns.some((pattern) => pattern.test(calledName));
  }

  match(origin: ModuleOrigin, passesCallback: boolean): BlockingApi | undefined {
    const name = origin.path[origin.path.length - 1];
    if (name === undefined || this.isAllowed(origin, name)) return undefined;
    const container = origin.path[origin.path.length - 2];
    return this.apis.find(
      (api) =>
        api.modules.includes(origin.module) &&
        (typeof api.name === 'string' ? api.name === name : api.name.test(name)) &&
        (api.within === undefined || api.within === container) &&
        !(api.onlyWithoutCallback && passesCallback),
    );
  }

  private isAllowed(origin: ModuleOrigin, name: string): boolean {
    const qualified = origin.path.join('.');
    if (this.allowedEverywhere.has(name) || this.allowedEverywhere.has(qualified)) return true;
    const inModule = this.allowedIn.get(origin.module);
    return inModule !== undefined && (inModule.has(name) || inModule.has(qualified));
  }
}

/** `'Database.exec'` is `exec` within `Database`; `'readSync'` is just a name. */
function splitQualifiedName(name: string): { name: string; within?: string } {
  const parts = name.split('.');
  const last = parts[parts.length - 1]!;
  return parts.length > 1 ? { name: last, within: parts[parts.length - 2]! } : { name: last };
}
