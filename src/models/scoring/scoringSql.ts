import * as z from 'zod/mini';
import { describeValue } from '../../internal/numeric';
import { choiceField, fail, type MetricSchema, objectSchema } from '../../internal/schema';
import { parametersField } from '../internal/inputs';
import { parseModelCall } from '../internal/modelCall';
import type { BgNbdParameters } from '../nbd/bgNbdMath';
import type { GammaGammaParameters } from '../nbd/gammaGamma';
import type { SbgParameters } from '../sbg/types';

/**
 * The SQL dialects the scoring expressions are written for (and tested in).
 *
 * @category Batch scoring
 */
export type SqlDialect = 'duckdb' | 'postgres';

/**
 * Options of the scoring-SQL functions: the dialect, and the names of the columns the expression reads.
 *
 * @expand
 * @category Batch scoring
 */
export interface ScoringSqlOptions<C extends string> {
  /** The dialect: `'duckdb'` (the default) or `'postgres'`. */
  dialect?: SqlDialect;
  /**
   * The columns (or qualified columns, `s.frequency`, or double-quoted
   * identifiers) the expression reads, when they are not named as the
   * library's fields (frequency, recency, age, monetary_value, period).
   */
  columns?: Partial<Record<C, string>>;
}

const IDENTIFIER = /^(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+")(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+"))?$/;

/** An optional column name: a plain or double-quoted SQL identifier, optionally qualified; nothing else gets into the SQL. */
function identifierField() {
  return z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value, ctx): string => {
        if (typeof value === 'string' && IDENTIFIER.test(value)) return value;
        ctx.issues.push({
          code: 'custom',
          message: `must be a column name (letters, digits and _, or a "quoted" identifier, optionally table.column), got ${describeValue(value)}`,
          input: value,
        });
        return '';
      }),
    ),
  );
}

function sqlSchema<const N extends readonly string[], const C extends readonly string[]>(parameters: N, columns: C) {
  const columnFields = Object.fromEntries(columns.map((name) => [name, identifierField()])) as Record<
    C[number],
    ReturnType<typeof identifierField>
  >;
  return objectSchema({
    parameters: parametersField(parameters),
    dialect: choiceField(['duckdb', 'postgres'] as const),
    columns: z.optional(objectSchema(columnFields)),
  });
}

/**
 * A float as an SQL literal of type double: its shortest round-trip decimal
 * text (so the database reads back exactly the same double), cast so that
 * PostgreSQL computes in double precision rather than in NUMERIC.
 */
function literal(value: number, dialect: SqlDialect): string {
  return `CAST(${String(value)} AS ${dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE'})`;
}

/** A column read as a double. */
function column(name: string, dialect: SqlDialect): string {
  return `CAST(${name} AS ${dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE'})`;
}

const BG_NAMES = ['r', 'alpha', 'a', 'b'] as const;
const bgSchema = /* @__PURE__ */ buildBgSchema();
function buildBgSchema() {
  return sqlSchema(BG_NAMES, ['frequency', 'recency', 'age'] as const);
}

/**
 * The zod schema {@link bgNbdProbabilityAliveSql} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const bgNbdProbabilityAliveSqlSchema: MetricSchema = bgSchema;

/**
 * The SQL expression of the BG/NBD probability that a customer is alive,
 * with the fitted parameters as literals: score the summaries where they
 * live (a view, an UPDATE, a SELECT over millions of rows) instead of
 * pulling them out.
 *
 * @remarks
 * P(alive), below, is computed as {@link bgNbdProbabilityAlive} computes it,
 * in logs: the log-odds of being gone, on the second line below, and 0 when
 * it exceeds 700 (where the exponential would overflow).
 *
 * ```math
 * \begin{aligned}
 * P(\text{alive}) &= \frac{1}{1 + [x > 0]\, \dfrac{a}{b + x - 1} \left(\dfrac{\alpha + T}{\alpha + t_x}\right)^{r + x}}, \\
 * \text{log-odds of being gone} &= \ln a - \ln(b + x - 1) \\
 * &\quad + (r + x) \ln\left(\frac{\alpha + T}{\alpha + t_x}\right)
 * \end{aligned}
 * ```
 *
 * The parameters are written as the shortest decimal that reads back as the
 * same double, and every value is cast to double, so the database computes
 * in the same floating point as the library: the tests run the expression in
 * DuckDB and PostgreSQL and find it equal to the library's value to 1e-12.
 * The columns are read as the summary's frequency, recency and age, in the
 * fit's time unit.
 *
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitBgNbd} result.
 * @param options - the dialect (`'duckdb'` or `'postgres'`) and the names of the columns, if not frequency, recency and age.
 * @returns the SQL expression, to use in a SELECT list or a view.
 * @throws {@link MetricInputError} when a parameter is not positive, the dialect is unknown, or a column is not a plain identifier.
 *
 * @example
 * ```ts
 * import { bgNbdProbabilityAliveSql } from 'retention-metrics';
 *
 * const sql = bgNbdProbabilityAliveSql({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { dialect: 'postgres', columns: { age: 't_cal' } });
 * sql.startsWith('CASE WHEN CAST(frequency AS DOUBLE PRECISION) = 0 THEN 1');
 * //=> true
 * sql.includes('CAST(t_cal AS DOUBLE PRECISION)');
 * //=> true
 * ```
 *
 * @category Batch scoring
 */
