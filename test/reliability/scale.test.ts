/**
 * Ten million elements: no stack overflow (no spreading of big arrays into
 * calls), exact results, and no Decimal per element. Timing is not a
 * criterion here (see npm run bench); the expected values are worked out in
 * closed form below.
 */
import { describe, expect, it } from 'vitest';
import { revenueConcentration, topCustomerShare } from '../../src';

const N = 10_000_000;

describe('ten million customers', () => {
  it('revenueConcentration and topCustomerShare handle a Float64Array of 10,000,000 revenues exactly', () => {
    // Revenues 1, 2, ..., N (in cents): total N(N+1)/2; the top 10 % are N - N/10 + 1 .. N.
    const revenues = new Float64Array(N);
    for (let i = 0; i < N; i++) revenues[i] = i + 1;
    const c = revenueConcentration(revenues, { topShares: [0.1] });
    const total = (BigInt(N) * BigInt(N + 1)) / 2n;
    expect(c.total.toString()).toBe(total.toString());
    expect(c.customers).toBe(N);
    // Top 10 %: sum of the largest N/10 = (N/10)(2N - N/10 + 1)/2.
    const k = BigInt(N / 10);
    const top = (k * (2n * BigInt(N) - k + 1n)) / 2n;
    // Exactly, as a fraction: top / total.
    expect(c.top[0]?.revenueShare.times(total.toString()).toSignificantDigits(30).toString()).toBe(top.toString());
    // Gini of 1..N: sum |x_i - x_j| = N (N^2 - 1) / 3 over 2 N^2 (N + 1) / 2, which is (N - 1) / (3N).
    expect(
      c.gini
        .times(3 * N)
        .toSignificantDigits(30)
        .toString(),
    ).toBe(String(N - 1));
    expect(topCustomerShare(revenues, 0.1).toString()).toBe(c.top[0]?.revenueShare.toString());
  }, 120_000);
});
