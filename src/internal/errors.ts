/**
 * One problem found in an input, in the shape of a zod issue.
 *
 * @category Errors and numbers
 */
export interface MetricInputIssue {
  /** Where the problem is: field names and array indexes, outermost first. */
  readonly path: readonly PropertyKey[];
  /** What is wrong, as a rule and the value received ("must be greater than 0, got 0"). */
  readonly message: string;
  /** The zod issue code (`custom` for the library's own rules). */
  readonly code: string;
}

const BRAND = Symbol.for('retention-metrics.MetricInputError');

/**
 * The one error the library throws for bad input.
 *
 * Its message names the function, the field and the rule, for example
 * `retentionRate: customersAtStart must be greater than 0, got 0`. `issues`
 * holds the problem in the shape of zod issues (validation stops at the
 * first field found wrong, so there is one).
 *
 * @example
 * ```ts
 * import { MetricInputError, retentionRate } from 'retention-metrics';
 *
 * try {
 *   retentionRate({ customersAtStart: 0, customersAtEnd: 10, newCustomers: 2 });
 * } catch (error) {
 *   if (MetricInputError.is(error)) {
 *     error.field;
 *     //=> 'customersAtStart'
 *   }
 * }
 * ```
 *
 * @category Errors and numbers
 */
export class MetricInputError extends Error {
  /** The public function that rejected its input, such as `retentionRate`. */
  readonly functionName: string;
  /** The field at fault, as a path (`revenues[3]`, `reasons.price`), or `undefined` for the input as a whole. */
  readonly field: string | undefined;
  /** The problem found, in the shape of zod issues. */
  readonly issues: readonly MetricInputIssue[];

  constructor(functionName: string, field: string | undefined, rule: string, issues?: readonly MetricInputIssue[]) {
    super(`${functionName}: ${field === undefined ? '' : `${field} `}${rule}`);
    // Defined, not assigned: with frozen intrinsics (SES lockdown) Error.prototype.name is
    // read-only, and assigning an own `name` over it would throw a TypeError.
    Object.defineProperty(this, 'name', { value: 'MetricInputError', writable: true, configurable: true });
    this.functionName = functionName;
    this.field = field;
    this.issues = issues ?? [{ path: field === undefined ? [] : [field], message: rule, code: 'custom' }];
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * Whether `error` is a MetricInputError, also when it was thrown by another
   * copy of this library loaded in the same application (where `instanceof`
   * would answer `false`).
   */
  static is(error: unknown): error is MetricInputError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}
