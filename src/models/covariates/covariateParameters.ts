import * as z from 'zod/mini';
import type { Numeric } from '../../internal/decimal';
import { describeValue } from '../../internal/numeric';
import { readKey } from '../../internal/read';
import { isRow } from '../../internal/rows';
import { fail, type MetricSchema, objectSchema, parseInput, parseQuietly } from '../../internal/schema';
import type { BgNbdParameters } from '../nbd/bgNbdMath';
import type { ParetoNbdParameters } from '../nbd/paretoNbdMath';
import { type CovariateParameters, covariateParametersField, numberRecordField } from './covariateModel';
import type { BgNbdCovariateParameters } from './fitBgNbdWithCovariates';
import type { ParetoNbdCovariateParameters } from './fitParetoNbdWithCovariates';

const MODELS = {
  'bgnbd-covariates': ['r', 'alpha', 'a', 'b'],
  'paretonbd-covariates': ['r', 'alpha', 's', 'beta'],
} as const;
type ModelName = keyof typeof MODELS;

/**
 * A BG/NBD fit with covariates, or the same fields written out.
 *
 * @category Purchasing models with covariates
 */
export type BgNbdCovariateModel = BgNbdCovariateParameters & {
  /** The model, as fitBgNbdWithCovariates names it. */
  readonly model: 'bgnbd-covariates';
};

/**
 * A Pareto/NBD fit with covariates, or the same fields written out.
 *
 * @category Purchasing models with covariates
 */
export type ParetoNbdCovariateModel = ParetoNbdCovariateParameters & {
  /** The model, as fitParetoNbdWithCovariates names it. */
  readonly model: 'paretonbd-covariates';
};

interface ReadModel {
  model: ModelName;
  parameters: CovariateParameters<string>;
}

function modelField(): z.ZodMiniType<ReadModel, unknown> {
  const readers = {
    'bgnbd-covariates': covariateParametersField(MODELS['bgnbd-covariates']),
    'paretonbd-covariates': covariateParametersField(MODELS['paretonbd-covariates']),
  };
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): ReadModel => {
      const out = { model: 'bgnbd-covariates', parameters: { base: {}, coefficients: { purchase: [], dropout: [] } } };
      const model = isRow(value) ? readKey(value, 'model') : undefined;
      if (model?.rule !== undefined) {
        ctx.issues.push({ code: 'custom', message: model.rule, input: value, path: ['model'] });
        return out as ReadModel;
      }
      const name = model?.value;
      if (name !== 'bgnbd-covariates' && name !== 'paretonbd-covariates') {
        ctx.issues.push({
          code: 'custom',
          message: `must be a fit of fitBgNbdWithCovariates or fitParetoNbdWithCovariates (model 'bgnbd-covariates' or 'paretonbd-covariates'), got ${isRow(value) ? `model ${describeValue(name)}` : describeValue(value)}`,
          input: value,
          path: isRow(value) ? ['model'] : [],
        });
        return out as ReadModel;
      }
      const read = parseQuietly(readers[name], value);
      if (!read.success) {
        for (const issue of read.error.issues)
          ctx.issues.push({ code: 'custom', message: issue.message, input: value, path: [...issue.path] });
        return out as ReadModel;
      }
      return { model: name, parameters: read.data as CovariateParameters<string> };
    }),
  );
}

const schema = /* @__PURE__ */ buildSchema();
function buildSchema() {
  return objectSchema({
    fit: modelField(),
    covariates: z.pipe(
      z.unknown(),
      z.transform((value, ctx) => {
        if (value === undefined) {
          ctx.issues.push({
            code: 'custom',
            message: "is required: the customer's covariates by name, such as { channelWeb: 1 }",
            input: value,
          });
          return [];
        }
        const read = parseQuietly(
          numberRecordField("a record of the customer's covariates by name, such as { channelWeb: 1 }"),
          value,
        );
        if (read.success) return read.data as Array<[string, number]>;
        for (const issue of read.error.issues)
          ctx.issues.push({ code: 'custom', message: issue.message, input: value, path: [...issue.path] });
        return [];
      }),
    ),
  });
}

/**
 * The zod schema {@link covariateParameters} validates its arguments with, as `{ fit, covariates }`.
 *
 * @category Input schemas (zod)
 */
export const covariateParametersSchema: MetricSchema = schema;