export function bgNbdProbabilityAliveSql(
  parameters: BgNbdParameters,
  options: ScoringSqlOptions<'frequency' | 'recency' | 'age'> = {},
): string {
  const v = parseModelCall('bgNbdProbabilityAliveSql', bgSchema, parameters, options);
  const d = v.dialect ?? 'duckdb';
  const x = column(v.columns?.frequency ?? 'frequency', d);
  const tx = column(v.columns?.recency ?? 'recency', d);
  const T = column(v.columns?.age ?? 'age', d);
  const { r, alpha, a, b } = v.parameters;
  const logOdds =
    `(LN(${literal(a, d)}) - LN(${literal(b, d)} + (${x} - 1))` +
    ` + (${literal(r, d)} + ${x}) * LN((${literal(alpha, d)} + ${T}) / (${literal(alpha, d)} + ${tx})))`;
  return `CASE WHEN ${x} = 0 THEN 1 WHEN ${logOdds} > 700 THEN 0 ELSE 1 / (1 + EXP(${logOdds})) END`;
}

const GG_NAMES = ['p', 'q', 'gamma'] as const;
const ggSchema = /* @__PURE__ */ buildGgSchema();
function buildGgSchema() {
  return sqlSchema(GG_NAMES, ['frequency', 'monetaryValue'] as const);
}

/**
 * The zod schema {@link gammaGammaExpectedSpendSql} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const gammaGammaExpectedSpendSqlSchema: MetricSchema = ggSchema;

/**
 * The SQL expression of the Gamma-Gamma expected spend per purchase, with
 * the fitted parameters as literals.
 *
 * @remarks
 * The expected spend below, in the order of operations {@link gammaGammaExpectedSpend} uses, cast to
 * double (the tests find the database's value equal to the library's to
 * 1e-12 in DuckDB and PostgreSQL). Needs q > 1.
 *
 * ```math
 * E[M \mid x, m] = (1 - w)\, \frac{p \gamma}{q - 1} + w m \quad \text{with} \quad w = \frac{p x}{p x + q - 1}
 * ```
 *
 * @param parameters - `{ p, q, gamma }`, for example a {@link fitGammaGamma} result.
 * @param options - the dialect and the names of the columns, if not frequency and monetary_value.
 * @returns the SQL expression.
 * @throws {@link MetricInputError} when a parameter is not positive, q is 1 or less, or a column is not a plain identifier.
 *
 * @example
 * ```ts
 * import { gammaGammaExpectedSpendSql } from 'retention-metrics';
 *
 * gammaGammaExpectedSpendSql({ p: 6.25, q: 3.74, gamma: 15.44 }).includes('CAST(monetary_value AS DOUBLE)');
 * //=> true
 * ```
 *
 * @category Batch scoring
 */
export function gammaGammaExpectedSpendSql(
  parameters: GammaGammaParameters,
  options: ScoringSqlOptions<'frequency' | 'monetaryValue'> = {},
): string {
  const fn = 'gammaGammaExpectedSpendSql';
  const v = parseModelCall(fn, ggSchema, parameters, options);
  const { p, q, gamma } = v.parameters;
  if (q <= 1) fail(fn, 'parameters.q', `must be greater than 1 for a finite expected spend, got ${q}`);
  const d = v.dialect ?? 'duckdb';
  const x = column(v.columns?.frequency ?? 'frequency', d);
  const m = column(v.columns?.monetaryValue ?? 'monetary_value', d);
  const px = `(${literal(p, d)} * ${x})`;
  const weight = `(${px} / (${px} + ${literal(q, d)} - 1))`;
  return `((1 - ${weight}) * ${literal((p * gamma) / (q - 1), d)} + ${weight} * ${m})`;
}

const SBG_NAMES = ['alpha', 'beta'] as const;
const sbgSchema = /* @__PURE__ */ buildSbgSchema();
function buildSbgSchema() {
  return sqlSchema(SBG_NAMES, ['period'] as const);
}

/**
 * The zod schema {@link sbgRetentionRateSql} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const sbgRetentionRateSqlSchema: MetricSchema = sbgSchema;

/**
 * The SQL expression of the sBG retention rate in period t: the
 * probability that a subscriber active in period t - 1 renews into t, for
 * a column of tenures.
 *
 * @remarks
 * The expression computes r(t), below, as {@link sbgRetentionRate} computes
 * it, cast to double.
 *
 * ```math
 * r(t) = \frac{\beta + t - 1}{\alpha + \beta + t - 1}
 * ```
 *
 * The column holds whole periods from 1.
 *
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @param options - the dialect and the name of the period column, if not period.
 * @returns the SQL expression.
 * @throws {@link MetricInputError} when a parameter is not positive or a column is not a plain identifier.
 *
 * @example
 * ```ts
 * import { sbgRetentionRateSql } from 'retention-metrics';
 *
 * sbgRetentionRateSql({ alpha: 1, beta: 1 }, { columns: { period: 'renewals_so_far' } });
 * //=> '((CAST(1 AS DOUBLE) + (CAST(renewals_so_far AS DOUBLE) - 1)) / (CAST(2 AS DOUBLE) + (CAST(renewals_so_far AS DOUBLE) - 1)))'
 * ```
 *
 * @category Batch scoring
 */
export function sbgRetentionRateSql(parameters: SbgParameters, options: ScoringSqlOptions<'period'> = {}): string {
  const v = parseModelCall('sbgRetentionRateSql', sbgSchema, parameters, options);
  const d = v.dialect ?? 'duckdb';
  const t = column(v.columns?.period ?? 'period', d);
  const { alpha, beta } = v.parameters;
  return `((${literal(beta, d)} + (${t} - 1)) / (${literal(alpha + beta, d)} + (${t} - 1)))`;
}
