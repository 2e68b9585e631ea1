import { cellNumber, describeValue } from '../../internal/numeric';
import { unreadableRule } from '../../internal/read';
import { slipNote } from '../../internal/rows';
import { rowCustomers } from '../internal/inputs';
import { digammaDifference, digammaTail } from '../special/digamma';
import { HALF_LOG_TWO_PI, logGamma, logGammaRatio, stirlingCorrection } from '../special/logGamma';
import { missingAmounts, SPEND_NEEDED } from './amounts';
import { MAX_FREQUENCY, readSummaryRows } from './summaryData';

/** The largest mean spend accepted: the likelihood works with m x and ln(m), and sums of them over customers. */
export const MAX_SPEND = 1e200;

const SPEND_COLUMNS = ['frequency', 'monetaryValue'] as const;

/**
 * What to do with a repeat buyer whose mean repeat spend is 0.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export type ZeroSpendRule = 'exclude' | 'refuse';

/**
 * Spend summaries as the Gamma-Gamma likelihood takes them: the customers
 * with repeat purchases and a positive mean spend, identical (x, m) rows
 * merged, with the distinct frequencies apart (the log-gamma and digamma
 * terms depend on x alone, so they are computed once per distinct x).
 */
export interface SpendData {
  /** Repeat purchases x of each merged row. */
  frequency: Float64Array;
  /** Mean repeat spend m of each merged row. */
  monetaryValue: Float64Array;
  /** Customers each merged row stands for. */
  weight: Float64Array;
  /** Each row's index into `distinctFrequencies`. */
  frequencyIndex: Int32Array;
  /** The sum of ln m over the customers fitted: the one term of the log-likelihood free of the parameters. */
  logSpendSum: number;
  /** Coefficient of variation of the mean spends of the customers fitted. */
  spendVariation: number;
  /** ln(m x) of each row, for log1p(gamma / (m x)) and log1p(m x / gamma). */
  spendTotal: Float64Array;
  /** The distinct frequencies, and the customers with each. */
  distinctFrequencies: Float64Array;
  distinctWeights: Float64Array;
  /** Customers fitted (repeat buyers with a positive spend). */
  customers: number;
  /** Customers left out because they made no repeat purchase. */
  withoutRepeat: number;
  /** Repeat buyers left out because their mean repeat spend is 0. */
  zeroSpend: number;
  /** Pearson correlation of frequency and mean spend among the customers fitted (0 when either is constant). */
  correlation: number;
  /** The mean spend of the customers fitted. */
  meanSpend: number;
}

/**
 * Reads `{ frequency, monetaryValue }` rows (or an rfmSummary result): x whole
 * and 0 or more; for x > 0, m finite and greater than 0, or exactly 0 (left
 * out and counted under `zeroSpend: 'exclude'`, refused under `'refuse'`).
 * Rows without repeats are left out and counted. Needs at least `minimum`
 * customers fitted. Returns the data or [path, reason]; a row's reason names
 * its customerId when it has one.
 */
