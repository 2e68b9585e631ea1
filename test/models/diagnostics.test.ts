/**
 * The chart-ready diagnostics (src/models/diagnostics/): tracking curves,
 * frequency histogram, P(alive) grid, and survival and retention curves,
 * on the CDNOW data (39 weeks of calibration from 1997-01-01 to 1997-09-30,
 * 39 weeks of holdout to 1998-06-30) and on Fader and Hardie's (2007)
 * cohorts, each against a calculation written here: purchases counted by a
 * plain loop over the raw files, expectations summed customer by customer
 * from the papers' closed forms (series and integrals written here), and
 * the sBG and BdW curves from their beta-function closed forms in 50 digits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probabilityAliveGrid } from '../../src/models/diagnostics/probabilityAliveGrid';
import { purchaseFrequencyHistogram } from '../../src/models/diagnostics/purchaseFrequencyHistogram';
import { purchaseTracking } from '../../src/models/diagnostics/purchaseTracking';
import { retentionCurves } from '../../src/models/diagnostics/retentionCurves';
import { rfmSummary } from '../../src/models/nbd/rfmSummary';
import { fitBdw } from '../../src/models/sbg/fitBdw';
import { fitSbg } from '../../src/models/sbg/fitSbg';
import { D, decimalLogBeta, expectInputError, expectRelative } from './independent';

/** Requires a MetricInputError whose message starts with the function and the field. */
function refused(run: () => unknown, functionName: string, field: string): void {
  expectInputError(run, new RegExp(`^${functionName}: ${field.replace(/[.[\]]/g, '\\$&')} `));
}

// The published BG/NBD estimates on the CDNOW sample (Fader, Hardie and Lee 2005, table 1; their spreadsheet's digits).
const BG = { model: 'bgnbd', r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 } as const;
// Pareto/NBD estimates on the same sample (Fader, Hardie and Lee 2005, section 4: r 0.55, alpha 10.58, s 0.61, beta 11.67;
// the digits of their note on P(alive)). Any positive values would do for the checks below.
const PARETO = { model: 'paretonbd', r: 0.5533, alpha: 10.5802, s: 0.6061, beta: 11.6562 } as const;

interface RawPurchase {
  id: string;
  date: string;
}

