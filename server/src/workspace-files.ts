import * as fs from 'node:fs';
import * as path from 'node:path';

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * The source files under the given paths (files are taken as they are), skipping dependencies,
 * version control and declaration files, in a stable order.
 */
export function sourceFilesUnder(paths: readonly string[], isExcluded: (fileName: string) => boolean): string[] {
  const found = new Set<string>();
  const visit = (entry: string, explicit: boolean): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      if (!explicit && SKIPPED_FOLDERS.has(path.basename(entry))) return;
      for (const child of fs.readdirSync(entry).sort()) visit(path.join(entry, child), false);
      return;
    }
    if (!stat.isFile()) return;
    const isSource = SOURCE_EXTENSIONS.test(entry) && !/\.d\.[cm]?ts$/i.test(entry);
    if ((explicit || isSource) && !isExcluded(entry)) found.add(entry.replaceAll('\\', '/'));
  };
  for (const entry of paths) visit(path.resolve(entry), true);
  return [...found];
}
