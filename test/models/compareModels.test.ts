/**
 * compareModels: AIC and BIC from their definitions, the likelihood-ratio
 * test of the sBG within the beta-discrete-Weibull against a chi-square tail
 * integrated here, and the holdout figures of the BG/NBD and Pareto/NBD on
 * the CDNOW sample (39 weeks of calibration, 39 of holdout) against the
 * per-customer forecasts summed here; and the refusals.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  compareModels,
  fitBdw,
  fitBgNbd,
  fitMbgNbd,
  fitParetoNbd,
  fitSbg,
  mbgNbdExpectedPurchases,
  mbgNbdLogLikelihood,
  paretoNbdExpectedPurchases,
  rfmSummary,
} from '../../src';
import { expectInputError, expectRelative } from './independent';

/** P(chi-square with 1 df > s) = 2 (1 - Phi(sqrt s)), by Simpson's rule on the normal density from sqrt s to sqrt s + 12. */
function chiSquareTail(s: number): number {
  const from = Math.sqrt(s);
  const steps = 4000;
  const h = 12 / steps;
  const f = (u: number) => Math.exp((-u * u) / 2) / Math.sqrt(2 * Math.PI);
  let sum = f(from) + f(from + 12);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * f(from + i * h);
  return 2 * ((sum * h) / 3);
}

describe('compareModels on the sBG and the BdW', () => {
  // Fader and Hardie's (2007) "regular" and "high end" cohorts, years 0 to 7.
  for (const cohort of [
    [1000, 631, 468, 382, 326, 289, 262, 241],
    [1000, 869, 743, 653, 593, 551, 517, 491],
  ]) {
    it(`gives AIC, BIC and the likelihood-ratio test by their definitions (${cohort.join(' ')})`, () => {
      const sbg = fitSbg(cohort);
      const bdw = fitBdw(cohort);
      const table = compareModels([
        { name: 'sBG', fit: sbg },
        { name: 'BdW', fit: bdw },
      ]);
      const [first, second] = table.models;
      expect([first?.name, second?.name]).toEqual(['sBG', 'BdW']);
      expectRelative(first?.aic as number, 2 * 2 - 2 * sbg.logLikelihood, 1e-15, 'sBG AIC');
      expectRelative(second?.aic as number, 2 * 3 - 2 * bdw.logLikelihood, 1e-15, 'BdW AIC');
      expectRelative(first?.bic as number, 2 * Math.log(1000) - 2 * sbg.logLikelihood, 1e-15, 'sBG BIC');
      expectRelative(second?.bic as number, 3 * Math.log(1000) - 2 * bdw.logLikelihood, 1e-15, 'BdW BIC');
      expect(Math.min(first?.deltaAic as number, second?.deltaAic as number)).toBe(0);
      expect(Math.abs((first?.deltaAic as number) - (second?.deltaAic as number))).toBeCloseTo(
        Math.abs((first?.aic as number) - (second?.aic as number)),
        12,
      );
      const [test] = table.likelihoodRatioTests;
      expect(table.likelihoodRatioTests).toHaveLength(1);
      expect([test?.restricted, test?.general, test?.degreesOfFreedom]).toEqual(['sBG', 'BdW', 1]);
      const statistic = 2 * (bdw.logLikelihood - sbg.logLikelihood);
      expectRelative(test?.statistic as number, statistic, 1e-12, 'statistic');
      expect(Math.abs((test?.pValue as number) - chiSquareTail(statistic))).toBeLessThan(1e-6);
    });
  }
});

