/**
 * The Gamma-Gamma spend model (Fader and Hardie, "The Gamma-Gamma model of
 * monetary value", 2013): the expected spend formula checked by hand, a fit on
 * customers simulated from known parameters, and input errors.
 */
import { describe, expect, it } from 'vitest';
import { fitGammaGamma, gammaGammaExpectedSpend } from '../../src';
import { readCdnowSummary } from '../support/cdnow';
import { expectInputError, expectRelative } from './independent';
import { simulateGammaGamma } from './simulate';

/** Calls a function with arguments the type system would refuse. */
const loose = <F extends (...args: never[]) => unknown>(f: F) => f as unknown as (...args: unknown[]) => unknown;

describe('gammaGammaExpectedSpend', () => {
  // p = 2, q = 3, gamma = 10: population mean p gamma / (q - 1) = 20 / 2 = 10.
  const simple = { p: 2, q: 3, gamma: 10 };

  it('is the weighted mean (q - 1)/(p x + q - 1) x population mean + p x/(p x + q - 1) x own mean (by hand)', () => {
    // x = 1, m = 30: p x = 2, weights 2/4 and 2/4: 0.5 x 10 + 0.5 x 30 = 20.
    expect(gammaGammaExpectedSpend(simple, { frequency: 1, monetaryValue: 30 })).toBeCloseTo(20, 12);
    // x = 4, m = 5: p x = 8, weights 2/10 and 8/10: 0.2 x 10 + 0.8 x 5 = 6.
    expect(gammaGammaExpectedSpend(simple, { frequency: 4, monetaryValue: 5 })).toBeCloseTo(6, 12);
    // x = 1, m = 10 (the population mean): 10 whatever the weights.
    expect(gammaGammaExpectedSpend(simple, { frequency: 1, monetaryValue: 10 })).toBeCloseTo(10, 12);
    // p = 0.5, q = 1.5, gamma = 4: mean 0.5 x 4 / 0.5 = 4; x = 3, m = 12: p x = 1.5, weights 0.5/2 and 1.5/2:
    // 0.25 x 4 + 0.75 x 12 = 10.
    expect(gammaGammaExpectedSpend({ p: 0.5, q: 1.5, gamma: 4 }, { frequency: 3, monetaryValue: 12 })).toBeCloseTo(
      10,
      12,
    );
  });

  it('is the population mean p gamma / (q - 1) for a customer without repeat purchases', () => {
    expect(gammaGammaExpectedSpend(simple, { frequency: 0, monetaryValue: 0 })).toBeCloseTo(10, 12);
    // The monetary value of a customer without repeats carries no information.
    expect(gammaGammaExpectedSpend(simple, { frequency: 0, monetaryValue: 99 })).toBeCloseTo(10, 12);
    // CDNOW (published p = 6.25, q = 3.74, gamma = 15.44): 6.25 x 15.44 / 2.74 = 35.2189...
    expectRelative(
      gammaGammaExpectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: 0, monetaryValue: 0 }),
      (6.25 * 15.44) / 2.74,
      1e-14,
    );
  });

  it('lies between the population mean and the own mean, closer to the own mean the more purchases', () => {
    let previous = 10;
    for (const frequency of [1, 2, 5, 20, 100, 10_000]) {
      const value = gammaGammaExpectedSpend(simple, { frequency, monetaryValue: 50 });
      expect(value).toBeGreaterThan(previous);
      expect(value).toBeLessThan(50);
      previous = value;
    }
    expect(50 - previous).toBeLessThan(0.01);
  });

  it('gives the published CDNOW customers 1 and 2 (x = 2, zbar = 22.35; x = 1, zbar = 11.77) 24.66 and 18.91', () => {
    // Fader and Hardie's note, with the unrounded estimates p = 6.2488, q = 3.7446, gamma = 15.4477.
    const fit = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
    expect(gammaGammaExpectedSpend(fit, { frequency: 2, monetaryValue: 22.35 }).toFixed(2)).toBe('24.66');
    expect(gammaGammaExpectedSpend(fit, { frequency: 1, monetaryValue: 11.77 }).toFixed(2)).toBe('18.91');
  });

  it('refuses q <= 1 (no finite mean spend), naming parameters.q', () => {
    for (const q of [1, 0.999, 0.5]) {
      const error = expectInputError(
        () => gammaGammaExpectedSpend({ p: 2, q, gamma: 10 }, { frequency: 1, monetaryValue: 5 }),
        /^gammaGammaExpectedSpend: parameters\.q must be greater than 1/,
      );
      expect(error.field).toBe('parameters.q');
    }
  });

  it('refuses bad parameters and customer figures', () => {
    const f = loose(gammaGammaExpectedSpend);
    const ok = { frequency: 2, monetaryValue: 5 };
    for (const name of ['p', 'q', 'gamma'] as const) {
      for (const bad of [0, -1, Number.NaN, undefined]) {
        expectInputError(
          () => f({ ...simple, [name]: bad }, ok),
          new RegExp(`^gammaGammaExpectedSpend: parameters\\.${name} `),
        );
      }
    }
    expectInputError(
      () => f(simple, { frequency: 2, monetaryValue: 0 }),
      /^gammaGammaExpectedSpend: monetaryValue must be greater than 0 when frequency > 0/,
    );
    expectInputError(() => f(simple, { frequency: 2, monetaryValue: -5 }), /^gammaGammaExpectedSpend: monetaryValue /);
    expectInputError(() => f(simple, { frequency: 1.5, monetaryValue: 5 }), /^gammaGammaExpectedSpend: frequency /);
    expectInputError(() => f(simple, { frequency: 2 }), /^gammaGammaExpectedSpend: monetaryValue /);
  });
});

