/**
 * Every program in examples/ runs against the built package (it imports
 * 'retention-metrics', which resolves to dist/ through the exports map) and
 * prints what its comments promise. Expected figures are worked out in the
 * comments here, independently of the library.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;

function runExample(name: string): string {
  return execFileSync(tsx, [`examples/${name}`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

// What each example must print, line fragments with their derivation.
const promises: Record<string, string[]> = {
  // (2510 - 230) / 2400 = 0.95; 0.95^12 = 0.5404; 1 / 0.05 = 20
  'what-is-my-retention.ts': [
    'Monthly retention:          95.0 %',
    'Monthly churn:              5.0 %',
    '54.0 %',
    '20.0 months',
  ],
  // margin 49 x 0.8 - 4.2 = 35; CLV = 35 x 1.008 / (1.008 - 0.97) = 928.42; / 3 = 309.47; 928.42 / 420 = 2.21;
  // 420 / 35 = 12; sum_{t<k} 35 (0.97/1.008)^t first reaches 420 at k = 16.
  'what-may-i-spend-to-acquire.ts': ['928.42', '309.47', '2.21', '12.0 months', 'counting churn:      16 months'],
  // 110 / 0.25 = 440, 110 / 0.20 = 550; 440 - 110 / 0.95 = 324.21; 440 - 110 / 1.25 = 352
  'five-point-lift.ts': [
    'CLV 440 -> 550, profit 25 %',
    'Acquisition cost 324.21',
    '+95.0 %',
    'Acquisition cost 352.00',
    '+125.0 %',
  ],
  // year 10: 10 x 40 x (100 - 150) = -20000
  'forty-who-leave-or-twenty-who-stay.ts': ['-20000'],
  'how-concentrated-is-my-revenue.ts': ['Customers: 50000', '80 % of revenue comes from the top'],
  'demo.ts': [
    'W01',
    'retentionRate = 0.9 (90 %)',
    'CLV 440 -> 550, 25.0 %',
    '95.0 %',
    '125.0 %',
    '= 10.0 % of costs',
    'top 20 % bring 80.0 %',
    'C13',
  ],
};

describe('examples', () => {
  const files = readdirSync(`${root}examples`).filter((f) => f.endsWith('.ts'));

  it('has a promise written down for every example file', () => {
    expect(files.sort()).toEqual(Object.keys(promises).sort());
  });

  it.each(files)('%s runs and prints what it promises', (file) => {
    const output = runExample(file);
    for (const fragment of promises[file] ?? []) expect(output).toContain(fragment);
  });
});
