import * as z from 'zod/mini';
import { cellNumber, describeValue } from '../../internal/numeric';
import { readKey } from '../../internal/read';
import { isOptionsObject, parseQuietly } from '../../internal/schema';
import { parametersField } from '../internal/inputs';
import { logRising } from '../nbd/bgNbdLikelihood';
import {
  type BgNbdParameters,
  expectedPurchasesNew,
  probabilityAlive,
  purchaseCountDistribution,
} from '../nbd/bgNbdMath';
import { type ParetoNbdParameters, paretoExpectedNew, paretoProbabilityAlive } from '../nbd/paretoNbdMath';
import { gaussLegendre } from '../special/gaussLegendre';
import { logGamma } from '../special/logGamma';

/**
 * A fitted purchase model as the diagnostics take it: a {@link fitBgNbd} or
 * {@link fitParetoNbd} result as it is, or its parameters with the model
 * named (`{ model: 'bgnbd', r, alpha, a, b }`).
 *
 * @category Model diagnostics
 */
export type PurchaseModelFit =
  | ({
      /** The BG/NBD, as fitBgNbd names it. */
      model: 'bgnbd';
    } & BgNbdParameters)
  | ({
      /** The Pareto/NBD, as fitParetoNbd names it. */
      model: 'paretonbd';
    } & ParetoNbdParameters);

/**
 * The names of the purchase models the diagnostics know.
 *
 * @category Model diagnostics
 */
export type PurchaseModelName = PurchaseModelFit['model'];

/** What a diagnostic needs of a purchase model, on parameters read and checked. */
interface PurchaseModelMath {
  /** The parameter names, in the order of the fit's covariance. */
  names: readonly string[];
  /** E[X(t)] of a new customer over its first t units (t >= 0). */
  expectedNew(p: Record<string, number>, t: number, functionName: string): number;
  /** P(X(t) = k) for k = 0..count-1, for a customer observed for t > 0 units from its first purchase. */
  countDistribution(p: Record<string, number>, count: number, t: number): Float64Array;
  /** P(alive | x, t_x, T); undefined where it cannot be computed. */
  probabilityAlive(p: Record<string, number>, x: number, tx: number, T: number): number | undefined;
}

/**
 * The models the diagnostics know, by the `model` name their fits carry. A
 * new model is one entry here: its parameter names and its three formulas.
 */
const MODELS: Record<PurchaseModelName, PurchaseModelMath> = {
  bgnbd: {
    names: ['r', 'alpha', 'a', 'b'],
    expectedNew: (p, t, functionName) => expectedPurchasesNew(p as unknown as BgNbdParameters, t, functionName),
    countDistribution: (p, count, t) => purchaseCountDistribution(p as unknown as BgNbdParameters, count, t),
    probabilityAlive: (p, x, tx, T) => probabilityAlive(p as unknown as BgNbdParameters, x, tx, T),
  },
  paretonbd: {
    names: ['r', 'alpha', 's', 'beta'],
    expectedNew: (p, t) => paretoExpectedNew(p as unknown as ParetoNbdParameters, t),
    countDistribution: (p, count, t) => paretoCountDistribution(p as unknown as ParetoNbdParameters, count, t),
    probabilityAlive: (p, x, tx, T) => paretoProbabilityAlive(p as unknown as ParetoNbdParameters, x, tx, T),
  },
};

const MODEL_NAMES = /* @__PURE__ */ Object.keys(MODELS) as PurchaseModelName[];

/** A purchase model read from a diagnostic's `fit`: its name, checked parameters and formulas. */
export interface ReadPurchaseModel extends PurchaseModelMath {
  /** The model's name. */
  model: PurchaseModelName;
  /** Its parameters, each positive and finite. */
  parameters: Record<string, number>;
  /** Days per unit of the parameters, when the fit records it. */
  unitDays: number | undefined;
}

