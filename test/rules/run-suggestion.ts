import { createRequire } from 'node:module';
import { Linter, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import * as ts from 'typescript';

/**
 * Lints `code` (TypeScript, without type information) with one rule and returns the code as each
 * suggestion of the first report would leave it.
 */
export function applySuggestions(rule: unknown, code: string, options: unknown[] = []): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { subject: { rules: { rule: rule as Rule.RuleModule } } },
        rules: { 'subject/rule': ['error', ...options] },
      },
    ],
    { filename: 'file.ts' },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(fatal.message);
  const suggestions = messages[0]?.suggestions ?? [];
  return suggestions.map(({ fix }) => code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]));
}

const require = createRequire(import.meta.url);

/**
 * Compiles a TypeScript module to CommonJS and runs it, with `imports` standing in for the
 * modules it imports by name (anything else, such as `async-guard`, is required for real).
 * Returns the module's exports.
 */
export function runModule(code: string, imports: Record<string, unknown> = {}): Record<string, unknown> {
  const { outputText } = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const module = { exports: {} as Record<string, unknown> };
  const load = (name: string): unknown => (name in imports ? imports[name] : require(name));
  new Function('require', 'module', 'exports', outputText)(load, module, module.exports);
  return module.exports;
}

/** Counts how many calls of a piece of async work run at the same time. */
export class ConcurrencyProbe {
  active = 0;
  peak = 0;
  calls = 0;

  /** Wraps `fn` so that each call is counted while it runs. */
  track<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      this.active++;
      this.calls++;
      this.peak = Math.max(this.peak, this.active);
      try {
        return await fn(...args);
      } finally {
        this.active--;
      }
    };
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