describe('fitGammaGamma on customers simulated from known parameters', () => {
  // 20,000 customers, x uniform on 0..10, nu ~ Gamma(q = 4, rate gamma = 30), each purchase
  // ~ Gamma(p = 2, rate nu): mean spend p gamma / (q - 1) = 20. Over seeds 1..12 the relative
  // errors had root mean squares of 2.1 % (p), 1.2 % (q) and 3.1 % (gamma), the largest 4.7 %
  // (gamma); with seed 7: p -3.54 %, q +0.35 %, gamma +3.79 %. The 10 % bound is more than three
  // root mean squares for each.
  const truth = { p: 2, q: 4, gamma: 30 };
  const customers = simulateGammaGamma(truth, 20_000, 10, 7);
  const buyers = customers.filter((c) => c.frequency > 0);

  // One test for the one fit: it takes about 1 s, and fitted at describe level it would not count
  // as run by the tests that check it under mutation testing.
  it('converges, recovers p, q, gamma within 10 %, counts the customers left out, reports the correlation (near 0) and is plain JSON', () => {
    const fit = fitGammaGamma(customers);
    // Converges and recovers p, q and gamma within 10 %.
    expect(fit.converged).toBe(true);
    expectRelative(fit.p, truth.p, 0.1, 'p');
    expectRelative(fit.q, truth.q, 0.1, 'q');
    expectRelative(fit.gamma, truth.gamma, 0.1, 'gamma');
    // The fitted mean spend p gamma / (q - 1) is better determined than p and gamma apart.
    expectRelative((fit.p * fit.gamma) / (fit.q - 1), 20, 0.03, 'mean spend');

    // Leaves out and counts the customers without repeat purchases.
    expect(fit.customers).toBe(buyers.length);
    expect(fit.customersWithoutRepeat).toBe(customers.length - buyers.length);
    expect(fit.customersWithoutRepeat).toBeGreaterThan(1500); // about 20,000 / 11

    // The frequency-spend correlation, near 0 here, where spend does not depend on frequency.
    const n = buyers.length;
    const mx = buyers.reduce((s, c) => s + c.frequency, 0) / n;
    const my = buyers.reduce((s, c) => s + c.monetaryValue, 0) / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (const c of buyers) {
      sxy += (c.frequency - mx) * (c.monetaryValue - my);
      sxx += (c.frequency - mx) ** 2;
      syy += (c.monetaryValue - my) ** 2;
    }
    expect(fit.frequencySpendCorrelation).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 12);
    // Standard error about 1 / sqrt(18,000) = 0.0075.
    expect(Math.abs(fit.frequencySpendCorrelation)).toBeLessThan(0.03);

    // A plain JSON object.
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
    expect(Object.getPrototypeOf(fit)).toBe(Object.prototype);
    expect(fit.model).toBe('gammagamma');
    for (const value of Object.values(fit)) expect(['number', 'string', 'boolean']).toContain(typeof value);
    expect(gammaGammaExpectedSpend(JSON.parse(JSON.stringify(fit)), { frequency: 3, monetaryValue: 25 })).toBe(
      gammaGammaExpectedSpend(fit, { frequency: 3, monetaryValue: 25 }),
    );
  });
});

