/**
 * Importing and using the library changes no global: not globalThis, not a
 * built-in prototype. (zod itself, a dependency, registers two globals of its
 * own, __zod_globalConfig and __zod_globalRegistry, when it is first
 * imported; the test imports zod first, so it checks what the library adds.) And two copies of it in one application (an ES module
 * and a CommonJS build side by side) do not interfere: each keeps its own
 * Decimal, both give the same digits, and MetricInputError.is recognises the
 * other copy's errors.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

const snapshot = () => ({
  globals: Object.getOwnPropertyNames(globalThis).sort(),
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  number: Object.getOwnPropertyNames(Number.prototype).sort(),
  string: Object.getOwnPropertyNames(String.prototype).sort(),
  bigint: Object.getOwnPropertyNames(BigInt.prototype).sort(),
  fn: Object.getOwnPropertyNames(Function.prototype).sort(),
  math: Object.getOwnPropertyNames(Math).sort(),
});

describe('globals', () => {
  it('are the same after importing both builds and calling every kind of function', async () => {
    await import('zod/mini');
    const before = snapshot();
    const esm = await import(`${root}dist/index.js`);
    const cjs = createRequire(import.meta.url)(`${root}dist/index.cjs`);
    for (const lib of [esm, cjs]) {
      lib.customerLifetimeValue({ margin: 100, retentionRate: 0.85, discountRate: 0.1 });
      lib.revenueConcentration([1, 2, 3]);
      lib.fitSbg([1000, 631, 468, 382]);
      lib.periodCounts([{ customerId: 'a', startedAt: '2026-01-01' }], { from: '2026-01-01', to: '2026-02-01' });
      expect(() => lib.retentionRate({ customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 })).toThrow();
    }
    expect(snapshot()).toEqual(before);
  });
});

describe('two copies of the library in one application', () => {
  it('keep their own Decimal constructors and give the same digits', async () => {
    const esm = await import(`${root}dist/index.js`);
    const cjs = createRequire(import.meta.url)(`${root}dist/index.cjs`);
    expect(esm.Decimal).not.toBe(cjs.Decimal);
    const input = { customersAtStart: 3, customersAtEnd: 2, newCustomers: 0 };
    const a = esm.retentionRate(input);
    const b = cjs.retentionRate(input);
    expect(a).toBeInstanceOf(esm.Decimal);
    expect(b).toBeInstanceOf(cjs.Decimal);
    // 2/3 to 34 digits, half even, from both copies.
    expect(a.toString()).toBe('0.6666666666666666666666666666666667');
    expect(b.toString()).toBe(a.toString());
    // A result of one copy is an input the other reads exactly.
    expect(cjs.customerLifetimeValue({ margin: 1, churnRate: esm.churnRate(input) }).toString()).toBe('3');
  });

  it('recognise each other’s input errors with MetricInputError.is', async () => {
    const esm = await import(`${root}dist/index.js`);
    const cjs = createRequire(import.meta.url)(`${root}dist/index.cjs`);
    let thrown: unknown;
    try {
      cjs.churnRate({ customersAtStart: 0, lostCustomers: 0 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof esm.MetricInputError).toBe(false);
    expect(esm.MetricInputError.is(thrown)).toBe(true);
  });
});