/** The rows of a CDNOW file: the customer id and the date column (yyyymmdd). */
function readCdnow(file: string, dateColumn: number): RawPurchase[] {
  return readFileSync(new URL(`../fixtures/cdnow/${file}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => /^\d{8}$/.test(cells[dateColumn] ?? ''))
    .map((cells) => ({ id: String(cells[0]), date: String(cells[dateColumn]) }));
}

/** Adds 1 to a count. */
const addOne = (counts: number[], at: number) => {
  counts[at] = (counts[at] as number) + 1;
};

/** Days since 1970-01-01 of a yyyymmdd date, by Date.UTC. */
const dayOf = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) / 86_400_000;

const JAN_1_1997 = dayOf('19970101');
const CALIBRATION_END = dayOf('19970930');
const HOLDOUT_END = dayOf('19980630');

/**
 * Per customer first seen by the calibration end: its birth day and its
 * distinct later purchase days up to the holdout end, by a plain loop.
 */
function customersOf(purchases: readonly RawPurchase[]): { birth: number; repeats: number[] }[] {
  const days = new Map<string, Set<number>>();
  for (const { id, date } of purchases) {
    const set = days.get(id) ?? new Set<number>();
    days.set(id, set);
    set.add(dayOf(date));
  }
  const out: { birth: number; repeats: number[] }[] = [];
  for (const set of days.values()) {
    const sorted = [...set].sort((a, b) => a - b);
    const birth = sorted[0] as number;
    if (birth > CALIBRATION_END) continue;
    out.push({ birth, repeats: sorted.slice(1).filter((d) => d <= HOLDOUT_END) });
  }
  return out;
}

/** 2F1(a, b; c; z) for 0 <= z < 1 by its series, summed until the terms stop counting. */
function hypergeometric(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100_000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) return sum;
  }
  throw new Error('series did not converge');
}

/** BG/NBD E[X(t)] of a new customer (FHL 2005, equation 9), 0 for t <= 0. */
function bgNew(t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = BG;
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hypergeometric(r, b, a + b - 1, t / (alpha + t)));
}

/** Pareto/NBD E[X(t)] of a new customer (Schmittlein, Morrison and Colombo 1987), 0 for t <= 0. */
function paretoNew(t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = PARETO;
  return ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + t)) ** (s - 1));
}

/** Simpson's rule for f over [lo, hi] with n (even) steps. */
function simpson(f: (x: number) => number, lo: number, hi: number, n: number): number {
  const h = (hi - lo) / n;
  let sum = f(lo) + f(hi);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}

/** ln[Gamma(r + x) / (Gamma(r) x!)] by the product of (r + j) / (j + 1). */
function logCoefficient(r: number, x: number): number {
  let sum = 0;
  for (let j = 0; j < x; j++) sum += Math.log((r + j) / (j + 1));
  return sum;
}

/**
 * Pareto/NBD P(X(t) = x) by Simpson's rule over the lifetime tau, after the
 * substitution tau = t u^4 that smooths the integrand's corner at 0.
 */
function paretoCountByIntegration(x: number, t: number): number {
  const { r, alpha, s, beta } = PARETO;
  const nb = (tau: number) =>
    Math.exp(
      logCoefficient(r, x) + r * Math.log(alpha / (alpha + tau)) + (x === 0 ? 0 : x * Math.log(tau / (alpha + tau))),
    );
  const density = (tau: number) => (s / beta) * (beta / (beta + tau)) ** (s + 1);
  const integral = simpson((u) => (u === 0 ? 0 : 4 * t * u ** 3 * density(t * u ** 4) * nb(t * u ** 4)), 0, 1, 20_000);
  return (beta / (beta + t)) ** s * nb(t) + integral;
}

describe('purchaseTracking on the CDNOW sample (2,357 customers), BG/NBD', () => {
  const raw = readCdnow('CDNOW_sample.txt', 2);
  const transactions = raw.map((p) => ({ customerId: p.id, at: p.date }));
  const chart = purchaseTracking(transactions, { fit: BG, calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
  const customers = customersOf(raw);

  it('has 78 weeks, 39 of calibration, from 1997-01-01, and tracks the 2,357 customers', () => {
    expect(chart.periods).toHaveLength(78);
    expect(chart.calibrationPeriods).toBe(39);
    expect(chart.customers).toBe(2357);
    expect(customers).toHaveLength(2357);
    expect(chart.periods[0]?.start).toBe('1997-01-01');
    expect(chart.periods[0]?.end).toBe('1997-01-07');
    expect(chart.periods[77]?.end).toBe('1998-06-30');
    expect(chart.periods.map((p) => p.phase)).toEqual([
      ...new Array(39).fill('calibration'),
      ...new Array(39).fill('holdout'),
    ]);
  });

  it('counts the repeat purchases of each week as a plain loop over the raw file does', () => {
    const weekly = new Array<number>(78).fill(0);
    for (const { repeats } of customers) for (const day of repeats) addOne(weekly, Math.floor((day - JAN_1_1997) / 7));
    expect(chart.periods.map((p) => p.actual)).toEqual(weekly);
    let running = 0;
    expect(chart.periods.map((p) => p.cumulativeActual)).toEqual(weekly.map((w) => (running += w)));
  });

  it("agrees with rfmSummary's calibration frequencies and holdout purchases", () => {
    const summary = rfmSummary(transactions, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
    const calibration = summary.customers.reduce((sum, c) => sum + c.frequency, 0);
    const holdout = summary.customers.reduce((sum, c) => sum + (c.holdoutPurchases as number), 0);
    expect(chart.periods[38]?.cumulativeActual).toBe(calibration);
    expect(chart.periods[77]?.cumulativeActual).toBe(calibration + holdout);
  });

  it('expects at week 78 the sum over customers of E_new(78 - s_i), E_new summed here from equation 9', () => {
    let total = 0;
    for (const { birth } of customers) total += bgNew(78 - (birth - JAN_1_1997) / 7);
    expectRelative(chart.periods[77]?.cumulativeExpected as number, total, 1e-10, 'week 78');
    let calibration = 0;
    for (const { birth } of customers) calibration += bgNew(39 - (birth - JAN_1_1997) / 7);
    expectRelative(chart.periods[38]?.cumulativeExpected as number, calibration, 1e-10, 'week 39');
  });

  it('expects in each week the sum over customers of the increments of E_new', () => {
    for (const k of [1, 2, 5, 12, 13, 40, 78]) {
      let expected = 0;
      for (const { birth } of customers) {
        const s = (birth - JAN_1_1997) / 7;
        expected += bgNew(k - s) - bgNew(k - 1 - s);
      }
      expectRelative(chart.periods[k - 1]?.expected as number, expected, 1e-9, `week ${k}`);
    }
  });

  it('tracks the actual curve closely in calibration, as the paper shows (figure 2)', () => {
    // Not a published number: a loose check that the fit describes its own calibration data (within 2 %).
    const week39 = chart.periods[38] as { cumulativeActual: number; cumulativeExpected: number };
    expect(Math.abs(week39.cumulativeExpected / week39.cumulativeActual - 1)).toBeLessThan(0.02);
  });
});

describe('purchaseTracking on the CDNOW master file (23,570 customers)', () => {
  const raw = readCdnow('CDNOW_master.txt', 1);
  const transactions = raw.map((p) => ({ customerId: p.id, at: p.date }));
  const customers = customersOf(raw);

  it('counts every week as the plain loop does, and expects what the Pareto/NBD closed form sums to, per customer', () => {
    const started = performance.now();
    const chart = purchaseTracking(transactions, {
      fit: PARETO,
      calibrationEnd: '1997-09-30',
      holdoutEnd: '1998-06-30',
    });
    const elapsed = performance.now() - started;
    expect(chart.customers).toBe(23_570);
    const weekly = new Array<number>(78).fill(0);
    for (const { repeats } of customers) for (const day of repeats) addOne(weekly, Math.floor((day - JAN_1_1997) / 7));
    expect(chart.periods.map((p) => p.actual)).toEqual(weekly);
    let total = 0;
    for (const { birth } of customers) total += paretoNew(78 - (birth - JAN_1_1997) / 7);
    expectRelative(chart.periods[77]?.cumulativeExpected as number, total, 1e-10, 'week 78');
    // Birth days grouped: 90 days x 78 weeks of expectations, whatever the number of customers.
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('purchaseTracking in days and with a holdout end inside a period', () => {
  const transactions = [
    { customerId: 'a', at: '2024-01-01' },
    { customerId: 'a', at: '2024-01-01T18:00:00Z' },
    { customerId: 'a', at: '2024-01-03' },
    { customerId: 'a', at: '2024-01-20' },
    { customerId: 'b', at: '2024-01-05' },
    { customerId: 'b', at: '2024-01-12' },
    { customerId: 'c', at: '2024-01-11' },
  ];

  it('counts same-day purchases once, leaves out customers born after the calibration, and ends the last week at the holdout end', () => {
    const chart = purchaseTracking(transactions, { fit: BG, calibrationEnd: '2024-01-10', holdoutEnd: '2024-01-16' });
    expect(chart.customersFirstSeenAfterCalibration).toBe(1);
    expect(chart.customers).toBe(2);
    expect(chart.periods.map((p) => [p.start, p.end, p.phase, p.actual])).toEqual([
      ['2024-01-01', '2024-01-07', 'calibration', 1],
      ['2024-01-08', '2024-01-14', 'calibration', 1],
      ['2024-01-15', '2024-01-16', 'holdout', 0],
    ]);
    // a born on day 0 and b on day 4; the last boundary is the day after the holdout end, day 16.
    const total = bgNew(16 / 7) + bgNew(12 / 7);
    expectRelative(chart.periods[2]?.cumulativeExpected as number, total, 1e-12);
  });

  it('takes the fit’s recorded unit, and daily periods in a fit made in days', () => {
    const chart = purchaseTracking(transactions, {
      fit: { ...BG, timeUnit: { days: 1 } } as typeof BG,
      calibrationEnd: '2024-01-10',
    });
    expect(chart.unitDays).toBe(1);
    expect(chart.periods).toHaveLength(10);
    expect(chart.periods.filter((p) => p.actual > 0).map((p) => p.period)).toEqual([3]);
  });

  it('refuses a time unit that disagrees with the fit, a bad fit, no customers, and a holdout before the calibration', () => {
    refused(
      () =>
        purchaseTracking(transactions, {
          fit: { ...BG, timeUnit: { days: 7 } } as typeof BG,
          calibrationEnd: '2024-01-10',
          timeUnit: 'day',
        }),
      'purchaseTracking',
      'timeUnit',
    );
    refused(
      () =>
        purchaseTracking(transactions, {
          fit: { ...BG, model: 'nbd' } as unknown as typeof BG,
          calibrationEnd: '2024-01-10',
        }),
      'purchaseTracking',
      'fit.model',
    );
    refused(
      () => purchaseTracking(transactions, { fit: { ...BG, a: -1 }, calibrationEnd: '2024-01-10' }),
      'purchaseTracking',
      'fit.a',
    );
    refused(() => purchaseTracking([], { fit: BG, calibrationEnd: '2024-01-10' }), 'purchaseTracking', 'transactions');
    refused(
      () => purchaseTracking(transactions, { fit: BG, calibrationEnd: '2023-12-31' }),
      'purchaseTracking',
      'transactions',
    );
    refused(
      () => purchaseTracking(transactions, { fit: BG, calibrationEnd: '2024-01-10', holdoutEnd: '2024-01-09' }),
      'purchaseTracking',
      'holdoutEnd',
    );
    refused(
      () => purchaseTracking([{ customerId: 'a', at: 'yesterday' }], { fit: BG, calibrationEnd: '2024-01-10' }),
      'purchaseTracking',
      'transactions[0].at',
    );
  });
});

describe('purchaseFrequencyHistogram', () => {
  const raw = readCdnow('CDNOW_sample.txt', 2);
  const summary = rfmSummary(
    raw.map((p) => ({ customerId: p.id, at: p.date })),
    { calibrationEnd: '1997-09-30' },
  );

  it('counts the CDNOW customers by calibration frequency, and its expected counts sum to 2,357 (BG/NBD and Pareto/NBD)', () => {
    const counts = new Array<number>(8).fill(0);
    for (const c of summary.customers) addOne(counts, Math.min(c.frequency, 7));
    for (const fit of [BG, PARETO]) {
      const rows = purchaseFrequencyHistogram(fit, summary);
      expect(rows.map((r) => r.actual)).toEqual(counts);
      expect(rows.map((r) => r.orMore)).toEqual([false, false, false, false, false, false, false, true]);
      expectRelative(
        rows.reduce((sum, r) => sum + r.expected, 0),
        2357,
        1e-12,
        fit.model,
      );
    }
  });

  it('gives the BG/NBD probabilities of equation 8, summed customer by customer', () => {
    const { r, alpha, a, b } = BG;
    // FHL 2005 equation 8, each term from log-gammas in 50 digits.
    const probability = (x: number, t: number): number => {
      const lbAB = decimalLogBeta(a, b);
      const nb = (j: number) =>
        Math.exp(logCoefficient(r, j) + r * Math.log(alpha / (alpha + t)) + j * Math.log(t / (alpha + t)));
      let below = 0;
      for (let j = 0; j < x; j++) below += nb(j);
      const first =
        Math.exp(
          decimalLogBeta(a, b + x)
            .minus(lbAB)
            .toNumber(),
        ) * nb(x);
      const second =
        x > 0
          ? Math.exp(
              decimalLogBeta(a + 1, b + x - 1)
                .minus(lbAB)
                .toNumber(),
            ) *
            (1 - below)
          : 0;
      return first + second;
    };
    const rows = purchaseFrequencyHistogram(BG, summary.customers.slice(0, 40), { maxFrequency: 3 });
    for (let x = 0; x < 3; x++) {
      let expected = 0;
      for (const c of summary.customers.slice(0, 40)) expected += probability(x, c.age);
      expectRelative(rows[x]?.expected as number, expected, 1e-9, `x = ${x}`);
    }
  });

  it('gives the Pareto/NBD probabilities of an integral over the lifetime taken here by Simpson’s rule', () => {
    for (const age of [0.5, 10, 38.86, 78]) {
      const rows = purchaseFrequencyHistogram(PARETO, [{ frequency: 0, recency: 0, age }], { maxFrequency: 6 });
      for (let x = 0; x < 6; x++)
        expectRelative(rows[x]?.expected as number, paretoCountByIntegration(x, age), 1e-8, `age ${age}, x = ${x}`);
    }
  });

  it('has the Pareto/NBD mean of the closed form: the sum of x P(X(t) = x) is E[X(t)]', () => {
    const rows = purchaseFrequencyHistogram(PARETO, [{ frequency: 0, recency: 0, age: 52 }], { maxFrequency: 1000 });
    const mean = rows.slice(0, 1000).reduce((sum, row) => sum + row.frequency * row.expected, 0);
    expectRelative(mean, paretoNew(52), 1e-9);
  });

  it('refuses a bad fit and a bad maxFrequency', () => {
    refused(() => purchaseFrequencyHistogram({ ...PARETO, s: 0 }, summary), 'purchaseFrequencyHistogram', 'fit.s');
    refused(
      () => purchaseFrequencyHistogram(BG, summary, { maxFrequency: 0 }),
      'purchaseFrequencyHistogram',
      'maxFrequency',
    );
  });
});

describe('probabilityAliveGrid', () => {
  it('lists frequency 0 at recency 0 only, and recencies 0, step, ... and the age itself', () => {
    const grid = probabilityAliveGrid(BG, { age: 38.86, maxFrequency: 3, recencyStep: 10 });
    expect(grid.filter((c) => c.frequency === 0)).toEqual([{ frequency: 0, recency: 0, probabilityAlive: 1 }]);
    expect(grid.filter((c) => c.frequency === 2).map((c) => c.recency)).toEqual([0, 10, 20, 30, 38.86]);
    expect(grid).toHaveLength(1 + 3 * 5);
    expect(grid.every((c) => c.recency <= 38.86)).toBe(true);
  });

  it('gives the BG/NBD P(alive) of equation 13, computed here', () => {
    const { r, alpha, a, b } = BG;
    const T = 38.86;
    for (const cell of probabilityAliveGrid(BG, { age: T, maxFrequency: 5, recencyStep: 3 })) {
      const x = cell.frequency;
      const expected = x === 0 ? 1 : 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + cell.recency)) ** (r + x));
      expectRelative(cell.probabilityAlive, expected, 1e-12, `x = ${x}, t_x = ${cell.recency}`);
    }
  });

  it('gives the Pareto/NBD P(alive) as the share of the likelihood of being alive, integrated here', () => {
    const { r, alpha, s, beta } = PARETO;
    const T = 39;
    for (const cell of probabilityAliveGrid(PARETO, { age: T, maxFrequency: 4, recencyStep: 6.5 })) {
      const x = cell.frequency;
      // Alive: E[lambda^x e^-lambda T] E[e^-mu T]; dropped out at tau in (t_x, T): E[lambda^x e^-lambda tau] E[mu e^-mu tau].
      const buying = (tau: number) =>
        Math.exp(logCoefficient(r, x) + r * Math.log(alpha / (alpha + tau)) - x * Math.log(alpha + tau));
      const alive = buying(T) * (beta / (beta + T)) ** s;
      const dead =
        cell.recency === T
          ? 0
          : simpson((tau) => buying(tau) * (s / beta) * (beta / (beta + tau)) ** (s + 1), cell.recency, T, 4000);
      expectRelative(cell.probabilityAlive, alive / (alive + dead), 1e-9, `x = ${x}, t_x = ${cell.recency}`);
    }
  });

  it('refuses a grid of more than a million cells and a bad age', () => {
    refused(
      () => probabilityAliveGrid(BG, { age: 1e6, maxFrequency: 10, recencyStep: 1 }),
      'probabilityAliveGrid',
      'recencyStep',
    );
    refused(() => probabilityAliveGrid(BG, { age: -1 }), 'probabilityAliveGrid', 'age');
  });
});

describe('retentionCurves', () => {
  // Fader and Hardie (2007), "regular" customers, years 0 to 7; their estimates alpha 0.704, beta 1.182.
  const regular = [1000, 631, 468, 382, 326, 289, 262, 241];
  const fit = fitSbg(regular);

  /** S(t) = B(alpha, beta + t^c) / B(alpha, beta), in 50 digits. */
  const closedSurvival = (alpha: number, beta: number, t: number, c = 1) =>
    Math.exp(
      decimalLogBeta(alpha, new D(beta).plus(new D(t).pow(c)))
        .minus(decimalLogBeta(alpha, beta))
        .toNumber(),
    );

  it('gives the sBG curves of the closed form at the published estimates', () => {
    expect([fit.alpha.toFixed(3), fit.beta.toFixed(3)]).toEqual(['0.704', '1.182']);
    const published = { ...fit, alpha: 0.704, beta: 1.182 };
    const curves = retentionCurves(published, { periods: 12 });
    curves.rows.forEach((row, i) => {
      const t = i + 1;
      expectRelative(row.survival, closedSurvival(0.704, 1.182, t), 1e-12, `S(${t})`);
      expectRelative(row.retention, (1.182 + t - 1) / (0.704 + 1.182 + t - 1), 1e-13, `r(${t})`);
    });
  });

  it('reports the observed survival and retention of the cohort, where it was observed', () => {
    const curves = retentionCurves(fit, { periods: 10, observed: regular });
    for (let t = 1; t <= 7; t++) {
      expectRelative(curves.rows[t - 1]?.observedSurvival as number, (regular[t] as number) / 1000, 1e-14, `S(${t})`);
      expectRelative(
        curves.rows[t - 1]?.observedRetention as number,
        (regular[t] as number) / (regular[t - 1] as number),
        1e-15,
        `r(${t})`,
      );
    }
    expect(curves.rows[7]?.observedSurvival).toBeUndefined();
    expect(curves.rows[7]).not.toHaveProperty('observedRetention');
  });

  it('has intervals that hold the estimate and widen with the period, reproducible by seed', () => {
    const curves = retentionCurves(fit, { periods: 12, intervalLevel: 0.9, draws: 2000, seed: 7 });
    expect([curves.level, curves.draws, curves.seed]).toEqual([0.9, 2000, 7]);
    let width = 0;
    for (const row of curves.rows) {
      expect(row.survivalLower).toBeLessThan(row.survival);
      expect(row.survivalUpper).toBeGreaterThan(row.survival);
      expect(row.retentionLower).toBeLessThan(row.retention);
      expect(row.retentionUpper).toBeGreaterThan(row.retention);
      // The interval of ln S(t) widens: each period adds the uncertainty of its retention.
      const logWidth = Math.log(row.survivalUpper) - Math.log(row.survivalLower);
      expect(logWidth).toBeGreaterThan(width);
      width = logWidth;
    }
    expect(retentionCurves(fit, { periods: 12, intervalLevel: 0.9, draws: 2000, seed: 7 })).toEqual(curves);
    expect(
      retentionCurves(fit, { periods: 12, intervalLevel: 0.9, draws: 2000, seed: 8 }).rows[0]?.survivalLower,
    ).not.toBe(curves.rows[0]?.survivalLower);
  });

  it('gives S(1) an interval close to the delta method’s, from the fit’s covariance', () => {
    // S(1) = beta / (alpha + beta): gradient (-beta, alpha) / (alpha + beta)^2.
    const [[vaa, vab], [, vbb]] = fit.diagnostics.covariance as number[][] as [[number, number], [number, number]];
    const { alpha, beta } = fit;
    const g = [-beta / (alpha + beta) ** 2, alpha / (alpha + beta) ** 2] as const;
    const se = Math.sqrt(g[0] ** 2 * vaa + 2 * g[0] * g[1] * vab + g[1] ** 2 * vbb);
    const row = retentionCurves(fit, { periods: 1, draws: 20_000 }).rows[0] as {
      survivalLower: number;
      survivalUpper: number;
    };
    // 1.96 se each side; the simulated interval, on the log scale of the parameters, agrees within 10 %.
    expect(Math.abs((row.survivalUpper - row.survivalLower) / (2 * 1.959964 * se) - 1)).toBeLessThan(0.1);
  });

  it('gives the BdW curves of the closed form B(alpha, beta + t^c) / B(alpha, beta)', () => {
    const highEnd = [1000, 869, 743, 653, 593, 551, 517, 491];
    const bdw = fitBdw(highEnd);
    const curves = retentionCurves(bdw, { periods: 10, observed: highEnd });
    expect(curves.model).toBe('bdw');
    curves.rows.forEach((row, i) => {
      const t = i + 1;
      const s = closedSurvival(bdw.alpha, bdw.beta, t, bdw.c);
      expectRelative(row.survival, s, 1e-10, `S(${t})`);
      expectRelative(row.retention, s / closedSurvival(bdw.alpha, bdw.beta, t - 1, bdw.c), 1e-10, `r(${t})`);
      expect(row.survivalLower).toBeLessThan(row.survival);
      expect(row.survivalUpper).toBeGreaterThan(row.survival);
    });
  });

  it('refuses a fit without covariance, a fit of another model, and bad periods', () => {
    const { covariance: _, ...bare } = fit.diagnostics;
    refused(
      () => retentionCurves({ ...fit, diagnostics: bare }, { periods: 5 }),
      'retentionCurves',
      'fit.diagnostics.covariance',
    );
    refused(
      () => retentionCurves({ ...fit, model: 'bgnbd' } as unknown as typeof fit, { periods: 5 }),
      'retentionCurves',
      'fit.model',
    );
    refused(() => retentionCurves(fit, { periods: 0 }), 'retentionCurves', 'periods');
    refused(() => retentionCurves(fit, { periods: 5, draws: 10 }), 'retentionCurves', 'draws');
  });
});

describe('retentionCurves refuses curves too many to hold', () => {
  it('names draws when draws x periods exceed ten million, before drawing any', async () => {
    const { fitSbg, retentionCurves } = await import('../../src');
    const fit = fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]);
    const started = Date.now();
    expectInputError(
      () => retentionCurves(fit, { periods: 100_000, intervalLevel: 0.9, draws: 101 }),
      /^retentionCurves: draws times periods must be at most 10,000,000 \(each draw's curve is held for the quantiles\), got 101 draws of 100000 periods/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    // At the limit it still works.
    expect(retentionCurves(fit, { periods: 100, intervalLevel: 0.9, draws: 100_000 }).rows).toHaveLength(100);
  });
});

describe('probabilityAliveGrid refuses a grid too large, before building it', () => {
  it('names recencyStep for a huge age or a tiny step', async () => {
    const { probabilityAliveGrid } = await import('../../src');
    const fit = { model: 'bgnbd', r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 } as const;
    const started = Date.now();
    expectInputError(
      () => probabilityAliveGrid(fit, { age: 1e300 }),
      /^probabilityAliveGrid: age makes .* cells \(age 1e\+300 in recency steps of 1\)/,
    );
    expectInputError(
      () => probabilityAliveGrid(fit, { age: 38, recencyStep: 1e-9, maxFrequency: 1 }),
      /^probabilityAliveGrid: recencyStep makes \d+ cells \(age 38 in recency steps of 1e-9\): at most 1000000, use a longer recencyStep$/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('the chart rows date their periods as ISO days', () => {
  it('for any year a Date holds, as Date.toISOString writes it', async () => {
    const { isoDay } = await import('../../src/models/diagnostics/days');
    // Day numbers from 1970-01-01: around year 0, the epoch, 2000, and beyond 9999 both ways.
    for (const day of [-100_000_000, -719_529, -719_528, 0, 10_957, 2_932_896, 2_932_897, 100_000_000]) {
      expect(isoDay(day), String(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, -14));
    }
  });
});