export function readSpend(
  value: unknown,
  zeroSpend: ZeroSpendRule,
  minimum: number,
): SpendData | [PropertyKey[], string] {
  const noSpend = missingAmounts(value);
  if (noSpend !== undefined) return [[], `${SPEND_NEEDED}: ${noSpend}`];
  const read = readSummaryRows(value, '{ frequency, monetaryValue }');
  if (Array.isArray(read)) return read;
  const { rows, count } = read;
  const xs: number[] = [];
  const ms: number[] = [];
  const ws: number[] = [];
  let fitted = 0;
  let without = 0;
  let zeros = 0;
  let i = 0;
  let cell = '';
  try {
    for (; i < count; i++) {
      cell = '';
      const row = rows[i] as Record<string, unknown> | null;
      if (typeof row !== 'object' || row === null)
        return [[i], `must be { frequency, monetaryValue }, got ${describeValue(row)}`];
      // The rows of a summary made without amounts: their monetary values of 0 are no spend.
      const noRowSpend = i === 0 ? missingAmounts(row) : undefined;
      if (noRowSpend !== undefined) return [[], `${SPEND_NEEDED}: ${noRowSpend}`];
      cell = 'frequency';
      const rawX = row.frequency;
      cell = 'monetaryValue';
      const rawM = row.monetaryValue;
      cell = 'customerId';
      const id = row.customerId;
      cell = 'customers';
      const rawCustomers = row.customers;
      cell = '';
      const note = () =>
        (id === undefined ? '' : ` (customerId ${describeValue(id)})`) + slipNote(SPEND_COLUMNS, [rawX, rawM]);
      const weight = rowCustomers(rawCustomers, note);
      if (typeof weight === 'string') return [[i, 'customers'], weight];
      const x = cellNumber(rawX);
      if (!Number.isInteger(x) || x < 0 || x > MAX_FREQUENCY)
        return [
          [i, 'frequency'],
          `must be a whole number, 0 or more${Number.isFinite(x) && x > MAX_FREQUENCY ? ` and at most ${MAX_FREQUENCY}` : ''}, got ${describeValue(rawX)}${note()}`,
        ];
      if (x === 0) {
        without += weight;
        continue;
      }
      const m = cellNumber(rawM);
      if (m === 0 && zeroSpend === 'exclude') {
        zeros += weight;
        continue;
      }
      if (!Number.isFinite(m) || m <= 0 || m > MAX_SPEND) {
        return [
          [i, 'monetaryValue'],
          Number.isFinite(m) && m > MAX_SPEND
            ? `must be at most ${MAX_SPEND} (give spend in a larger currency unit), got ${describeValue(rawM)}${note()}`
            : `must be greater than 0 for a customer with repeat purchases (the model is for positive spend), got ${describeValue(rawM)}${note()}`,
        ];
      }
      if (weight === 0) continue;
      xs.push(x);
      ms.push(m);
      ws.push(weight);
      fitted += weight;
    }
  } catch (error) {
    return [cell === '' ? [i] : [i, cell], unreadableRule(error)];
  }
  if (fitted < minimum) {
    const plural = minimum === 1 ? 'customer' : 'customers';
    const zeroNote = zeros > 0 ? ` (${zeros} more spent 0 and were left out)` : '';
    return [[], `need at least ${minimum} ${plural} with repeat purchases to fit, got ${fitted}${zeroNote}`];
  }
  return mergeSpend(xs, ms, ws, without, zeros);
}

