/**
 * The calls that block the event loop, as data. A call matches an entry when it resolves to one of
 * the entry's modules and its last path segment matches `name` (and, with `within`, the segment
 * before it, as in `Atomics.wait`).
 */
export interface BlockingApi {
  readonly modules: readonly string[];
  readonly name: string | RegExp;
  readonly within?: string;
  /** Blocking only when called without a callback (`crypto.randomBytes(16)`). */
  readonly onlyWithoutCallback?: boolean;
  /** Finishes the sentence "'x' … , which blocks the event loop". */
  readonly reason: string;
  readonly replacement?: Replacement;
}

/** How the suggestion rewrites a matching call into its non-blocking twin. */
export type Replacement =
  /** `readFileSync(p)` → `await readFile(p)` from `fs/promises` (`fs.promises.readFile` on a namespace). */
  | { readonly kind: 'fs-promises' }
  /** `existsSync(p)` → `await access(p).then(() => true, () => false)`. */
  | { readonly kind: 'fs-exists' }
  /** The same module exports a promise-returning twin without the `Sync` suffix (fs-extra, bcrypt, execa). */
  | { readonly kind: 'same-module-async'; readonly names?: Readonly<Record<string, string>> }
  /** `promisify(callbackTwin)(...)`, reading `resultProperty` of the result when given. */
  | { readonly kind: 'promisify'; readonly twin: Readonly<Record<string, string>>; readonly resultProperty?: string }
  /** `Atomics.wait(...)` → `await Atomics.waitAsync(...).value`. */
  | { readonly kind: 'atomics-wait-async' };

/** Names in `fs/promises` whose result has the same type as their `*Sync` twin. */
export const FS_PROMISES_TWINS: ReadonlySet<string> = new Set([
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'lutimes',
  'mkdir', 'mkdtemp', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm',
  'rmdir', 'stat', 'statfs', 'symlink', 'truncate', 'unlink', 'utimes', 'writeFile',
]);

const SYNC_SUFFIX = /^\w+Sync$/;

export const BLOCKING_APIS: readonly BlockingApi[] = [
  {
    modules: ['fs', 'graceful-fs'],
    name: SYNC_SUFFIX,
    reason: 'does file-system work synchronously',
    replacement: { kind: 'fs-promises' },
  },
  {
    modules: ['fs-extra'],
    name: SYNC_SUFFIX,
    reason: 'does file-system work synchronously',
    replacement: { kind: 'same-module-async', names: { existsSync: 'pathExists' } },
  },
  {
    modules: ['child_process'],
    name: 'execSync',
    reason: 'waits for the child process to exit',
    replacement: { kind: 'promisify', twin: { execSync: 'exec' }, resultProperty: 'stdout' },
  },
  {
    modules: ['child_process'],
    name: 'execFileSync',
    reason: 'waits for the child process to exit',
    replacement: { kind: 'promisify', twin: { execFileSync: 'execFile' }, resultProperty: 'stdout' },
  },
  { modules: ['child_process'], name: 'spawnSync', reason: 'waits for the child process to exit' },
  {
    modules: ['crypto'],
    name: /^(pbkdf2Sync|generateKeyPairSync)$/,
    reason: 'runs CPU-heavy cryptography on the main thread',
    replacement: { kind: 'promisify', twin: { pbkdf2Sync: 'pbkdf2', generateKeyPairSync: 'generateKeyPair' } },
  },
  {
    // Their callback twins exist, but `promisify` loses their result types; the message still helps.
    modules: ['crypto'],
    name: /^(scryptSync|generatePrimeSync|checkPrimeSync|randomFillSync)$/,
    reason: 'runs CPU-heavy cryptography on the main thread',
  },
  {
    modules: ['crypto'],
    name: 'randomBytes',
    onlyWithoutCallback: true,
    reason: 'without a callback waits for random bytes on the main thread',
    replacement: { kind: 'promisify', twin: { randomBytes: 'randomBytes' } },
  },
  {
    modules: ['zlib'],
    name: SYNC_SUFFIX,
    reason: 'compresses or decompresses on the main thread',
    replacement: { kind: 'promisify', twin: {} },
  },
  {
    modules: ['global'],
    within: 'Atomics',
    name: 'wait',
    reason: 'suspends the whole thread until it is notified',
    replacement: { kind: 'atomics-wait-async' },
  },
  {
    modules: ['execa'],
    name: /^(execaSync|execaCommandSync|execaNodeSync|sync|commandSync)$/,
    reason: 'waits for the child process to exit',
    replacement: {
      kind: 'same-module-async',
      names: { execaSync: 'execa', execaCommandSync: 'execaCommand', execaNodeSync: 'execaNode' },
    },
  },
  {
    modules: ['glob', 'fast-glob', 'globby', 'tiny-glob'],
    name: /^(sync|globSync|globbySync)$/,
    reason: 'walks the file system synchronously',
  },
  {
    modules: ['bcrypt', 'bcryptjs'],
    name: SYNC_SUFFIX,
    reason: 'hashes on the main thread, which takes tens of milliseconds by design',
    replacement: { kind: 'same-module-async' },
  },
];
