import { describe, expect, it } from 'vitest';
import rule from '../../rules/src/rules/no-blocking-in-async.js';
import {
  busyWaitInvalid,
  busyWaitValid,
  contextInvalid,
  contextValid,
  followInvalid,
  followValid,
  fsInvalid,
  fsValid,
  libraryInvalid,
  libraryValid,
  nodeInvalid,
  nodeValid,
  resolutionInvalid,
  resolutionValid,
  type Invalid,
  type Mode,
  type Valid,
} from './no-blocking-in-async.cases.js';
import { javascriptRuleTester, typedRuleTester, untypedRuleTester } from './rule-tester.js';
import { typeErrors } from './typecheck.js';

const valid: Valid[] = [...fsValid, ...nodeValid, ...libraryValid, ...contextValid, ...busyWaitValid, ...followValid, ...resolutionValid];
const invalid: Invalid[] = [
  ...fsInvalid,
  ...nodeInvalid,
  ...libraryInvalid,
  ...contextInvalid,
  ...busyWaitInvalid,
  ...followInvalid,
  ...resolutionInvalid,
];

const runsIn = (mode: Exclude<Mode, 'both'>) => (testCase: { mode?: Mode }) =>
  testCase.mode === undefined || testCase.mode === 'both' || testCase.mode === mode;
const strip = <T extends { mode?: Mode; notTypeChecked?: string }>({ mode: _mode, notTypeChecked: _reason, ...rest }: T) => rest;

typedRuleTester().run('no-blocking-in-async (with types)', rule, {
  valid: valid.filter(runsIn('typed')).map(strip),
  invalid: invalid.filter(runsIn('typed')).map(strip),
});

untypedRuleTester().run('no-blocking-in-async (without types)', rule, {
  valid: valid.filter(runsIn('untyped')).map(strip),
  invalid: invalid.filter(runsIn('untyped')).map(strip),
});

describe('no-blocking-in-async suggestions', () => {
  const outputs = invalid
    .filter((testCase) => testCase.notTypeChecked === undefined)
    .flatMap((testCase) =>
      (testCase.errors ?? []).flatMap((error) =>
        (error.suggestions ?? []).map((suggestion) => ({
          name: testCase.name ?? testCase.code,
          code: suggestion.output,
          filename: testCase.filename,
        })),
      ),
    );

  it('offer outputs that type-check (strict TypeScript, Node types)', () => {
    expect(outputs.length).toBeGreaterThan(30);
    const errors = typeErrors(outputs);
    const failures = outputs
      .map((output, index) => ({ name: output.name, errors: errors[index] }))
      .filter((result) => result.errors !== '');
    expect(failures).toEqual([]);
  });

  it('the original code of each case type-checks too, so the comparison is fair', () => {
    const originals = invalid
      .filter((testCase) => testCase.notTypeChecked === undefined && !testCase.filename?.endsWith('.js'))
      .map((testCase) => ({ name: testCase.name ?? '', code: testCase.code }));
    const errors = typeErrors(originals);
    const failures = originals
      .map((original, index) => ({ name: original.name, errors: errors[index] }))
      .filter((result) => result.errors !== '');
    expect(failures).toEqual([]);
  });
});

describe('no-blocking-in-async case count', () => {
  it('covers at least 60 cases', () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(60);
  });
});

// ESLint's default parser, as a plain JavaScript project without TypeScript would run the rule.
javascriptRuleTester().run('no-blocking-in-async (plain JavaScript, default parser)', rule, {
  valid: [
    { code: "const { readFile } = require('fs/promises');\nasync function load(p) { return readFile(p); }" },
    { code: "const fs = require('fs');\nfunction load(p) { return fs.readFileSync(p); }" },
  ],
  invalid: [
    {
      code: "const fs = require('fs');\nasync function load(p) { return fs.readFileSync(p); }",
      errors: [
        {
          messageId: 'blocking',
          suggestions: [
            {
              messageId: 'usePromiseApi',
              data: { replacement: 'await fs.promises.readFile(…)' },
              output: "const fs = require('fs');\nasync function load(p) { return await fs.promises.readFile(p); }",
            },
          ],
        },
      ],
    },
  ],
});

javascriptRuleTester('module').run('no-blocking-in-async (plain JavaScript modules, default parser)', rule, {
  valid: ["import { readFileSync } from 'fs';\nexport const text = readFileSync('x');"],
  invalid: [
    {
      code: "import { execSync } from 'child_process';\nexport const run = async () => { while (Date.now() < 0) {} return execSync('ls'); };",
      errors: [{ messageId: 'busyWait' }, { messageId: 'blocking', suggestions: [
        {
          messageId: 'usePromiseApi',
          data: { replacement: '(await promisify(exec)(…)).stdout' },
          output: "import { execSync, exec } from 'child_process';\nimport { promisify } from 'node:util';\nexport const run = async () => { while (Date.now() < 0) {} return (await promisify(exec)('ls')).stdout; };",
        },
      ] }],
    },
  ],
});