/** The zod field of a purchase model's fit: `model` names it, and its parameters must be positive numbers. */
export function purchaseFitField(): z.ZodMiniType<ReadPurchaseModel, unknown> {
  const readers = Object.fromEntries(MODEL_NAMES.map((name) => [name, parametersField(MODELS[name].names)]));
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): ReadPurchaseModel => {
      const refuse = (message: string, path: PropertyKey[] = []) => {
        ctx.issues.push({ code: 'custom', message, input: value, path });
        return undefined as unknown as ReadPurchaseModel;
      };
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return refuse(
          `must be a fitted purchase model (a fitBgNbd or fitParetoNbd result, or { model: 'bgnbd', r, alpha, a, b }), got ${describeValue(value)}`,
        );
      }
      const read = readKey(value, 'model');
      if (read.rule !== undefined) return refuse(read.rule, ['model']);
      const name = read.value;
      if (typeof name !== 'string' || !(MODEL_NAMES as string[]).includes(name)) {
        return refuse(
          `must name the model of the fit, one of ${MODEL_NAMES.map((m) => `'${m}'`).join(', ')} (fit results carry it), got ${describeValue(name)}`,
          ['model'],
        );
      }
      const model = name as PurchaseModelName;
      const parsed = parseQuietly(readers[model] as z.ZodMiniType, value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refuse(issue?.message ?? 'is invalid', (issue?.path ?? []) as PropertyKey[]);
      }
      const unit = readKey(value, 'timeUnit');
      if (unit.rule !== undefined) return refuse(unit.rule, ['timeUnit']);
      let unitDays: number | undefined;
      if (unit.value !== undefined) {
        const days = isOptionsObject(unit.value) ? readKey(unit.value, 'days') : undefined;
        unitDays = days === undefined || days.rule !== undefined ? Number.NaN : cellNumber(days.value);
        if (!(unitDays > 0 && unitDays < Number.POSITIVE_INFINITY)) {
          return refuse(
            `must be { days } with days per unit greater than 0, as a fit records it, got ${describeValue(unit.value)}`,
            ['timeUnit'],
          );
        }
      }
      return { model, parameters: parsed.data as Record<string, number>, unitDays, ...MODELS[model] };
    }),
  );
}

// 24 Gauss-Legendre nodes on each of 32 panels of [0, t] that halve towards 0 (the last reaches t / 2^31).
const RULE = /* @__PURE__ */ gaussLegendre(24);
const PANELS = 32;

/**
 * P(X(t) = k) for k = 0..count-1 under the Pareto/NBD, for a customer
 * observed t > 0 units from its first purchase. While alive it buys at a
 * rate lambda ~ Gamma(r, alpha), so the purchases in a span tau of life are
 * negative binomial, NB(k; tau); its lifetime is exponential with a rate
 * mu ~ Gamma(s, beta), so P(tau > t) = (beta / (beta + t))^s with density
 * s beta^s / (beta + tau)^(s + 1). Hence
 * P(X(t) = k) = (beta / (beta + t))^s NB(k; t) + int_0^t s beta^s / (beta + tau)^(s+1) NB(k; tau) d tau,
 * the integral by Gauss-Legendre on panels that halve towards 0 (where
 * NB(k; tau) changes fastest when alpha is small against t). It agrees with
 * the closed form of Fader, Hardie and Lee (2006) to about 1e-12.
 * Cost: O(count x 768) per age.
 */
export function paretoCountDistribution(p: ParetoNbdParameters, count: number, t: number): Float64Array {
  const { r, alpha, s, beta } = p;
  const out = new Float64Array(count);
  // ln[Gamma(r + k) / (Gamma(r) k!)], shared by every tau.
  const logCoefficient = new Float64Array(count);
  for (let k = 0; k < count; k++) logCoefficient[k] = logRising(r, k) - logGamma(k + 1);
  // weight x NB(k; tau) added to each P(X(t) = k): NB(k; tau) = coefficient (alpha/(alpha+tau))^r (tau/(alpha+tau))^k.
  const nb = (tau: number, weight: number) => {
    const logZ = -Math.log1p(alpha / tau);
    const logBase = -r * Math.log1p(tau / alpha) + Math.log(weight);
    for (let k = 0; k < count; k++) {
      out[k] = (out[k] as number) + Math.exp(logBase + (logCoefficient[k] as number) + (k === 0 ? 0 : k * logZ));
    }
  };
  nb(t, Math.exp(-s * Math.log1p(t / beta)));
  for (let panel = 0; panel < PANELS; panel++) {
    const hi = t / 2 ** panel;
    const lo = panel === PANELS - 1 ? 0 : hi / 2;
    const half = (hi - lo) / 2;
    for (let i = 0; i < RULE.nodes.length; i++) {
      const tau = lo + half * (1 + (RULE.nodes[i] as number));
      // s beta^s / (beta + tau)^(s + 1) = (s / beta) (1 + tau / beta)^-(s + 1).
      const density = (s / beta) * Math.exp(-(s + 1) * Math.log1p(tau / beta));
      nb(tau, half * (RULE.weights[i] as number) * density);
    }
  }
  return out;
}
