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
  type Valid,
} from './no-blocking-in-async.cases.js';
import { originalCodes, runTable, suggestionOutputs, typeCheckFailures } from './case-table.js';
import { javascriptRuleTester } from './rule-tester.js';

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

runTable('no-blocking-in-async', rule, { valid, invalid });

describe('no-blocking-in-async suggestions', () => {
  const outputs = suggestionOutputs(invalid);

  it('offer outputs that type-check (strict TypeScript, Node types)', () => {
    expect(outputs.length).toBeGreaterThan(30);
    expect(typeCheckFailures(outputs)).toEqual([]);
  });

  it('the original code of each case type-checks too, so the comparison is fair', () => {
    expect(typeCheckFailures(originalCodes(invalid))).toEqual([]);
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
