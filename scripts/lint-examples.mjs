// Lints examples/ with its own ESLint flat config and prints the findings as file:line:column.
import * as path from 'node:path';
import { ESLint } from 'eslint';

const examples = path.resolve(import.meta.dirname, '../examples');
const eslint = new ESLint({ cwd: examples });
const results = await eslint.lintFiles(['src']);
let count = 0;
for (const result of results) {
  for (const message of result.messages) {
    count++;
    const where = `${path.relative(process.cwd(), result.filePath)}:${message.line}:${message.column}`;
    console.log(`${where}  ${message.severity === 2 ? 'error' : 'warning'}  ${message.message}  ${message.ruleId ?? ''}`);
  }
}
console.log(`\n${count} finding${count === 1 ? '' : 's'} in ${results.length} files`);
