import rule from '../../rules/src/rules/no-blocking-in-async.js';
import { typedRuleTester, untypedRuleTester } from './rule-tester.js';

for (const [label, tester] of [['typed', typedRuleTester()], ['untyped', untypedRuleTester()]] as const) {
  tester.run(`no-blocking-in-async smoke (${label})`, rule, {
    valid: ["import { readFileSync } from 'fs'; readFileSync('x');"],
    invalid: [
      {
        code: "import { spawnSync } from 'child_process'; export async function f() { return spawnSync('x'); }",
        errors: [{ messageId: 'blocking' }],
      },
    ],
  });
}