/** Merges equal (x, m) rows, adding their customers `ws`, and takes the weighted summaries the fit starts from. */
function mergeSpend(xs: number[], ms: number[], ws: number[], without: number, zeros: number): SpendData {
  const count = xs.length;
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((i, j) => (xs[i] as number) - (xs[j] as number) || (ms[i] as number) - (ms[j] as number));
  const rowX: number[] = [];
  const rowM: number[] = [];
  const rowW: number[] = [];
  for (const i of order) {
    const last = rowX.length - 1;
    if (last >= 0 && rowX[last] === xs[i] && rowM[last] === ms[i])
      rowW[last] = (rowW[last] as number) + (ws[i] as number);
    else {
      rowX.push(xs[i] as number);
      rowM.push(ms[i] as number);
      rowW.push(ws[i] as number);
    }
  }
  const n = rowX.length;
  const distinct: number[] = [];
  const distinctWeights: number[] = [];
  const frequencyIndex = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    // Rows are sorted by x, so a new x starts a new distinct entry.
    if (distinct[distinct.length - 1] !== rowX[j]) {
      distinct.push(rowX[j] as number);
      distinctWeights.push(0);
    }
    const at = distinct.length - 1;
    frequencyIndex[j] = at;
    distinctWeights[at] = (distinctWeights[at] as number) + (rowW[j] as number);
  }
  // The summaries the fit starts from, over the merged rows (sorted, with their customers): the same
  // numbers, to the last bit, for grouped rows and for the same rows written out one per customer.
  let meanX = 0;
  let meanM = 0;
  let total = 0;
  for (let j = 0; j < n; j++) {
    const w = rowW[j] as number;
    total += w;
    meanX += w * (rowX[j] as number);
    // A running mean: a sum of spends near the largest double would overflow.
    meanM += (w * ((rowM[j] as number) - meanM)) / total;
  }
  meanX /= total;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let logSpendSum = 0;
  for (let j = 0; j < n; j++) {
    const w = rowW[j] as number;
    logSpendSum += w * Math.log(rowM[j] as number);
    const dx = (rowX[j] as number) - meanX;
    // Relative to the mean, so that spends of 1e-300 or 1e300 neither underflow nor overflow when squared.
    const dy = ((rowM[j] as number) - meanM) / meanM;
    sxy += w * dx * dy;
    sxx += w * dx * dx;
    syy += w * dy * dy;
  }
  return {
    frequency: Float64Array.from(rowX),
    monetaryValue: Float64Array.from(rowM),
    weight: Float64Array.from(rowW),
    spendTotal: Float64Array.from(rowX, (x, j) => Math.log(x * (rowM[j] as number))),
    frequencyIndex,
    distinctFrequencies: Float64Array.from(distinct),
    distinctWeights: Float64Array.from(distinctWeights),
    customers: total,
    withoutRepeat: without,
    zeroSpend: zeros,
    logSpendSum,
    spendVariation: Math.sqrt(syy / total),
    correlation: sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy),
    meanSpend: meanM,
  };
}

/**
 * -ln B(A, B) = ln Gamma(A + B) - ln Gamma(A) - ln Gamma(B), without the
 * cancellation of huge log-gammas when A and B are large: for both at least
 * 10, Stirling's series gathered as
 * (A - 1/2) log1p(B/A) + (B - 1/2) log1p(A/B) + ln(A + B)/2 - ln(2 pi)/2 + corrections.
 */
export function logInverseBeta(A: number, B: number): number {
  const small = Math.min(A, B);
  const large = Math.max(A, B);
  if (small >= 10) {
    return (
      (A - 0.5) * Math.log1p(B / A) +
      (B - 0.5) * Math.log1p(A / B) +
      0.5 * Math.log(A + B) -
      HALF_LOG_TWO_PI +
      stirlingCorrection(A + B) -
      stirlingCorrection(A) -
      stirlingCorrection(B)
    );
  }
  if (large >= 10) return logGammaRatio(large, small) - logGamma(small);
  return logGamma(A + B) - logGamma(A) - logGamma(B);
}

/**
 * The Gamma-Gamma log-likelihood of merged spend data and its gradient with
 * respect to the logs of (p, q, gamma). Per customer with x repeat purchases
 * of mean m (Fader, Hardie and Lee 2005, "RFM and CLV"),
 * ln L = ln Gamma(px + q) - ln Gamma(px) - ln Gamma(q) + q ln gamma
 *      + (px - 1) ln m + px ln x - (px + q) ln(gamma + m x)
 *      = -ln B(px, q) - q log1p(m x / gamma) - px log1p(gamma / (m x)) - ln m,
 * with gradient
 * p d/dp = px [psi(px + q) - psi(px) - log1p(gamma / (m x))],
 * q d/dq = q [psi(px + q) - psi(q) - log1p(m x / gamma)],
 * gamma d/dgamma = x (q m - p gamma) / (gamma + m x).
 *
 * When px and q are both 10 or more, Stirling's series turns the first line
 * into A log1p(d) + B log1p(-d A / B) + ln(A B / (A + B)) / 2 - ln(2 pi) / 2
 * + corrections - ln m, with A = px, B = q and d = (q m - p gamma) / (p (gamma + m x)),
 * in which the terms of size A and B that cancel in the first form (customers
 * whose spends barely vary drive p and q to 1e10 and beyond) are gone: the
 * log-likelihood keeps its digits on the way to that limit. The terms that
 * depend on x alone are computed once per distinct x.
 * Cost: O(distinct (x, m) rows + distinct x).
 */
