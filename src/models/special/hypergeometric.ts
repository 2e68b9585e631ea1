/** Result of a series summation, with the number of terms it took. */
export interface SeriesSum {
  value: number;
  terms: number;
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) by its power series
 * sum_k (a)_k (b)_k / ((c)_k k!) z^k, for 0 <= z < 1, c > 0, and a, b > -1
 * (so that the terms from k = 1 on keep one sign), summed with Kahan
 * compensation.
 *
 * The series stops when the remaining tail is provably below 1e-17 of the sum:
 * once the ratio of consecutive terms, (a + k)(b + k) z / ((c + k)(1 + k)), is
 * below 1 and moving towards z, the tail is at most |term| x ratio / (1 - ratio).
 * `maxTerms` bounds the work; reaching it is reported by returning
 * `undefined`, never an inaccurate value.
 */
export function hypergeometric2F1(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms = 50_000_000,
): SeriesSum | undefined {
  let term = 1;
  let sum = 1;
  let compensation = 0;
  // The ratio of term k + 1 to term k; each is computed once, as the next ratio of the step before.
  let ratio = (a * b * z) / c;
  for (let k = 0; k < maxTerms; k++) {
    term *= ratio;
    // Kahan summation.
    const y = term - compensation;
    const t = sum + y;
    compensation = t - sum - y;
    sum = t;
    const nextRatio = ((a + (k + 1)) * (b + (k + 1)) * z) / ((c + (k + 1)) * (k + 2));
    ratio = nextRatio;
    const bound = Math.max(Math.abs(nextRatio), z);
    if (bound < 1 && Math.abs(term) * bound <= 1e-17 * Math.abs(sum) * (1 - bound)) {
      return { value: sum, terms: k + 1 };
    }
  }
  return undefined;
}
