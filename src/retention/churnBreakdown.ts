import * as z from 'zod/mini';
import { type Decimal, Exact, type Numeric, toResult } from '../internal/decimal';
import { fraction, wholeCount } from '../internal/rules';
import {
  type MetricSchema,
  namedDecimalsField,
  objectSchema,
  optionalDecimalField,
  parseInput,
  report,
} from '../internal/schema';

/**
 * Input of {@link churnBreakdown}: the churn reasons, either as shares of all
 * lost customers (`reasonShares`) or as counts (`reasonCounts`, with
 * `lostCustomers`).
 *
 * @expand
 * @category Retention and churn
 */
export interface ChurnBreakdownOptions {
  /** Share of lost customers per reason, fractions that add up to at most 1. */
  reasonShares?: Record<string, Numeric>;
  /** Lost customers per reason, whole numbers that add up to at most `lostCustomers`. */
  reasonCounts?: Record<string, Numeric>;
  /** All customers lost in the period; required with `reasonCounts`, optional with `reasonShares`. */
  lostCustomers?: Numeric;
}

/**
 * One line of a {@link ChurnBreakdownResult}.
 *
 * @category Retention and churn
 */
export interface ChurnReason {
  /** The reason, as named in the input. */
  reason: string;
  /** Its share of all lost customers. */
  share: Decimal;
  /** Lost customers for this reason, when `lostCustomers` was given (an expected count with shares). */
  customers?: Decimal;
}

/**
 * Result of {@link churnBreakdown}.
 *
 * @expand
 * @category Retention and churn
 */
export interface ChurnBreakdownResult {
  /** The reasons, in the order given. */
  reasons: ChurnReason[];
  /** What no reason accounts for (1 minus the attributed shares), never hidden. */
  unattributed: UnattributedChurn;
}

/**
 * The part of churn that no reason accounts for, in a {@link ChurnBreakdownResult}.
 *
 * @category Retention and churn
 */
export interface UnattributedChurn {
  /** 1 minus the attributed shares. */
  share: Decimal;
  /** Lost customers no reason accounts for, when `lostCustomers` was given. */
  customers?: Decimal;
}

const schema = /* @__PURE__ */ buildChurnBreakdownSchema();

/**
 * The zod schema {@link churnBreakdown} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const churnBreakdownSchema: MetricSchema = schema;

function buildChurnBreakdownSchema() {
  return objectSchema(
    {
      reasonShares: z.optional(namedDecimalsField(fraction)),
      reasonCounts: z.optional(namedDecimalsField(wholeCount)),
      lostCustomers: optionalDecimalField(wholeCount),
    },
    (v, ctx) => {
      if ((v.reasonShares === undefined) === (v.reasonCounts === undefined)) {
        return report(ctx, 'reasonShares', 'or reasonCounts is required, one of the two and not both');
      }
      // Exactly one of the two is given (checked just above).
      const entries = (v.reasonShares ?? v.reasonCounts) as Array<[string, Decimal]>;
      const attributed = entries.reduce((sum, [, value]) => sum.plus(value), new Exact(0));
      if (v.reasonShares !== undefined && attributed.gt(1)) {
        return report(ctx, 'reasonShares', `must add up to at most 1, got ${attributed}`);
      }
      if (v.reasonCounts !== undefined) {
        if (v.lostCustomers === undefined) return report(ctx, 'lostCustomers', 'is required with reasonCounts');
        if (attributed.gt(v.lostCustomers)) {
          report(ctx, 'reasonCounts', `must add up to at most lostCustomers (${v.lostCustomers}), got ${attributed}`);
        }
      }
    },
  );
}

/**
 * Breaks churn down by reason and reports the part no reason accounts for.
 *
 * @remarks
 * Surveys of why customers leave rarely add up to exactly 100 %. The
 * unattributed share is 1 minus the attributed shares (or lost customers minus
 * the counted ones), reported next to the reasons rather than spread over them.
 *
 * Cost: O(k) for k reasons.
 *
 * @param options - the reasons as shares or counts, and the lost customers.
 * @returns each reason with its share (and count), and the unattributed rest.
 * @throws {@link MetricInputError} when both or neither of the reason forms are
 *   given, a share lies outside [0, 1], the shares add up to more than 1, or
 *   the counts exceed `lostCustomers`.
 * @see Claim [C10](../../docs/sources.md#c10), from the Hebrew blog post "A loyal customer is your best marketer".
 *
 * @example
 * ```ts
 * import { churnBreakdown } from 'retention-metrics';
 *
 * const why = churnBreakdown({
 *   reasonShares: { noReason: 0.03, betterSupplier: 0.05, price: 0.09, product: 0.14, indifference: 0.68 },
 *   lostCustomers: 200,
 * });
 * why.unattributed.share.toString();
 * //=> '0.01'
 * why.unattributed.customers?.toString();
 * //=> '2'
 * ```
 *
 * @category Retention and churn
 */
export function churnBreakdown(options: ChurnBreakdownOptions): ChurnBreakdownResult {
  const v = parseInput('churnBreakdown', schema, options);
  const lost = v.lostCustomers;
  const byShare = v.reasonShares !== undefined;
  const entries = (v.reasonShares ?? v.reasonCounts) as Array<[string, Decimal]>;
  const reasons: ChurnReason[] = [];
  let attributed = new Exact(0);
  for (const [reason, value] of entries) {
    attributed = attributed.plus(value);
    // With counts (which require lostCustomers), share = count / lost; a count over zero lost
    // customers can only be 0.
    const share = byShare || (lost as Decimal).isZero() ? value : value.div(lost as Decimal);
    const line: ChurnReason = { reason, share: toResult(share) };
    if (lost !== undefined) line.customers = toResult(byShare ? value.times(lost) : value);
    reasons.push(line);
  }
  let unattributed: UnattributedChurn;
  if (byShare) {
    const rest = attributed.negated().plus(1);
    unattributed = { share: toResult(rest) };
    if (lost !== undefined) unattributed.customers = toResult(rest.times(lost));
  } else {
    const rest = (lost as Decimal).minus(attributed);
    unattributed = { share: toResult(rest.isZero() ? rest : rest.div(lost as Decimal)), customers: toResult(rest) };
  }
  return { reasons, unattributed };
}