export function gammaGammaLikelihoodTerms(
  data: SpendData,
  p: number,
  q: number,
  gamma: number,
  withSpendTerm = true,
): [number, [number, number, number]] {
  const xs = data.distinctFrequencies;
  const k = xs.length;
  // Per distinct x: whether the Stirling form applies, its constant, and the parts of the gradient.
  const stirling = new Uint8Array(k);
  const constant = new Float64Array(k);
  const partP = new Float64Array(k);
  const partQ = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const A = p * (xs[j] as number);
    const B = q;
    if (A >= 10 && B >= 10) {
      const C = A + B;
      stirling[j] = 1;
      constant[j] =
        0.5 * Math.log((A / C) * B) -
        HALF_LOG_TWO_PI +
        stirlingCorrection(C) -
        stirlingCorrection(A) -
        stirlingCorrection(B);
      // psi(C) - psi(A) = ln(C / A) - 1/(2C) + 1/(2A) + series(C) - series(A); the log goes with the row.
      partP[j] = A * (0.5 / A - 0.5 / C + digammaTail(C) - digammaTail(A));
      partQ[j] = B * (0.5 / B - 0.5 / C + digammaTail(C) - digammaTail(B));
    } else {
      constant[j] = logInverseBeta(A, B);
      partP[j] = A * digammaDifference(A, B);
      partQ[j] = B * digammaDifference(B, A);
    }
  }
  const logGammaScale = Math.log(gamma);
  let value = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  const { frequency, monetaryValue, weight, spendTotal, frequencyIndex } = data;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i] as number;
    const m = monetaryValue[i] as number;
    const w = weight[i] as number;
    const j = frequencyIndex[i] as number;
    const A = p * x;
    const mx = m * x;
    // x (q m - p gamma) / (gamma + m x) = A d.
    const lean = (x * (q * m - p * gamma)) / (gamma + mx);
    gg += w * lean;
    let rowValue: number;
    let rowP: number;
    let rowQ: number;
    if (stirling[j] === 1) {
      const d = lean / A;
      const towardsP = A * Math.log1p(d);
      const towardsQ = q * Math.log1p((-d * A) / q);
      rowValue = towardsP + towardsQ;
      rowP = towardsP;
      rowQ = towardsQ;
    } else {
      // log1p(m x / gamma) and log1p(gamma / (m x)), each from its small side.
      const ratio = (spendTotal[i] as number) - logGammaScale;
      let up: number;
      let down: number;
      if (ratio > 0) {
        down = Math.log1p(Math.exp(-ratio));
        up = ratio + down;
      } else {
        up = Math.log1p(Math.exp(ratio));
        down = up - ratio;
      }
      rowValue = -(q * up + A * down);
      rowP = -A * down;
      rowQ = -q * up;
    }
    value += w * (rowValue + (constant[j] as number));
    gp += w * (rowP + (partP[j] as number));
    gq += w * (rowQ + (partQ[j] as number));
  }
  return [withSpendTerm ? value - data.logSpendSum : value, [gp, gq, gg]];
}

/**
 * The log-likelihood less its one term free of the parameters, -sum ln m,
 * and its gradient: what the fit climbs. Without that term, which is large
 * for amounts far from 1 (-690 a customer for spends of 1e300), the value is
 * the same in any currency unit and keeps its digits near the maximum.
 */
export function gammaGammaShapeTerms(
  data: SpendData,
  p: number,
  q: number,
  gamma: number,
): [number, [number, number, number]] {
  return gammaGammaLikelihoodTerms(data, p, q, gamma, false);
}

/** The Gamma-Gamma log-likelihood of merged spend data (see {@link gammaGammaLikelihoodTerms}). */
export function gammaGammaDataLogLikelihood(data: SpendData, p: number, q: number, gamma: number): number {
  return gammaGammaLikelihoodTerms(data, p, q, gamma)[0];
}