describe('compareModels on the CDNOW sample with a holdout', () => {
  // The sample's purchases (test/fixtures/cdnow/CDNOW_sample.txt): id, id in the sample, date, CDs, dollars.
  const transactions = readFileSync(new URL('../fixtures/cdnow/CDNOW_sample.txt', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [, id, date, , dollars] = line.trim().split(/\s+/);
      return { customerId: String(id), at: String(date), amount: Number(dollars) };
    });
  const summary = rfmSummary(transactions, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
  const bg = fitBgNbd(summary);
  const pareto = fitParetoNbd(summary);
  const mbg = fitMbgNbd(summary);
  const table = compareModels([bg, pareto, mbg], { holdout: { customers: summary, horizon: 39 } });

  it('holds each model with its parameters, customers and information criteria', () => {
    expect(table.models.map((m) => [m.name, m.parameters, m.customers])).toEqual([
      ['bgnbd', 4, 2357],
      ['paretonbd', 4, 2357],
      ['mbgnbd', 4, 2357],
    ]);
    // The MBG/NBD's row holds its own log-likelihood, and AIC = 2k - 2 ln L.
    expect(table.models[2]?.logLikelihood).toBe(mbgNbdLogLikelihood(mbg, summary));
    expectRelative(table.models[2]?.aic as number, 8 - 2 * mbgNbdLogLikelihood(mbg, summary), 1e-14, 'AIC');
    expect(table.likelihoodRatioTests).toEqual([]);
    expect(table.warnings).toEqual([]);
  });

  it('gives the holdout errors of the per-customer forecasts', () => {
    const rows = summary.customers;
    const actual = rows.reduce((sum, c) => sum + (c.holdoutPurchases as number), 0);
    for (const [row, forecast] of [
      [table.models[0], (c: (typeof rows)[number]) => bgNbdExpectedPurchases(bg, { ...c, horizon: 39 })],
      [table.models[1], (c: (typeof rows)[number]) => paretoNbdExpectedPurchases(pareto, { ...c, horizon: 39 })],
      [table.models[2], (c: (typeof rows)[number]) => mbgNbdExpectedPurchases(mbg, { ...c, horizon: 39 })],
    ] as const) {
      let expected = 0;
      let absolute = 0;
      for (const c of rows) {
        const e = forecast(c);
        expected += e;
        absolute += Math.abs(e - (c.holdoutPurchases as number));
      }
      expect(row?.holdoutActual).toBe(actual);
      expectRelative(row?.holdoutExpected as number, expected, 1e-11, `${row?.name} expected`);
      expectRelative(row?.holdoutMeanAbsoluteError as number, absolute / rows.length, 1e-11, `${row?.name} MAE`);
      expectRelative(
        row?.holdoutAggregateError as number,
        (expected - actual) / actual,
        1e-9,
        `${row?.name} aggregate`,
      );
    }
  });
});

describe('compareModels refusals and warnings', () => {
  const cohort = [1000, 631, 468, 382, 326, 289, 262, 241];
  const sbg = fitSbg(cohort);

  it('refuses a single fit, fits of different data, and what is not a fit', () => {
    expectInputError(
      () => compareModels([sbg]),
      /^compareModels: fits must be a list of at least two fits of the same data/,
    );
    const bg = fitBgNbd([
      { frequency: 2, recency: 30, age: 38 },
      { frequency: 0, recency: 0, age: 38 },
    ]);
    expectInputError(
      () => compareModels([sbg, bg]),
      /^compareModels: fits\[1\] is a fit of purchase summaries \(bgnbd\), the first of cohorts of subscribers \(sbg\): only fits of the same data compare$/,
    );
    expectInputError(
      () =>
        compareModels([
          { name: 'older', fit: sbg },
          { name: 'younger', fit: fitSbg([500, 300, 200]) },
        ]),
      /^compareModels: fits\[1\]\.fit\.customers is 500, the first fit's 1000: the fits must be of the same data$/,
    );
    expectInputError(
      () => compareModels([sbg, { alpha: 1, beta: 2 } as never]),
      /^compareModels: fits\[1\]\.model must name one of the library's models/,
    );
    expectInputError(() => compareModels([sbg, sbg]), /^compareModels: fits\[1\] is named sbg like an earlier fit/);
  });

  it('warns of a fit that did not converge', () => {
    const flat = fitSbg([1000, 900, 810, 729]); // a constant churn: the sBG's alpha and beta run off together
    expect(flat.converged).toBe(false);
    const table = compareModels([
      { name: 'constant churn', fit: flat },
      { name: 'bdw', fit: fitBdw([1000, 900, 810, 729]) },
    ]);
    expect(table.warnings.some((w) => w.startsWith('constant churn did not converge'))).toBe(true);
  });
});
