/**
 * Fits on the data real users bring: tiny segments, nobody repeating,
 * everyone alike, flat or rising churn, extreme ages. For each data set and
 * each fit: the call answers within a second; the reported log-likelihood is
 * the likelihood of the returned parameters, computed here independently in
 * 50-digit decimals from the papers' formulas; `converged` agrees with the
 * gradient, the Hessian and the boundaries it reports; an unconverged fit says
 * why; and the predictions at whatever parameters come back are finite,
 * probabilities lie in [0, 1], and expected purchases never fall as the
 * horizon grows.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNewCustomer,
  bgNbdProbabilityAlive,
  type FitDiagnostics,
  fitBdw,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  fitSbg,
  gammaGammaExpectedSpend,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  sbgSurvival,
} from '../../src';
import { D, type Dec, decimalLogBeta, decimalLogGamma, exact } from '../models/independent';

type Summary = { frequency: number; recency: number; age: number };

/** BG/NBD log-likelihood, Fader, Hardie and Lee (2005) equation 6, at 50 digits. */
function bgNbdLogLikelihood(rows: readonly Summary[], r: number, alpha: number, a: number, b: number): number {
  const [dr, dAlpha, da, db] = [r, alpha, a, b].map(exact) as [Dec, Dec, Dec, Dec];
  let total = new D(0);
  for (const { frequency: x, recency: tx, age: T } of rows) {
    const rx = dr.plus(x);
    const head = decimalLogGamma(rx)
      .minus(decimalLogGamma(dr))
      .plus(dr.times(dAlpha.ln()))
      .plus(decimalLogBeta(da, db.plus(x)))
      .minus(decimalLogBeta(da, db));
    let mixture = dAlpha.plus(T).ln().times(rx.neg()).exp();
    if (x > 0) mixture = mixture.plus(da.div(db.plus(x - 1)).times(dAlpha.plus(tx).ln().times(rx.neg()).exp()));
    total = total.plus(head.plus(mixture.ln()));
  }
  return total.toNumber();
}

/** S(t) = B(alpha, beta + t^c) / B(alpha, beta) at 50 digits, and the cohort log-likelihood. */
function retentionLogLikelihood(survivors: readonly number[], alpha: number, beta: number, c: number): number {
  const [da, db, dc] = [alpha, beta, c].map(exact) as [Dec, Dec, Dec];
  const base = decimalLogBeta(da, db);
  const S = survivors.map((_, t) =>
    decimalLogBeta(da, db.plus(new D(t).pow(dc)))
      .minus(base)
      .exp(),
  );
  let total = new D(0);
  for (let t = 1; t < survivors.length; t++) {
    const lost = (survivors[t - 1] as number) - (survivors[t] as number);
    if (lost > 0)
      total = total.plus(
        (S[t - 1] as Dec)
          .minus(S[t] as Dec)
          .ln()
          .times(lost),
      );
  }
  const last = survivors[survivors.length - 1] as number;
  if (last > 0) total = total.plus((S[S.length - 1] as Dec).ln().times(last));
  return total.toNumber();
}

