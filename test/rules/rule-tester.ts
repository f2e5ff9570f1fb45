import * as path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import { afterAll, describe, it } from 'vitest';

// RuleTester registers its cases through the test runner's own functions.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Folder of the typed fixture project: its tsconfig, `file.ts` and helper modules. */
export const typedFixtureDir = path.resolve(import.meta.dirname, '../fixtures/typed');

/** A RuleTester whose cases get full type information from the fixture project. */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts*', '*.js'] },
        tsconfigRootDir: typedFixtureDir,
      },
    },
  });
}

/** A RuleTester with typescript-eslint's parser but no program: rules fall back to syntax and scope. */
export function untypedRuleTester(): RuleTester {
  return new RuleTester();
}

/** Plain JavaScript as ESLint parses it by default (espree), without any TypeScript services. */
export function javascriptRuleTester(sourceType: 'module' | 'script' = 'script'): RuleTester {
  // typescript-eslint's RuleTester defaults parserOptions.sourceType to 'module'; say it in both places.
  return new RuleTester({ languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType, parserOptions: { sourceType } } });
}
