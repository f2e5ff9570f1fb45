import * as path from 'node:path';
import ts from 'typescript';
import { packageOfFile } from './module-origin.js';

const nameOfPackageJson = new Map<string, string | undefined>();

/**
 * The npm package a declaration file belongs to. Inside `node_modules` the path says it; a
 * workspace package linked into `node_modules` is reported by TypeScript under its real path, so
 * the nearest `package.json` names it instead.
 */
export function declaringPackage(fileName: string): string | undefined {
  const fromPath = packageOfFile(fileName);
  if (fromPath) return fromPath;
  for (let directory = path.dirname(fileName); ; directory = path.dirname(directory)) {
    const name = packageJsonName(path.join(directory, 'package.json'));
    if (name !== undefined) return name;
    if (path.dirname(directory) === directory) return undefined;
  }
}

function packageJsonName(file: string): string | undefined {
  if (nameOfPackageJson.has(file)) return nameOfPackageJson.get(file);
  let name: string | undefined;
  const text = ts.sys.fileExists(file) ? ts.sys.readFile(file) : undefined;
  if (text !== undefined) {
    try {
      const parsed = JSON.parse(text) as { name?: unknown };
      // A package.json without a name (`{ "type": "commonjs" }` in dist/cjs) is not a package root.
      name = typeof parsed.name === 'string' ? parsed.name : undefined;
    } catch {
      name = undefined;
    }
  }
  nameOfPackageJson.set(file, name);
  return name;
}
