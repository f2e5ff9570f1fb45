import type { TableInvalid, TableValid } from './case-table.js';
import type { MessageIds, Options } from '../../rules/src/rules/no-blocking-in-async.js';

export type Valid = TableValid<Options>;
export type Invalid = TableInvalid<MessageIds, Options>;

const suggest = (output: string, replacement: string) => ({
  messageId: 'usePromiseApi' as const,
  data: { replacement },
  output,
});

// ---------------------------------------------------------------------------------------------
// fs
// ---------------------------------------------------------------------------------------------
export const fsInvalid: Invalid[] = [
  {
    name: 'named import of readFileSync in an async function',
    code: `import { readFileSync } from 'node:fs';
export async function load(path: string) {
  return readFileSync(path, 'utf8');
}`,
    errors: [
      {
        messageId: 'blocking',
        data: { name: 'readFileSync', alias: '', reason: 'does file-system work synchronously' },
        line: 3,
        column: 10,
        suggestions: [
          suggest(
            `import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function load(path: string) {
  return await readFile(path, 'utf8');
}`,
            'await readFile(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'namespace import: the twin is reached through fs.promises',
    code: `import * as fs from 'fs';
export async function load(path: string) {
  const text = fs.readFileSync(path, 'utf8');
  return text.length;
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import * as fs from 'fs';
export async function load(path: string) {
  const text = await fs.promises.readFile(path, 'utf8');
  return text.length;
}`,
            'await fs.promises.readFile(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'default import of node:fs with writeFileSync',
    code: `import fs from 'node:fs';
export async function save(path: string, data: string) {
  fs.writeFileSync(path, data);
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import fs from 'node:fs';
export async function save(path: string, data: string) {
  await fs.promises.writeFile(path, data);
}`,
            'await fs.promises.writeFile(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'renamed import: the message names where the alias comes from',
    code: `import { readFileSync as read } from 'fs';
export async function load(path: string) {
  return read(path);
}`,
    errors: [
      {
        messageId: 'blocking',
        data: { name: 'read', alias: ' (fs.readFileSync)', reason: 'does file-system work synchronously' },
        suggestions: [
          suggest(
            `import { readFileSync as read } from 'fs';
import { readFile } from 'node:fs/promises';
export async function load(path: string) {
  return await readFile(path);
}`,
            'await readFile(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'merges the twin into an existing fs/promises import',
    code: `import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function size(path: string) {
  const text = await readFile(path, 'utf8');
  return statSync(path).size + text.length;
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
export async function size(path: string) {
  const text = await readFile(path, 'utf8');
  return (await stat(path)).size + text.length;
}`,
            'await stat(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'reuses a twin that is already imported',
    code: `import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
export async function list(a: string, b: string) {
  const first = await readdir(a);
  return [...first, ...readdirSync(b)];
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
export async function list(a: string, b: string) {
  const first = await readdir(a);
  return [...first, ...await readdir(b)];
}`,
            'await readdir(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'picks another name when the twin name is taken by something else',
    code: `import { readFileSync } from 'node:fs';
function readFile(): string { return ''; }
export async function load(path: string) {
  return readFileSync(path, 'utf8') + readFile();
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import { readFileSync } from 'node:fs';
import { readFile as readFileAsync } from 'node:fs/promises';
function readFile(): string { return ''; }
export async function load(path: string) {
  return await readFileAsync(path, 'utf8') + readFile();
}`,
            'await readFileAsync(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'existsSync becomes an access check',
    code: `import { existsSync } from 'node:fs';
export async function ensure(path: string) {
  if (!existsSync(path)) throw new Error('missing ' + path);
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import { existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
export async function ensure(path: string) {
  if (!await access(path).then(() => true, () => false)) throw new Error('missing ' + path);
}`,
            'await access(…).then(() => true, () => false)',
          ),
        ],
      },
    ],
  },
  {
    name: 'result used as an object gets parentheses',
    code: `import { readFileSync } from 'node:fs';
export async function lines(path: string) {
  return readFileSync(path, 'utf8').split('\\n');
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function lines(path: string) {
  return (await readFile(path, 'utf8')).split('\\n');
}`,
            'await readFile(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'several fs calls in one function, each with its twin',
    code: `import * as fs from 'node:fs';
export async function rotate(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  fs.renameSync(dir + '/log', dir + '/log.1');
  fs.appendFileSync(dir + '/log', 'rotated');
}`,
    errors: [
      {
        messageId: 'blocking',
        line: 3,
        suggestions: [
          suggest(
            `import * as fs from 'node:fs';
export async function rotate(dir: string) {
  await fs.promises.mkdir(dir, { recursive: true });
  fs.renameSync(dir + '/log', dir + '/log.1');
  fs.appendFileSync(dir + '/log', 'rotated');
}`,
            'await fs.promises.mkdir(…)',
          ),
        ],
      },
      {
        messageId: 'blocking',
        line: 4,
        suggestions: [
          suggest(
            `import * as fs from 'node:fs';
export async function rotate(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  await fs.promises.rename(dir + '/log', dir + '/log.1');
  fs.appendFileSync(dir + '/log', 'rotated');
}`,
            'await fs.promises.rename(…)',
          ),
        ],
      },
      {
        messageId: 'blocking',
        line: 5,
        suggestions: [
          suggest(
            `import * as fs from 'node:fs';
export async function rotate(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  fs.renameSync(dir + '/log', dir + '/log.1');
  await fs.promises.appendFile(dir + '/log', 'rotated');
}`,
            'await fs.promises.appendFile(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'file-descriptor APIs have no same-typed twin: reported without a suggestion',
    code: `import { openSync, fstatSync, closeSync } from 'node:fs';
export async function size(path: string) {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  closeSync(fd);
  return size;
}`,
    errors: [
      { messageId: 'blocking', line: 3, suggestions: [] },
      { messageId: 'blocking', line: 4, suggestions: [] },
      { messageId: 'blocking', line: 5, suggestions: [] },
    ],
  },
  {
    name: 'CommonJS require of the whole module',
    filename: 'file.js',
    code: `const fs = require('fs');
async function load(path) {
  return fs.readFileSync(path, 'utf8');
}
module.exports = { load };`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `const fs = require('fs');
async function load(path) {
  return await fs.promises.readFile(path, 'utf8');
}
module.exports = { load };`,
            'await fs.promises.readFile(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'destructured require: the twin is required beside it',
    filename: 'file.js',
    code: `const { readFileSync } = require('node:fs');
async function load(path) {
  return readFileSync(path, 'utf8');
}
module.exports = { load };`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `const { readFileSync } = require('node:fs');
const { readFile } = require('node:fs/promises');
async function load(path) {
  return await readFile(path, 'utf8');
}
module.exports = { load };`,
            'await readFile(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'destructured require with a rename',
    filename: 'file.js',
    code: `const { readdirSync: list } = require('fs');
const { stat } = require('fs/promises');
async function count(dir) {
  await stat(dir);
  return list(dir).length;
}
module.exports = { count };`,
    errors: [
      {
        messageId: 'blocking',
        data: { name: 'list', alias: ' (fs.readdirSync)', reason: 'does file-system work synchronously' },
        suggestions: [
          suggest(
            `const { readdirSync: list } = require('fs');
const { stat, readdir } = require('fs/promises');
async function count(dir) {
  await stat(dir);
  return (await readdir(dir)).length;
}
module.exports = { count };`,
            'await readdir(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'a const alias of a namespace member',
    code: `import * as fs from 'node:fs';
const read = fs.readFileSync;
export async function load(path: string) {
  return read(path);
}`,
    errors: [{ messageId: 'blocking', data: { name: 'read', alias: ' (fs.readFileSync)', reason: 'does file-system work synchronously' }, suggestions: [suggest(
      `import * as fs from 'node:fs';
import { readFile } from 'node:fs/promises';
const read = fs.readFileSync;
export async function load(path: string) {
  return await readFile(path);
}`,
      'await readFile(…)',
    )] }],
  },
];

export const fsValid: Valid[] = [
  { name: 'top-level code may block: it runs once, before any request', code: "import { readFileSync } from 'node:fs';\nexport const config = readFileSync('config.json', 'utf8');" },
  { name: 'a plain synchronous function', code: "import { readFileSync } from 'node:fs';\nexport function load(p: string) { return readFileSync(p, 'utf8'); }" },
  { name: 'an array callback inside a plain function', code: "import { readFileSync } from 'node:fs';\nexport function loadAll(ps: string[]) { return ps.map((p) => readFileSync(p)); }" },
  { name: 'fs.promises is the non-blocking API', code: "import * as fs from 'node:fs';\nexport async function load(p: string) { return fs.promises.readFile(p, 'utf8'); }" },
  { name: 'fs/promises named import', code: "import { readFile } from 'node:fs/promises';\nexport async function load(p: string) { return readFile(p, 'utf8'); }" },
  { name: 'a local function that happens to be named readFileSync', code: "function readFileSync(p: string) { return p; }\nexport async function load(p: string) { return readFileSync(p); }" },
  { name: 'a global readFileSync that is not imported from fs', code: "declare function readFileSync(p: string): string;\nexport async function load(p: string) { return readFileSync(p); }" },
  { name: 'a method of another object named readFileSync', code: "const store = { readFileSync(p: string) { return p; } };\nexport async function load(p: string) { return store.readFileSync(p); }" },
  { name: 'a timer callback inside async code runs later, outside it', code: "import { readFileSync } from 'node:fs';\nexport async function later(p: string) { setTimeout(() => readFileSync(p), 10); }" },
  { name: 'a class field initializer runs when the object is built', code: "import { readFileSync } from 'node:fs';\nexport class Store { data = readFileSync('x'); async load() { return this.data; } }" },
  { name: 'async functions whose names end in Sync are not blocking', code: "import { refreshSync } from './modules/config.js';\nexport async function f() { await refreshSync(); }" },
  { name: 'allow: a bare name', options: [{ allow: ['existsSync'] }], code: "import { existsSync } from 'node:fs';\nexport async function has(p: string) { return existsSync(p); }" },
  { name: 'allow: a name in one module', options: [{ allow: [{ module: 'node:fs', names: ['statSync'] }] }], code: "import { statSync } from 'fs';\nexport async function size(p: string) { return statSync(p).size; }" },
];

// ---------------------------------------------------------------------------------------------
// child_process, crypto, zlib, Atomics
// ---------------------------------------------------------------------------------------------
export const nodeInvalid: Invalid[] = [
  {
    name: 'execSync becomes promisified exec, reading stdout',
    code: `import { execSync } from 'node:child_process';
export async function head() {
  const out = execSync('git rev-parse HEAD', { encoding: 'utf8' });
  return out.trim();
}`,
    errors: [
      {
        messageId: 'blocking',
        data: { name: 'execSync', alias: '', reason: 'waits for the child process to exit' },
        suggestions: [
          suggest(
            `import { execSync, exec } from 'node:child_process';
import { promisify } from 'node:util';
export async function head() {
  const out = (await promisify(exec)('git rev-parse HEAD', { encoding: 'utf8' })).stdout;
  return out.trim();
}`,
            '(await promisify(exec)(…)).stdout',
          ),
        ],
      },
    ],
  },
  {
    name: 'execFileSync on a namespace, reusing an imported promisify',
    code: `import * as cp from 'child_process';
import { promisify } from 'util';
export async function status() {
  return cp.execFileSync('git', ['status']).toString();
}
export const later = promisify(setTimeout);`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import * as cp from 'child_process';
import { promisify } from 'util';
export async function status() {
  return (await promisify(cp.execFile)('git', ['status'])).stdout.toString();
}
export const later = promisify(setTimeout);`,
            '(await promisify(cp.execFile)(…)).stdout',
          ),
        ],
      },
    ],
  },
  {
    name: 'spawnSync has no drop-in twin: reported without a suggestion',
    code: "import { spawnSync } from 'node:child_process';\nexport async function run() { return spawnSync('ls').status; }",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'pbkdf2Sync becomes promisified pbkdf2',
    code: `import { pbkdf2Sync } from 'node:crypto';
export async function hash(password: string, salt: Buffer) {
  return pbkdf2Sync(password, salt, 600000, 32, 'sha256');
}`,
    errors: [
      {
        messageId: 'blocking',
        data: { name: 'pbkdf2Sync', alias: '', reason: 'runs CPU-heavy cryptography on the main thread' },
        suggestions: [
          suggest(
            `import { pbkdf2Sync, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
export async function hash(password: string, salt: Buffer) {
  return await promisify(pbkdf2)(password, salt, 600000, 32, 'sha256');
}`,
            'await promisify(pbkdf2)(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'generateKeyPairSync on a namespace',
    code: `import * as crypto from 'node:crypto';
export async function keys() {
  const pair = crypto.generateKeyPairSync('ed25519');
  return pair.publicKey;
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import * as crypto from 'node:crypto';
import { promisify } from 'node:util';
export async function keys() {
  const pair = await promisify(crypto.generateKeyPair)('ed25519');
  return pair.publicKey;
}`,
            'await promisify(crypto.generateKeyPair)(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'randomBytes without a callback',
    code: `import { randomBytes } from 'node:crypto';
export async function token() {
  return randomBytes(32).toString('hex');
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
export async function token() {
  return (await promisify(randomBytes)(32)).toString('hex');
}`,
            'await promisify(randomBytes)(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'scryptSync, generatePrimeSync, checkPrimeSync and randomFillSync: reported, no suggestion (promisify loses their types)',
    code: `import { scryptSync, generatePrimeSync, checkPrimeSync, randomFillSync } from 'node:crypto';
export async function work(buffer: Buffer) {
  scryptSync('pw', 'salt', 64);
  generatePrimeSync(64);
  checkPrimeSync(7n);
  randomFillSync(buffer);
}`,
    errors: [
      { messageId: 'blocking', line: 3, suggestions: [] },
      { messageId: 'blocking', line: 4, suggestions: [] },
      { messageId: 'blocking', line: 5, suggestions: [] },
      { messageId: 'blocking', line: 6, suggestions: [] },
    ],
  },
  {
    name: 'gzipSync becomes promisified gzip',
    code: `import { gzipSync } from 'node:zlib';
export async function pack(data: Buffer) {
  return gzipSync(data);
}`,
    errors: [
      {
        messageId: 'blocking',
        data: { name: 'gzipSync', alias: '', reason: 'compresses or decompresses on the main thread' },
        suggestions: [
          suggest(
            `import { gzipSync, gzip } from 'node:zlib';
import { promisify } from 'node:util';
export async function pack(data: Buffer) {
  return await promisify(gzip)(data);
}`,
            'await promisify(gzip)(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'brotliDecompressSync on a namespace',
    code: `import zlib from 'node:zlib';
export async function unpack(data: Buffer) {
  return zlib.brotliDecompressSync(data).toString('utf8');
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import zlib from 'node:zlib';
import { promisify } from 'node:util';
export async function unpack(data: Buffer) {
  return (await promisify(zlib.brotliDecompress)(data)).toString('utf8');
}`,
            'await promisify(zlib.brotliDecompress)(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'Atomics.wait becomes Atomics.waitAsync',
    code: `export async function waitForSignal(cells: Int32Array) {
  return Atomics.wait(cells, 0, 0, 1000);
}`,
    errors: [
      {
        messageId: 'blocking',
        data: { name: 'Atomics.wait', alias: '', reason: 'suspends the whole thread until it is notified' },
        suggestions: [
          suggest(
            `export async function waitForSignal(cells: Int32Array) {
  return await Atomics.waitAsync(cells, 0, 0, 1000).value;
}`,
            'await Atomics.waitAsync(…).value',
          ),
        ],
      },
    ],
  },
];

export const nodeValid: Valid[] = [
  { name: 'randomBytes with a callback does not block', code: "import { randomBytes } from 'node:crypto';\nexport async function token() { randomBytes(32, (error, bytes) => { if (!error) console.log(bytes.length); }); }" },
  { name: 'exec with a callback', code: "import { exec } from 'node:child_process';\nexport async function run() { exec('ls', () => {}); }" },
  { name: 'createHash is fast and not in the catalogue', code: "import { createHash } from 'node:crypto';\nexport async function digest(s: string) { return createHash('sha256').update(s).digest('hex'); }" },
  { name: 'a local object named Atomics', code: "const Atomics = { wait: (n: number) => n };\nexport async function f() { return Atomics.wait(1); }" },
  { name: 'Atomics.waitAsync', code: "export async function f(cells: Int32Array) { return Atomics.waitAsync(cells, 0, 0).value; }" },
];

// ---------------------------------------------------------------------------------------------
// Libraries
// ---------------------------------------------------------------------------------------------
export const libraryInvalid: Invalid[] = [
  {
    name: 'fs-extra readJsonSync becomes readJson from the same import',
    code: `import { readJsonSync, copy } from 'fs-extra';
export async function load(path: string) {
  await copy(path, path + '.bak');
  return readJsonSync(path);
}`,
    errors: [
      {
        messageId: 'blocking',
        data: { name: 'readJsonSync', alias: '', reason: 'does file-system work synchronously' },
        suggestions: [
          suggest(
            `import { readJsonSync, copy, readJson } from 'fs-extra';
export async function load(path: string) {
  await copy(path, path + '.bak');
  return await readJson(path);
}`,
            'await readJson(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'fs-extra namespace copySync',
    code: `import fse from 'fs-extra';
export async function backup(path: string) {
  fse.copySync(path, path + '.bak');
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import fse from 'fs-extra';
export async function backup(path: string) {
  await fse.copy(path, path + '.bak');
}`,
            'await fse.copy(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'fs-extra pathExistsSync becomes pathExists',
    code: `import { pathExistsSync } from 'fs-extra';
export async function has(path: string) {
  return pathExistsSync(path);
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import { pathExistsSync, pathExists } from 'fs-extra';
export async function has(path: string) {
  return await pathExists(path);
}`,
            'await pathExists(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'bcrypt hashSync becomes hash',
    code: `import { hashSync } from 'bcrypt';
export async function register(password: string) {
  return { hash: hashSync(password, 12) };
}`,
    errors: [
      {
        messageId: 'blocking',
        data: { name: 'hashSync', alias: '', reason: 'hashes on the main thread, which takes tens of milliseconds by design' },
        suggestions: [
          suggest(
            `import { hashSync, hash } from 'bcrypt';
export async function register(password: string) {
  return { hash: await hash(password, 12) };
}`,
            'await hash(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'bcryptjs compareSync through require (no type declarations installed)',
    filename: 'file.js',
    notTypeChecked: 'bcryptjs has no type declarations in the fixture project',
    code: `const bcrypt = require('bcryptjs');
async function check(password, hash) {
  return bcrypt.compareSync(password, hash);
}
module.exports = { check };`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `const bcrypt = require('bcryptjs');
async function check(password, hash) {
  return await bcrypt.compare(password, hash);
}
module.exports = { check };`,
            'await bcrypt.compare(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'execa execaSync becomes execa',
    code: `import { execaSync } from 'execa';
export async function version() {
  return execaSync('node', ['--version']).stdout;
}`,
    errors: [
      {
        messageId: 'blocking',
        suggestions: [
          suggest(
            `import { execaSync, execa } from 'execa';
export async function version() {
  return (await execa('node', ['--version'])).stdout;
}`,
            'await execa(…)',
          ),
        ],
      },
    ],
  },
  {
    name: 'execa 5 style default import with .sync: reported, no twin named',
    notTypeChecked: 'the fixture declares the current execa API, which has no default export',
    code: "import execa from 'execa';\nexport async function run() { return execa.sync('ls'); }",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'globSync and glob.sync',
    code: `import { glob, globSync } from 'glob';
export async function sources() {
  return [...globSync('src/**/*.ts'), ...glob.sync('test/**/*.ts')];
}`,
    errors: [
      { messageId: 'blocking', data: { name: 'globSync', alias: '', reason: 'walks the file system synchronously' }, suggestions: [] },
      { messageId: 'blocking', data: { name: 'glob.sync', alias: '', reason: 'walks the file system synchronously' }, suggestions: [] },
    ],
  },
  {
    name: 'fast-glob sync through require',
    filename: 'file.js',
    code: "const fg = require('fast-glob');\nasync function files() { return fg.sync('**/*.js'); }\nmodule.exports = { files };",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'additional: a project-specific blocking API',
    options: [{ additional: [{ module: 'legacy-db', names: ['querySync'] }] }],
    code: "import { querySync } from 'legacy-db';\nexport async function users() { return querySync('select * from users'); }",
    notTypeChecked: 'legacy-db is a made-up module',
    errors: [{ messageId: 'blocking', data: { name: 'querySync', alias: '', reason: 'is configured as blocking for this project' }, suggestions: [] }],
  },
];

export const libraryValid: Valid[] = [
  { name: 'execa itself is asynchronous', code: "import { execa } from 'execa';\nexport async function run() { return execa('ls'); }" },
  { name: 'fs-extra promise APIs', code: "import { readJson } from 'fs-extra';\nexport async function load(p: string) { return readJson(p); }" },
  { name: 'bcrypt hash', code: "import { hash } from 'bcrypt';\nexport async function register(p: string) { return hash(p, 12); }" },
  { name: 'allow: a library name', options: [{ allow: [{ module: 'glob', names: ['globSync'] }] }], code: "import { globSync } from 'glob';\nexport async function files() { return globSync('*.ts'); }" },
];

// ---------------------------------------------------------------------------------------------
// Where code runs asynchronously
// ---------------------------------------------------------------------------------------------
const readFileOutput = (body: string) => `import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
${body}`;

export const contextInvalid: Invalid[] = [
  {
    name: 'async arrow with an expression body',
    code: "import { readFileSync } from 'node:fs';\nexport const load = async (p: string) => readFileSync(p, 'utf8');",
    errors: [{ messageId: 'blocking', suggestions: [suggest(readFileOutput("export const load = async (p: string) => await readFile(p, 'utf8');"), 'await readFile(…)')] }],
  },
  {
    name: 'async class method',
    code: "import { readFileSync } from 'node:fs';\nexport class Store { async load(p: string) { return readFileSync(p); } }",
    errors: [{ messageId: 'blocking', suggestions: [suggest(readFileOutput('export class Store { async load(p: string) { return await readFile(p); } }'), 'await readFile(…)')] }],
  },
  {
    name: 'async object-literal method',
    code: "import { readFileSync } from 'node:fs';\nexport const store = { async load(p: string) { return readFileSync(p); } };",
    errors: [{ messageId: 'blocking', suggestions: [suggest(readFileOutput('export const store = { async load(p: string) { return await readFile(p); } };'), 'await readFile(…)')] }],
  },
  {
    name: 'async generator',
    code: "import { readFileSync } from 'node:fs';\nexport async function* contents(ps: string[]) { for (const p of ps) yield readFileSync(p); }",
    errors: [{ messageId: 'blocking', suggestions: [suggest(readFileOutput('export async function* contents(ps: string[]) { for (const p of ps) yield await readFile(p); }'), 'await readFile(…)')] }],
  },
  {
    name: 'async function expression passed as a callback',
    code: "import { readFileSync } from 'node:fs';\nexport const handlers = [async function (p: string) { return readFileSync(p); }];",
    errors: [{ messageId: 'blocking', suggestions: [suggest(readFileOutput('export const handlers = [async function (p: string) { return await readFile(p); }];'), 'await readFile(…)')] }],
  },
  {
    name: 'map callback inside async code runs synchronously within it: reported, no await possible there',
    code: "import { readFileSync } from 'node:fs';\nexport async function loadAll(ps: string[]) { return ps.map((p) => readFileSync(p)); }",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'forEach callback inside async code',
    code: "import { unlinkSync } from 'node:fs';\nexport async function clean(ps: string[]) { ps.forEach((p) => { unlinkSync(p); }); }",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'nested array callbacks inside async code',
    code: "import { statSync } from 'node:fs';\nexport async function sizes(groups: string[][]) { return groups.flatMap((g) => g.filter((p) => statSync(p).size > 0)); }",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'a .then continuation is part of the async flow',
    code: "import { readFileSync } from 'node:fs';\nexport function later(p: string) { return Promise.resolve().then(() => readFileSync(p)); }",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'a Promise executor inside async code',
    code: "import { readFileSync } from 'node:fs';\nexport async function f(p: string) { return new Promise((resolve) => resolve(readFileSync(p))); }",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'with types: a plain function declared to return a promise',
    mode: 'typed',
    code: "import { readFileSync } from 'node:fs';\nexport function load(p: string): Promise<string> { const text = readFileSync(p, 'utf8'); return Promise.resolve(text); }",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'with types: a plain function whose inferred return type is a promise',
    mode: 'typed',
    code: "import { readFileSync } from 'node:fs';\nexport function load(p: string) { return fetch(readFileSync(p, 'utf8')); }",
    errors: [{ messageId: 'blocking', suggestions: [] }],
  },
  {
    name: 'an async arrow nested in a plain function',
    code: "import { readFileSync } from 'node:fs';\nexport function makeLoader() { return async (p: string) => readFileSync(p); }",
    errors: [{ messageId: 'blocking', suggestions: [suggest(readFileOutput('export function makeLoader() { return async (p: string) => await readFile(p); }'), 'await readFile(…)')] }],
  },
  {
    name: 'plain JavaScript file',
    filename: 'file.js',
    code: "import { readFileSync } from 'node:fs';\nexport async function load(p) { return readFileSync(p); }",
    errors: [{ messageId: 'blocking', suggestions: [suggest(readFileOutput('export async function load(p) { return await readFile(p); }'), 'await readFile(…)')] }],
  },
];

export const contextValid: Valid[] = [
  { name: 'without types, a plain function returning a promise is not known to be async', mode: 'untyped', code: "import { readFileSync } from 'node:fs';\nexport function load(p: string): Promise<string> { return Promise.resolve(readFileSync(p, 'utf8')); }" },
  { name: 'a plain function returning a non-promise', code: "import { readFileSync } from 'node:fs';\nexport function load(p: string): string { return readFileSync(p, 'utf8'); }" },
  { name: 'a sync generator', code: "import { readFileSync } from 'node:fs';\nexport function* contents(ps: string[]) { for (const p of ps) yield readFileSync(p); }" },
  { name: 'an event listener callback in a sync function', code: "import { readFileSync } from 'node:fs';\nimport { EventEmitter } from 'node:events';\nexport function watch(e: EventEmitter) { e.on('x', () => readFileSync('y')); }" },
  { name: 'a static block', code: "import { readFileSync } from 'node:fs';\nexport class Config { static text: string; static { Config.text = readFileSync('c', 'utf8'); } async get() { return Config.text; } }" },
];

// ---------------------------------------------------------------------------------------------
// Busy waits
// ---------------------------------------------------------------------------------------------
export const busyWaitInvalid: Invalid[] = [
  {
    name: 'while loop with an empty body spinning on Date.now()',
    code: 'export async function pause(ms: number) {\n  const end = Date.now() + ms;\n  while (Date.now() < end) {}\n}',
    errors: [{ messageId: 'busyWait', line: 3, column: 3, endLine: 3, endColumn: 27 }],
  },
  {
    name: 'for loop with no body spinning on performance.now()',
    code: 'export async function pause(ms: number) {\n  const start = performance.now();\n  for (; performance.now() - start < ms; );\n}',
    errors: [{ messageId: 'busyWait', line: 3 }],
  },
  {
    name: 'do-while spinning on new Date().getTime()',
    code: 'export async function pause(ms: number) {\n  const end = new Date().getTime() + ms;\n  let spins = 0;\n  do { spins++; } while (new Date().getTime() < end);\n  return spins;\n}',
    errors: [{ messageId: 'busyWait', line: 4 }],
  },
  {
    name: 'a clock variable refreshed inside the loop',
    code: 'export async function pause(ms: number) {\n  const end = Date.now() + ms;\n  let now = Date.now();\n  while (now < end) { now = Date.now(); }\n}',
    errors: [{ messageId: 'busyWait', line: 4 }],
  },
  {
    name: 'process.hrtime.bigint()',
    code: 'export async function pause(ns: bigint) {\n  const end = process.hrtime.bigint() + ns;\n  while (process.hrtime.bigint() < end);\n}',
    errors: [{ messageId: 'busyWait', line: 3 }],
  },
];

export const busyWaitValid: Valid[] = [
  { name: 'a polling loop that awaits', code: 'declare function sleep(ms: number): Promise<void>;\nexport async function poll(deadline: number) { while (Date.now() < deadline) { await sleep(10); } }' },
  { name: 'a loop doing real work until a deadline', code: 'declare function step(): void;\nexport async function work(deadline: number) { while (Date.now() < deadline) { step(); } }' },
  { name: 'a loop whose condition does not read the clock', code: 'export async function count(items: number[]) { let i = 0; while (i < items.length) { i++; } return i; }' },
  { name: 'a busy wait in synchronous code is outside async code', code: 'export function pause(ms: number) { const end = Date.now() + ms; while (Date.now() < end) {} }' },
  { name: 'for await steps are not spinning', code: 'export async function drain(source: AsyncIterable<number>, deadline: number) { for (; Date.now() < deadline; ) { for await (const x of source) { if (x) break; } } }' },
];

// ---------------------------------------------------------------------------------------------
// followCalls
// ---------------------------------------------------------------------------------------------
export const followInvalid: Invalid[] = [
  {
    name: 'with types: a chain into another file, reported at the call in async code',
    mode: 'typed',
    options: [{ followCalls: 3 }],
    code: "import { loadConfig } from './modules/config.js';\nexport async function handle() { return loadConfig('app.json'); }",
    errors: [
      {
        messageId: 'blockingChain',
        data: {
          name: 'loadConfig()',
          chain: 'loadConfig() → readConfigFile() → readFileSync()',
          blocker: 'readFileSync',
          reason: 'does file-system work synchronously',
        },
        line: 2,
        column: 41,
      },
    ],
  },
  {
    name: 'with types: depth 2 is enough for a two-step chain',
    mode: 'typed',
    options: [{ followCalls: 2 }],
    code: "import { loadConfig } from './modules/config.js';\nexport async function handle() { return loadConfig('app.json'); }",
    errors: [{ messageId: 'blockingChain' }],
  },
  {
    name: 'with types: a direct blocking call one level down',
    mode: 'typed',
    options: [{ followCalls: 1 }],
    code: "import { readConfigFile } from './modules/config.js';\nexport async function handle() { return readConfigFile('app.json'); }",
    errors: [{ messageId: 'blockingChain', data: { name: 'readConfigFile()', chain: 'readConfigFile() → readFileSync()', blocker: 'readFileSync', reason: 'does file-system work synchronously' } }],
  },
  {
    name: 'in one file, without types too',
    options: [{ followCalls: 3 }],
    code: `import * as fs from 'node:fs';
function readText(p: string) { return fs.readFileSync(p, 'utf8'); }
const parse = (p: string) => JSON.parse(readText(p));
export async function handle(p: string) { return parse(p); }`,
    errors: [
      {
        messageId: 'blockingChain',
        data: { name: 'parse()', chain: 'parse() → readText() → fs.readFileSync()', blocker: 'fs.readFileSync', reason: 'does file-system work synchronously' },
        line: 4,
      },
    ],
  },
  {
    name: 'through an array callback in the followed function',
    options: [{ followCalls: 2 }],
    code: `import { statSync } from 'node:fs';
function sizes(ps: string[]) { return ps.map((p) => statSync(p).size); }
export async function total(ps: string[]) { return sizes(ps).reduce((a, b) => a + b, 0); }`,
    errors: [{ messageId: 'blockingChain', data: { name: 'sizes()', chain: 'sizes() → statSync()', blocker: 'statSync', reason: 'does file-system work synchronously' } }],
  },
  {
    name: 'a chain that passes through recursion still finds the blocking call',
    options: [{ followCalls: 3 }],
    code: `import { readdirSync } from 'node:fs';
function walk(dir: string, depth: number): string[] {
  if (depth === 0) return [];
  return [...walk(dir, depth - 1), ...readdirSync(dir)];
}
export async function list(dir: string) { return walk(dir, 3); }`,
    errors: [{ messageId: 'blockingChain', data: { name: 'walk()', chain: 'walk() → readdirSync()', blocker: 'readdirSync', reason: 'does file-system work synchronously' } }],
  },
];

export const followValid: Valid[] = [
  { name: 'followCalls off (the default): chains are not followed', code: "import { readFileSync } from 'node:fs';\nfunction read(p: string) { return readFileSync(p); }\nexport async function f(p: string) { return read(p); }" },
  { name: 'too deep for the configured depth', mode: 'typed', options: [{ followCalls: 1 }], code: "import { loadConfig } from './modules/config.js';\nexport async function handle() { return loadConfig('app.json'); }" },
  { name: 'mutual recursion without a blocking call ends (typed, across files)', mode: 'typed', options: [{ followCalls: 5 }], code: "import { ping } from './modules/config.js';\nexport async function f() { return ping(10); }" },
  {
    name: 'a cycle in one file without a blocking call ends',
    options: [{ followCalls: 10 }],
    code: 'function a(n: number): number { return n > 0 ? b(n - 1) : 0; }\nfunction b(n: number): number { return n > 0 ? a(n - 1) : 0; }\nfunction self(n: number): number { return n > 0 ? self(n - 1) : 0; }\nexport async function f() { return a(5) + self(3); }',
  },
  { name: 'an async callee is not followed: its own blocking call is reported inside it', options: [{ followCalls: 3 }], code: "import { readFileSync } from 'node:fs';\nexport async function inner() { await null; }\nfunction wrap() { return inner(); }\nexport async function outer() { await wrap(); }\nexport function plain() { return readFileSync('x'); }" },
  { name: 'a followed call from synchronous code is not reported', options: [{ followCalls: 3 }], code: "import { readFileSync } from 'node:fs';\nfunction read() { return readFileSync('x'); }\nexport function f() { return read(); }" },
  { name: 'without types, functions of other files cannot be followed', mode: 'untyped', options: [{ followCalls: 3 }], code: "import { loadConfig } from './modules/config.js';\nexport async function handle() { return loadConfig('app.json'); }" },
];

// ---------------------------------------------------------------------------------------------
// Re-exports and resolution that needs types
// ---------------------------------------------------------------------------------------------
export const resolutionInvalid: Invalid[] = [
  {
    name: 'with types: a re-export through a local module, renamed',
    mode: 'typed',
    code: "import { readText } from './modules/reexport.js';\nexport async function load(p: string) { return readText(p); }",
    errors: [{ messageId: 'blocking', data: { name: 'readText', alias: ' (fs.readFileSync)', reason: 'does file-system work synchronously' }, suggestions: [suggest("import { readText } from './modules/reexport.js';\nimport { readFile } from 'node:fs/promises';\nexport async function load(p: string) { return await readFile(p); }", 'await readFile(…)')] }],
  },
  {
    name: 'with types: a namespace re-export through a local module',
    mode: 'typed',
    code: "import { fsAll } from './modules/reexport.js';\nexport async function size(p: string) { return fsAll.statSync(p).size; }",
    errors: [{ messageId: 'blocking', suggestions: [suggest("import { fsAll } from './modules/reexport.js';\nexport async function size(p: string) { return (await fsAll.promises.stat(p)).size; }", 'await fsAll.promises.stat(…)')] }],
  },
];

export const resolutionValid: Valid[] = [
  { name: 'without types, a re-export through another file is not visible', mode: 'untyped', code: "import { readText } from './modules/reexport.js';\nexport async function load(p: string) { return readText(p); }" },
];