/**
 * One customer's own parameters under a model fitted with covariates: the
 * plain model's parameters that every BG/NBD or Pareto/NBD prediction takes.
 *
 * @remarks
 * For a BG/NBD fit and a Pareto/NBD fit respectively (CLVTools'
 * parameterisation, see {@link fitBgNbdWithCovariates}):
 *
 * ```math
 * \begin{aligned}
 * &\big(r,\ \alpha e^{-\gamma_P^\top z_P},\ a e^{\gamma_D^\top z_D},\ b e^{\gamma_D^\top z_D}\big), \\
 * &\big(r,\ \alpha e^{-\gamma_P^\top z_P},\ s,\ \beta e^{-\gamma_D^\top z_D}\big).
 * \end{aligned}
 * ```
 *
 * Given
 * to {@link bgNbdProbabilityAlive}, {@link bgNbdExpectedPurchases},
 * {@link paretoNbdProbabilityAlive} and the others, they give that customer's
 * predictions: with covariates, the customer's history is that of a member of
 * the population its covariates describe. Covariates the fit does not use
 * are ignored. Cost: O(covariates).
 *
 * @param fit - a {@link fitBgNbdWithCovariates} or {@link fitParetoNbdWithCovariates} result (or the same fields written out).
 * @param covariates - the customer's covariates by name, at least those the fit has coefficients for.
 * @returns `{ r, alpha, a, b }` for a BG/NBD fit, `{ r, alpha, s, beta }` for a Pareto/NBD fit.
 * @throws {@link MetricInputError} when the fit is not a fit with covariates, a covariate it needs is missing or not
 *   finite, or the individual parameters leave the range of a number.
 *
 * @example
 * ```ts
 * import { bgNbdProbabilityAlive, covariateParameters } from 'retention-metrics';
 *
 * // A stored fit: web customers buy e^0.5 = 1.65 times as often.
 * const fit = {
 *   model: 'bgnbd-covariates',
 *   r: 0.25, alpha: 4, a: 0.8, b: 2.4,
 *   purchaseCoefficients: { channelWeb: 0.5 },
 *   dropoutCoefficients: { channelWeb: -0.2 },
 * } as const;
 * const web = covariateParameters(fit, { channelWeb: 1 });
 * web.alpha.toFixed(6);
 * //=> '2.426123'
 * bgNbdProbabilityAlive(web, { frequency: 2, recency: 30, age: 38 }).toFixed(6);
 * //=> '0.733774'
 * ```
 *
 * @category Purchasing models with covariates
 */
export function covariateParameters(
  fit: BgNbdCovariateModel,
  covariates: Readonly<Record<string, Numeric>>,
): BgNbdParameters;
export function covariateParameters(
  fit: ParetoNbdCovariateModel,
  covariates: Readonly<Record<string, Numeric>>,
): ParetoNbdParameters;
export function covariateParameters(
  fit: BgNbdCovariateModel | ParetoNbdCovariateModel,
  covariates: Readonly<Record<string, Numeric>>,
): BgNbdParameters | ParetoNbdParameters {
  const v = parseInput('covariateParameters', schema, { fit, covariates });
  const values = new Map(v.covariates);
  const { model, parameters } = v.fit;
  const effect = (process: 'purchase' | 'dropout'): number => {
    let sum = 0;
    for (const [name, gamma] of parameters.coefficients[process]) {
      const z = values.get(name);
      if (z === undefined) {
        fail(
          'covariateParameters',
          `covariates.${name}`,
          `is required: the fit has a ${process === 'purchase' ? 'purchase' : 'drop-out'} coefficient for it`,
        );
      }
      sum += gamma * z;
    }
    return sum;
  };
  const purchase = effect('purchase');
  const dropout = effect('dropout');
  const base = parameters.base;
  const individual: Record<string, number> =
    model === 'bgnbd-covariates'
      ? {
          r: base.r as number,
          alpha: (base.alpha as number) * Math.exp(-purchase),
          a: (base.a as number) * Math.exp(dropout),
          b: (base.b as number) * Math.exp(dropout),
        }
      : {
          r: base.r as number,
          alpha: (base.alpha as number) * Math.exp(-purchase),
          s: base.s as number,
          beta: (base.beta as number) * Math.exp(-dropout),
        };
  for (const [name, value] of Object.entries(individual)) {
    if (!(value > 0 && value < Number.POSITIVE_INFINITY)) {
      fail(
        'covariateParameters',
        'covariates',
        `give this customer a ${name} of ${value}, outside the range of a positive number: the coefficients times the covariates are too large (a covariate in the wrong unit?)`,
      );
    }
  }
  return individual as unknown as BgNbdParameters | ParetoNbdParameters;
}