describe('fitGammaGamma does not depend on the currency unit', () => {
  // Multiplying every amount by c multiplies each customer's scale by c: the likelihood of
  // (p, q, c gamma) on the scaled data is that of (p, q, gamma) on the original minus n ln c, so
  // the estimates must be the same p and q, and gamma times c. The CDNOW published summary
  // (946 repeat buyers; Fader and Hardie: p = 6.2488, q = 3.7446, gamma = 15.4477) in cents (c = 100)
  // and in a currency worth a hundred-thousandth of a dollar (c = 1e5).
  const published = readCdnowSummary().map(({ frequency, monetaryValue }) => ({ frequency, monetaryValue }));

  it.each([100, 1e5])('amounts times %d give p = 6.2488, q = 3.7446 and gamma = 15.4477 times that', (c) => {
    const fit = fitGammaGamma(published.map((row) => ({ ...row, monetaryValue: row.monetaryValue * c })));
    expect(fit.converged).toBe(true);
    expectRelative(fit.p, 6.2488, 0.001, 'p');
    expectRelative(fit.q, 3.7446, 0.001, 'q');
    expectRelative(fit.gamma / c, 15.4477, 0.001, 'gamma / c');
  });
});

describe('fitGammaGamma input errors', () => {
  const f = loose(fitGammaGamma);
  const ok = { frequency: 2, monetaryValue: 20 };

  it('refuses a repeat buyer with a monetary value of 0 or less, naming the row', () => {
    const error = expectInputError(
      () => f([ok, ok, { frequency: 1, monetaryValue: 0 }, ok]),
      /^fitGammaGamma: customers\[2\]\.monetaryValue must be greater than 0/,
    );
    expect(error.field).toBe('customers[2].monetaryValue');
    expectInputError(
      () => f([ok, ok, ok, { frequency: 3, monetaryValue: -4 }]),
      /^fitGammaGamma: customers\[3\]\.monetaryValue /,
    );
    expectInputError(() => f([ok, { frequency: 3 }, ok, ok]), /^fitGammaGamma: customers\[1\]\.monetaryValue /);
  });

  it('accepts a monetary value of 0 for customers without repeats (they are left out)', () => {
    const fit = fitGammaGamma([
      { frequency: 0, monetaryValue: 0 },
      { frequency: 2, monetaryValue: 20 },
      { frequency: 1, monetaryValue: 12 },
      { frequency: 5, monetaryValue: 31 },
      { frequency: 3, monetaryValue: 18 },
      { frequency: 0, monetaryValue: 0 },
    ]);
    expect(fit.customers).toBe(4);
    expect(fit.customersWithoutRepeat).toBe(2);
  });

  it('refuses fractional or negative frequencies, too few repeat buyers, and bad containers', () => {
    expectInputError(() => f([ok, { frequency: 1.5, monetaryValue: 3 }]), /^fitGammaGamma: customers\[1\]\.frequency /);
    expectInputError(() => f([ok, { frequency: -1, monetaryValue: 3 }]), /^fitGammaGamma: customers\[1\]\.frequency /);
    expectInputError(
      () => f([ok, ok, { frequency: 0, monetaryValue: 0 }]),
      /^fitGammaGamma: customers need at least 3/,
    );
    expectInputError(() => f([ok, ok, ok, null]), /^fitGammaGamma: customers\[3\] /);
    expectInputError(() => f('spend.csv'), /^fitGammaGamma: customers /);
    expectInputError(() => f([ok, ok, ok], { maxIter: 10 }), /^fitGammaGamma: maxIter is not an option/);
  });
});
