/**
 * The built package, not the sources: dist/ is loaded as an ES module and as
 * CommonJS under Node (through the package's own `exports` map), and as an ES
 * module under Deno, and each computes the worked examples.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

function run(command: string, args: string[]): { entry: string; values: unknown } {
  const output = execFileSync(command, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const last = output.trim().split('\n').pop() ?? '';
  return JSON.parse(last);
}

// Values from the worked examples: W01 0.9, W03 0.1, W04 3000, W05 CLV 500 and ceiling 500/3
// to 34 digits, the design's sensitivity example 0.25, and Gini 0.46 of [500, 300, 100, 50, 50]
// (sum of |x_i - x_j| = 4600 over 2 x 25 x 200).
const expected = {
  W01: '0.9',
  W03: '0.1',
  W04: '3000',
  W05: { lifetimeValue: '500', ceiling: '166.6666666666666666666666666666667' },
  sensitivity: '0.25',
  gini: '0.46',
  error: { name: 'MetricInputError', is: true, field: 'customersAtStart' },
};

describe('the built package', () => {
  beforeAll(() => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      if (!existsSync(`${root}dist/${file}`)) throw new Error(`dist/${file} is missing: run npm run build first`);
    }
  });

  it('loads as an ES module under Node through the exports map and computes W01-W05', () => {
    const result = run(process.execPath, [`${here}esm-smoke.mjs`]);
    expect(result.entry).toBe('index.js');
    expect(result.values).toEqual(expected);
  });

  it('loads as CommonJS under Node through the exports map and computes the same values', () => {
    const result = run(process.execPath, [`${here}cjs-smoke.cjs`]);
    expect(result.entry).toBe('index.cjs');
    expect(result.values).toEqual(expected);
  });

  it('loads under Deno (the deno npm package) and computes the same values', () => {
    const deno = `${root}node_modules/.bin/deno`;
    const result = run(deno, ['run', '--quiet', '--allow-read', '--allow-env', `${here}deno-smoke.ts`]);
    expect(result.values).toEqual(expected);
  });
});
