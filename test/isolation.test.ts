/**
 * The library keeps its own decimal.js clone: an application's global
 * configuration never changes a result, and the library never changes it.
 */
import DecimalJs from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';

const original = {
  precision: DecimalJs.precision,
  rounding: DecimalJs.rounding,
  toExpNeg: DecimalJs.toExpNeg,
  toExpPos: DecimalJs.toExpPos,
};

afterAll(() => {
  DecimalJs.set(original);
});

describe("decimal.js's global configuration", () => {
  it('is the same after the library is imported and used as before', async () => {
    const lib = await import('../src');
    lib.customerLifetimeValue({ margin: 100, retentionRate: 0.85, discountRate: 0.1, periods: 40 });
    lib.revenueConcentration([1, 2, 3]);
    expect({
      precision: DecimalJs.precision,
      rounding: DecimalJs.rounding,
      toExpNeg: DecimalJs.toExpNeg,
      toExpPos: DecimalJs.toExpPos,
    }).toEqual(original);
  });

  it('does not change any result when the application sets 5 digits rounding down', async () => {
    const lib = await import('../src');
    DecimalJs.set({ precision: 5, rounding: DecimalJs.ROUND_DOWN, toExpNeg: -2, toExpPos: 2 });
    // 2 / 3 to 34 significant digits, half-even: ...6667
    expect(lib.retentionRate({ customersAtStart: 3, customersAtEnd: 2, newCustomers: 0 }).toString()).toBe(
      '0.6666666666666666666666666666666667',
    );
    // 100 x 1.1 / 0.25 = 440, printed in plain notation despite toExpPos 2.
    expect(lib.customerLifetimeValue({ margin: 100, retentionRate: 0.85, discountRate: 0.1 }).toString()).toBe('440');
    // An application Decimal with more digits than its own precision is read exactly.
    const margin = new DecimalJs('123.456789');
    expect(lib.customerLifetimeValue({ margin, retentionRate: 0 }).toString()).toBe('123.456789');
    // And the library left the application's settings alone.
    expect(DecimalJs.precision).toBe(5);
    expect(DecimalJs.rounding).toBe(DecimalJs.ROUND_DOWN);
    DecimalJs.set(original);
  });

  it('returns instances of the exported Decimal, a clone distinct from the global constructor', async () => {
    const lib = await import('../src');
    const rate = lib.churnRate({ customersAtStart: 10, lostCustomers: 1 });
    expect(rate).toBeInstanceOf(lib.Decimal);
    expect(lib.Decimal).not.toBe(DecimalJs);
    expect(lib.Decimal.precision).toBe(34);
    expect(lib.Decimal.rounding).toBe(DecimalJs.ROUND_HALF_EVEN);
  });
});
