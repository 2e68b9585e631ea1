/**
 * Calendar horizons and annual discount rates in the one-customer functions:
 * a calendar horizon on a fit that records its unit gives what the same fit,
 * rescaled by hand to another unit, gives for a horizon in that unit; an
 * annual rate gives what the per-unit rate worked out here gives; and a
 * fractional horizon is valued by the definition summed here, unit by unit.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNewCustomer,
  bgNbdPurchaseCountProbability,
  gammaGammaExpectedSpend,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNewCustomer,
  predictiveLifetimeValue,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedResidualLifetime,
  sbgLifetimeValue,
} from '../../src';
import { expectInputError, expectRelative } from './independent';

// The published CDNOW fits, in weeks (Fader, Hardie and Lee 2005; Fader and Hardie 2013).
const bg = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
const pareto = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6656 };
const spend = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
const week = { days: 7 };
const weeklyBg = { ...bg, timeUnit: week };
const weeklyPareto = { ...pareto, timeUnit: week };

// The same models in days: every time scale (alpha, beta) and every time multiplied by 7.
const dailyBg = { ...bg, alpha: bg.alpha * 7 };
const dailyPareto = { ...pareto, alpha: pareto.alpha * 7, beta: pareto.beta * 7 };
const inDays = (c: { frequency: number; recency: number; age: number }) => ({
  frequency: c.frequency,
  recency: c.recency * 7,
  age: c.age * 7,
});

const customers = [
  { frequency: 0, recency: 0, age: 38.86 },
  { frequency: 2, recency: 30.43, age: 38.86 },
  { frequency: 7, recency: 35, age: 36.5 },
  { frequency: 1, recency: 0.5, age: 70 },
];

describe('a calendar horizon equals the fit rescaled by hand', () => {
  // Twelve months of 30.4375 days: 365.25 days, 52.178... weeks, a fractional horizon.
  const months = { months: 12 };
  const days = 365.25;

  it('bgNbdExpectedPurchases and paretoNbdExpectedPurchases', () => {
    for (const c of customers) {
      expectRelative(
        bgNbdExpectedPurchases(weeklyBg, { ...c, horizon: months }),
        bgNbdExpectedPurchases(dailyBg, { ...inDays(c), horizon: days }),
        1e-12,
        `BG/NBD ${JSON.stringify(c)}`,
      );
      expectRelative(
        paretoNbdExpectedPurchases(weeklyPareto, { ...c, horizon: months }),
        paretoNbdExpectedPurchases(dailyPareto, { ...inDays(c), horizon: days }),
        1e-12,
        `Pareto/NBD ${JSON.stringify(c)}`,
      );
    }
  });

  it('the new-customer forecasts and the purchase count probability', () => {
    for (const horizon of [{ days: 10 }, { weeks: 3.5 }, { months: 18 }, { years: 2 }]) {
      const inDaysHorizon = Object.entries(horizon)[0] as [string, number];
      const length = { days: 1, weeks: 7, months: 30.4375, years: 365.25 }[inDaysHorizon[0]] as number;
      const t = inDaysHorizon[1] * length;
      expectRelative(
        bgNbdExpectedPurchasesNewCustomer(weeklyBg, { horizon }),
        bgNbdExpectedPurchasesNewCustomer(dailyBg, { horizon: t }),
        1e-12,
        `BG/NBD new, ${t} days`,
      );
      expectRelative(
        paretoNbdExpectedPurchasesNewCustomer(weeklyPareto, { horizon }),
        paretoNbdExpectedPurchasesNewCustomer(dailyPareto, { horizon: t }),
        1e-12,
        `Pareto/NBD new, ${t} days`,
      );
      for (const purchases of [0, 1, 4]) {
        expectRelative(
          bgNbdPurchaseCountProbability(weeklyBg, { purchases, horizon }),
          bgNbdPurchaseCountProbability(dailyBg, { purchases, horizon: t }),
          1e-12,
          `P(X(${t} days) = ${purchases})`,
        );
      }
    }
  });

  it('a number stays a number of the fit units, whatever the unit', () => {
    const c = customers[1] as (typeof customers)[number];
    expect(bgNbdExpectedPurchases(weeklyBg, { ...c, horizon: 52 })).toBe(
      bgNbdExpectedPurchases(bg, { ...c, horizon: 52 }),
    );
  });
});

/** E[Y(t)] x E[M] for the customer, the ingredients the value sums. */
function valueParts(c: { frequency: number; recency: number; age: number; monetaryValue: number }) {
  const m = gammaGammaExpectedSpend(spend, { frequency: c.frequency, monetaryValue: c.monetaryValue });
  return (t: number) => (t === 0 ? 0 : bgNbdExpectedPurchases(bg, { ...c, horizon: t })) * m;
}