/** What every fit must satisfy, whatever the data. */
function expectHonest(fit: { converged: boolean; diagnostics: FitDiagnostics }, label: string): void {
  const d = fit.diagnostics;
  expect(Number.isFinite(d.gradientNorm), `${label}: gradient norm`).toBe(true);
  if (fit.converged) {
    expect(d.gradientNorm, `${label}: converged with a large gradient`).toBeLessThanOrEqual(1e-6);
    expect(d.hessianPositiveDefinite, `${label}: converged without a positive-definite Hessian`).toBe(true);
    expect(d.boundary, `${label}: converged at a boundary`).toEqual([]);
    expect(d.unidentified, `${label}: converged with unidentified parameters`).toEqual([]);
    for (const name of d.parameterOrder) {
      const se = d.standardErrors?.[name];
      expect(se !== undefined && Number.isFinite(se) && se > 0, `${label}: se(${name})`).toBe(true);
    }
  } else {
    expect(d.warnings.length, `${label}: unconverged without a warning`).toBeGreaterThan(0);
    if (d.boundary.length > 0) expect(d.covariance, `${label}: covariance at a boundary`).toBeUndefined();
  }
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

const purchaseData: ReadonlyArray<{ label: string; customers: Summary[] }> = [
  { label: 'one customer who never came back', customers: [{ frequency: 0, recency: 0, age: 10 }] },
  {
    label: 'forty customers, none repeating',
    customers: Array.from({ length: 40 }, (_, i) => ({ frequency: 0, recency: 0, age: 10 + i })),
  },
  { label: 'one repeat buyer', customers: [{ frequency: 3, recency: 8, age: 10 }] },
  {
    label: 'everyone alike',
    customers: Array.from({ length: 30 }, () => ({ frequency: 2, recency: 20, age: 30 })),
  },
  {
    label: 'every last purchase at the end of the window',
    customers: [
      { frequency: 3, recency: 10, age: 10 },
      { frequency: 1, recency: 5, age: 5 },
      { frequency: 6, recency: 30, age: 30 },
    ],
  },
  {
    label: 'nobody drops out: steady buyers up to the end',
    customers: Array.from({ length: 50 }, (_, i) => ({ frequency: 1 + (i % 7), recency: 40, age: 40 })),
  },
  {
    label: 'two kinds of customer: steady to the end, and gone after one repeat (a, b -> 0)',
    customers: [
      ...Array.from({ length: 20 }, () => ({ frequency: 8, recency: 40, age: 40 })),
      ...Array.from({ length: 20 }, () => ({ frequency: 1, recency: 1, age: 40 })),
    ],
  },
  {
    label: 'a heavy buyer among one-off customers',
    customers: [
      { frequency: 5000, recency: 52, age: 52 },
      ...Array.from({ length: 20 }, (_, i) => ({ frequency: 0, recency: 0, age: 20 + i })),
    ],
  },
  {
    label: 'tiny and huge ages together',
    customers: [
      { frequency: 1, recency: 1e-4, age: 1e-3 },
      { frequency: 2, recency: 5e3, age: 1e4 },
      { frequency: 0, recency: 0, age: 1e4 },
    ],
  },
];

describe('fitBgNbd on degenerate and extreme data', () => {
  it.each(purchaseData)('$label: prompt, one truth, honest, sound predictions', ({ label, customers }) => {
    const [fit, elapsed] = timed(() => fitBgNbd(customers));
    expect(elapsed, `${label}: took ${elapsed} ms`).toBeLessThan(1000);
    const { r, alpha, a, b } = fit;
    for (const value of [r, alpha, a, b]) expect(Number.isFinite(value) && value > 0).toBe(true);
    const independent = bgNbdLogLikelihood(customers, r, alpha, a, b);
    expect(Math.abs(fit.logLikelihood - independent), `${label}: ${fit.logLikelihood} vs ${independent}`).toBeLessThan(
      1e-9 * Math.max(1, Math.abs(independent)),
    );
    expectHonest(fit, label);
    for (const c of customers.slice(0, 3)) {
      const alive = bgNbdProbabilityAlive(fit, c);
      expect(alive >= 0 && alive <= 1, `${label}: P(alive) ${alive}`).toBe(true);
      let before = 0;
      for (const horizon of [1, 10, 100, 1000]) {
        const now = bgNbdExpectedPurchases(fit, { ...c, horizon });
        expect(Number.isFinite(now) && now >= before * (1 - 1e-12), `${label}: E[X(${horizon})] ${now}`).toBe(true);
        before = now;
      }
    }
    let before = 0;
    for (const horizon of [1, 10, 100, 1000]) {
      const now = bgNbdExpectedPurchasesNewCustomer(fit, { horizon });
      expect(Number.isFinite(now) && now >= before * (1 - 1e-12), `${label}: new E[X(${horizon})] ${now}`).toBe(true);
      before = now;
    }
  });
});

describe('fitParetoNbd on degenerate and extreme data', () => {
  // Its likelihood is checked against independent integrals in test/models/paretoNbd.test.ts; here the fit
  // reports the exported one at its estimate.
  it.each(purchaseData)('$label: prompt, one truth, honest, sound predictions', ({ label, customers }) => {
    const [fit, elapsed] = timed(() => fitParetoNbd(customers));
    expect(elapsed, `${label}: took ${elapsed} ms`).toBeLessThan(1000);
    for (const value of [fit.r, fit.alpha, fit.s, fit.beta]) expect(Number.isFinite(value) && value > 0).toBe(true);
    expect(fit.logLikelihood).toBe(paretoNbdLogLikelihood(fit, customers));
    expectHonest(fit, label);
    for (const c of customers.slice(0, 3)) {
      const alive = paretoNbdProbabilityAlive(fit, c);
      expect(alive >= 0 && alive <= 1, `${label}: P(alive) ${alive}`).toBe(true);
      let before = 0;
      for (const horizon of [1, 10, 100, 1000]) {
        const now = paretoNbdExpectedPurchases(fit, { ...c, horizon });
        expect(Number.isFinite(now) && now >= before * (1 - 1e-12), `${label}: E[X(${horizon})] ${now}`).toBe(true);
        before = now;
      }
    }
  });
});

/** Gamma-Gamma log-likelihood (Fader, Hardie and Lee 2005, "RFM and CLV") at 50 digits, over repeat buyers with m > 0. */
function gammaGammaLogLikelihood(
  rows: ReadonlyArray<{ frequency: number; monetaryValue: number }>,
  p: number,
  q: number,
  gamma: number,
): number {
  const [dp, dq, dg] = [p, q, gamma].map(exact) as [Dec, Dec, Dec];
  let total = new D(0);
  for (const { frequency: x, monetaryValue: m } of rows) {
    if (x === 0 || m === 0) continue;
    const px = dp.times(x);
    const dm = exact(m);
    total = total
      .plus(decimalLogBeta(px, dq).neg())
      .plus(dq.times(dg.ln()))
      .plus(px.minus(1).times(dm.ln()))
      .plus(px.times(exact(x).ln()))
      .minus(px.plus(dq).times(dg.plus(dm.times(x)).ln()));
  }
  return total.toNumber();
}

const spendData: ReadonlyArray<{ label: string; customers: Array<{ frequency: number; monetaryValue: number }> }> = [
  {
    label: 'everyone spends the same',
    customers: Array.from({ length: 30 }, (_, i) => ({ frequency: 1 + (i % 4), monetaryValue: 20 })),
  },
  {
    label: 'two spend levels',
    customers: Array.from({ length: 40 }, (_, i) => ({ frequency: 1 + (i % 3), monetaryValue: i % 2 === 0 ? 10 : 30 })),
  },
  {
    label: 'three repeat buyers, and refunds (spend 0) left out',
    customers: [
      { frequency: 1, monetaryValue: 12 },
      { frequency: 2, monetaryValue: 30 },
      { frequency: 5, monetaryValue: 18 },
      { frequency: 3, monetaryValue: 0 },
      { frequency: 0, monetaryValue: 0 },
    ],
  },
  {
    label: 'spends from a cent to a million',
    customers: Array.from({ length: 50 }, (_, i) => ({ frequency: 1 + (i % 6), monetaryValue: 10 ** ((i % 9) - 2) })),
  },
  {
    label: 'one outlier among steady spenders',
    customers: [
      ...Array.from({ length: 49 }, (_, i) => ({ frequency: 2 + (i % 3), monetaryValue: 20 + (i % 5) })),
      { frequency: 1, monetaryValue: 50_000 },
    ],
  },
];

describe('fitGammaGamma on degenerate and extreme data', () => {
  it.each(spendData)('$label: prompt, one truth, honest, finite expected spend', ({ label, customers }) => {
    const [fit, elapsed] = timed(() => fitGammaGamma(customers));
    expect(elapsed, `${label}: took ${elapsed} ms`).toBeLessThan(1000);
    const independent = gammaGammaLogLikelihood(customers, fit.p, fit.q, fit.gamma);
    expect(Math.abs(fit.logLikelihood - independent), `${label}: ${fit.logLikelihood} vs ${independent}`).toBeLessThan(
      1e-9 * Math.max(1, Math.abs(independent)),
    );
    expectHonest(fit, label);
    for (const c of customers) {
      if (fit.q <= 1) break;
      const spend = gammaGammaExpectedSpend(fit, c);
      expect(Number.isFinite(spend) && spend >= 0, `${label}: E[M] ${spend}`).toBe(true);
    }
  });
});

const cohortData: ReadonlyArray<{ label: string; survivors: number[] }> = [
  { label: 'the regular cohort (Fader and Hardie 2007)', survivors: [1000, 631, 468, 382, 326, 289, 262, 241] },
  { label: 'half lost at once, nobody after', survivors: [1000, 500, 500, 500] },
  { label: 'a constant 10 % churn', survivors: [1000, 900, 810, 729, 656] },
  { label: 'churn rising steeply, everyone alike', survivors: [1000, 900, 700, 450, 230, 90, 30, 8] },
  { label: 'a cohort of three', survivors: [3, 2, 1, 1] },
  { label: 'one loss in ten thousand', survivors: [10_000, 9999, 9999, 9999] },
  { label: 'everyone gone in the first period', survivors: [100, 0, 0, 0] },
  { label: 'a long cohort losing one a period', survivors: Array.from({ length: 200 }, (_, t) => 1000 - t) },
];

describe('fitSbg and fitBdw on degenerate and extreme cohorts', () => {
  it.each(cohortData)('$label: prompt, one truth, honest, a survival curve', ({ label, survivors }) => {
    const [sbg, sbgTime] = timed(() => fitSbg(survivors));
    const [bdw, bdwTime] = timed(() => fitBdw(survivors));
    expect(sbgTime + bdwTime, `${label}: took ${sbgTime + bdwTime} ms`).toBeLessThan(1000);
    const independentSbg = retentionLogLikelihood(survivors, sbg.alpha, sbg.beta, 1);
    expect(Math.abs(sbg.logLikelihood - independentSbg), `${label}: sBG`).toBeLessThan(
      1e-9 * Math.max(1, Math.abs(independentSbg)),
    );
    const independentBdw = retentionLogLikelihood(survivors, bdw.alpha, bdw.beta, bdw.c);
    expect(Math.abs(bdw.logLikelihood - independentBdw), `${label}: BdW`).toBeLessThan(
      1e-9 * Math.max(1, Math.abs(independentBdw)),
    );
    expect(bdw.logLikelihood).toBeGreaterThanOrEqual(sbg.logLikelihood - 1e-9 * Math.abs(sbg.logLikelihood));
    expectHonest(sbg, `${label} (sBG)`);
    expectHonest(bdw, `${label} (BdW)`);
    let before = 1;
    for (const period of [0, 1, 2, 5, 10, 100, 1000, 5000]) {
      const now = sbgSurvival(sbg, { period });
      expect(now >= 0 && now <= before, `${label}: S(${period}) = ${now} after ${before}`).toBe(true);
      before = now;
    }
  });
});
