import { describe, expect, it } from 'vitest';
import { typeErrors } from './typecheck.js';

describe('typeErrors (the helper that checks suggestion output)', () => {
  it('reports nothing for code that compiles and an error for code that does not', () => {
    const [good, bad] = typeErrors([
      { code: "import { readFile } from 'node:fs/promises';\nexport async function f() { return (await readFile('x')).length; }" },
      { code: 'const n: number = "text";' },
    ]);
    expect(good).toBe('');
    expect(bad).toMatch(/line 1: Type 'string' is not assignable to type 'number'/);
  });
});