/**
 * The discounted value by its definition: the purchases of unit k discounted
 * to its end, those of a fractional last unit to the horizon's end.
 */
function definitionValue(Y: (t: number) => number, H: number, d: number): number {
  let sum = 0;
  let previous = 0;
  for (let k = 1; k < H + 1; k++) {
    const t = Math.min(k, H);
    const now = Y(t);
    sum += (now - previous) / (1 + d) ** t;
    previous = now;
  }
  return sum;
}

describe('predictiveLifetimeValue over calendar horizons and annual rates', () => {
  const customer = { frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35 };
  const Y = valueParts(customer);
  // 10 % a year, compounded to a week of 7 days.
  const weeklyRate = 1.1 ** (7 / 365.25) - 1;

  for (const [label, horizon, weeks] of [
    ['12 months', { months: 12 }, 365.25 / 7],
    ['2 years (past the 64 units summed one by one)', { years: 2 }, 730.5 / 7],
    ['100 days', { days: 100 }, 100 / 7],
  ] as const) {
    it(`values ${label} at 10 % a year as the definition does at the weekly rate`, () => {
      const value = predictiveLifetimeValue(
        { purchases: weeklyBg, spend },
        { ...customer, horizon, annualDiscountRate: 0.1 },
      );
      expectRelative(value, definitionValue(Y, weeks, weeklyRate), 1e-11, label);
    });
  }

  it('values a fractional horizon in units, and without discounting gives E[Y(H)] x E[M]', () => {
    expectRelative(
      predictiveLifetimeValue({ purchases: bg, spend }, { ...customer, horizon: 10.25, discountRate: 0.002 }),
      definitionValue(Y, 10.25, 0.002),
      1e-12,
      '10.25 weeks',
    );
    expectRelative(
      predictiveLifetimeValue({ purchases: bg, spend }, { ...customer, horizon: 10.25, discountRate: 0 }),
      Y(10.25),
      1e-14,
      'undiscounted',
    );
  });

  it('refuses a calendar horizon or an annual rate without a unit, both rates, and a rate above 1', () => {
    const models = { purchases: bg, spend };
    expectInputError(
      () => predictiveLifetimeValue(models, { ...customer, horizon: { months: 12 }, discountRate: 0 }),
      /^predictiveLifetimeValue: horizon is a calendar duration \(\{ months: 12 \}\), but the fitted parameters record no time unit/,
    );
    expectInputError(
      () => predictiveLifetimeValue(models, { ...customer, horizon: 52, annualDiscountRate: 0.1 }),
      /^predictiveLifetimeValue: annualDiscountRate needs the fit's time unit to be converted, but the fitted parameters record no time unit/,
    );
    expectInputError(
      () =>
        predictiveLifetimeValue(
          { purchases: weeklyBg, spend },
          { ...customer, horizon: 52, discountRate: 0.002, annualDiscountRate: 0.1 },
        ),
      /^predictiveLifetimeValue: annualDiscountRate and discountRate are both given/,
    );
    expectInputError(
      () =>
        predictiveLifetimeValue({ purchases: weeklyBg, spend }, { ...customer, horizon: 52, annualDiscountRate: 10 }),
      /^predictiveLifetimeValue: annualDiscountRate must be at most 1 per year \(rates are fractions: 0.1 for 10 %\), got 10$/,
    );
    expectInputError(
      () =>
        predictiveLifetimeValue(
          { purchases: weeklyBg, spend },
          { ...customer, horizon: { years: 3000 }, discountRate: 0 },
        ),
      /^predictiveLifetimeValue: horizon must be at most 100,000 time units, got 156535.7142857143 \(\{ years: 3000 \}\)$/,
    );
    expectInputError(
      () =>
        predictiveLifetimeValue(models, { ...customer, horizon: { months: 12, days: 3 } as never, discountRate: 0 }),
      /^predictiveLifetimeValue: horizon must be a number of time units greater than 0, or a calendar duration: \{ days \}, \{ weeks \}, \{ months \} or \{ years \}: give exactly one of them, got months and days$/,
    );
  });
});

