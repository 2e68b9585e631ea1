import { fail } from '../../internal/schema';

/**
 * Summaries made from transactions without amounts. rfmSummary gives such
 * rows a monetary value of 0 (the purchase models need none); the spend
 * model must not read those zeros as spend, so the rows and the summary are
 * remembered here with the reason, and the functions that need amounts
 * refuse them with it.
 */
const withoutAmounts = new WeakMap<object, string>();

/**
 * Records that `summary` and each of its `rows` were made from transactions
 * without amounts (a list of the rows is recognised by its first row).
 */
export function markWithoutAmounts(summary: object, rows: readonly object[], reason: string): void {
  withoutAmounts.set(summary, reason);
  for (const row of rows) withoutAmounts.set(row, reason);
}

/** Why `value` (a summary, its rows or one row) has no spend; `undefined` when it has. */
export function missingAmounts(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? withoutAmounts.get(value) : undefined;
}

/** The start of the refusal of a summary without spend. */
export const SPEND_NEEDED = 'must have spend (monetaryValue) for the spend model';

/**
 * Refuses a customer row (or a summary, or a list of its rows) made from
 * transactions without amounts, whose monetary value of 0 is no spend; the
 * error names `field`.
 */
export function refuseWithoutAmounts(functionName: string, customer: unknown, field = 'monetaryValue'): void {
  const reason = missingAmounts(customer);
  if (reason !== undefined) fail(functionName, field, `${SPEND_NEEDED}: ${reason}`);
}