describe('the sBG valuations at an annual rate', () => {
  // A monthly fit (30.4375 days a period) valued at 10 % a year: (1.1)^(1/12) - 1 a month.
  const sbg = { alpha: 0.704, beta: 1.182 };
  const monthly = { ...sbg, timeUnit: { days: 30.4375 } };
  const monthlyRate = 1.1 ** (30.4375 / 365.25) - 1;

  /** sum_{t >= n} S(t) / S(n - 1) / (1 + d)^(t - n), with S(t) = S(t - 1) (beta + t - 1) / (alpha + beta + t - 1). */
  function residualByDefinition(n: number, d: number): number {
    const { alpha, beta } = sbg;
    let survivalRatio = 1; // S(n - 1) / S(n - 1)
    let t = n - 1;
    let sum = 0;
    for (let terms = 0; terms < 200_000; terms++) {
      t += 1;
      survivalRatio *= (beta + t - 1) / (alpha + beta + t - 1);
      const term = survivalRatio / (1 + d) ** (t - n);
      sum += term;
      if (term < 1e-18 * sum) break;
    }
    return sum;
  }

  it('gives DEL, DERL and the value the per-period rate worked out here gives', () => {
    // DEL counts the period of acquisition as t = 0, S(0) = 1: the residual sum from n = 0 with S(-1) taken as 1.
    const del = sbgDiscountedExpectedLifetime(monthly, { annualDiscountRate: 0.1 });
    expectRelative(del, 1 + residualByDefinition(1, monthlyRate) / (1 + monthlyRate), 1e-10, 'DEL');
    for (const n of [1, 4, 24]) {
      expectRelative(
        sbgDiscountedResidualLifetime(monthly, { annualDiscountRate: 0.1, periodsActive: n }),
        residualByDefinition(n, monthlyRate),
        1e-10,
        `DERL at ${n}`,
      );
      expectRelative(
        sbgLifetimeValue(monthly, { margin: 30, annualDiscountRate: 0.1, periodsActive: n }),
        30 * residualByDefinition(n, monthlyRate),
        1e-10,
        `value at ${n}`,
      );
    }
  });

  it('refuses an annual rate of 0 or without a unit, and both rates', () => {
    expectInputError(
      () => sbgDiscountedExpectedLifetime(monthly, { annualDiscountRate: 0 }),
      /^sbgDiscountedExpectedLifetime: annualDiscountRate must be greater than 0, got 0$/,
    );
    expectInputError(
      () => sbgLifetimeValue(sbg, { margin: 30, annualDiscountRate: 0.1 }),
      /^sbgLifetimeValue: annualDiscountRate needs the fit's time unit to be converted, but the fitted parameters record no time unit/,
    );
    expectInputError(
      () => sbgDiscountedResidualLifetime(monthly, { discountRate: 0.01, annualDiscountRate: 0.1, periodsActive: 2 }),
      /^sbgDiscountedResidualLifetime: annualDiscountRate and discountRate are both given/,
    );
  });
});
