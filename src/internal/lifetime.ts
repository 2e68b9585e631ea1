import { type Decimal, Exact, toResult } from './decimal';
import { fail } from './schema';

/**
 * When a period's margin arrives: at its start (the default) or at its end.
 *
 * @category Errors and numbers
 */
export type MarginTiming = 'start' | 'end';

/** The terms of a lifetime-value calculation, already validated, as working Decimals. */
export interface LifetimeTerms {
  margin: Decimal;
  retentionRate: Decimal;
  discountRate: Decimal;
  marginGrowth: Decimal;
  /** A whole number of periods, or `undefined` for an unlimited horizon. */
  periods: Decimal | undefined;
  timing: MarginTiming;
}

/**
 * Expected discounted margin of one customer (see customerLifetimeValue for
 * the definitions). With a = r(1+g) and b = 1+d:
 * - start timing: m * sum_{t=0}^{H-1} (a/b)^t
 * - end timing: m * (r/b) * sum_{t=0}^{H-1} (a/b)^t
 * Throws a MetricInputError (in the name of `functionName`, on `field`) when
 * an unlimited horizon makes the sum diverge.
 */
export function lifetimeValue(functionName: string, terms: LifetimeTerms, field = 'retentionRate'): Decimal {
  const { margin, retentionRate: r, discountRate, marginGrowth, periods, timing } = terms;
  const a = r.times(marginGrowth.plus(1));
  const b = discountRate.plus(1);
  // Factor in front of the geometric sum: 1 (start) or r/b (end).
  const lead = timing === 'start' ? new Exact(1) : r.div(b);
  if (periods === undefined) {
    if (a.gte(b)) {
      fail(
        functionName,
        field,
        `makes the lifetime value infinite: retention x (1 + marginGrowth) = ${toResult(a)} must stay below 1 + discountRate = ${toResult(b)}; state a finite number of periods`,
      );
    }
    // sum_{t>=0} (a/b)^t = b / (b - a)
    return margin.times(lead).times(b).div(b.minus(a));
  }
  if (a.eq(b)) return margin.times(lead).times(periods);
  // sum_{t=0}^{H-1} q^t = (1 - q^H) / (1 - q), q = a/b. For q < 1, q^H underflows
  // harmlessly to 0; for q > 1 it can overflow, which is reported below.
  const q = a.div(b);
  const value = margin.times(lead).times(new Exact(1).minus(q.pow(periods)).div(new Exact(1).minus(q)));
  if (!value.isFinite()) {
    fail(
      functionName,
      'periods',
      `makes the lifetime value too large to represent (the margin grows faster than it is discounted for ${periods} periods)`,
    );
  }
  return value;
}

/**
 * d CLV / d r: how fast the lifetime value rises with the retention rate (same
 * terms and conventions as lifetimeValue). Call it only on terms lifetimeValue
 * has accepted: an unlimited horizon then has q = r(1+g)/(1+d) < 1.
 */
export function lifetimeValueSlope(functionName: string, terms: LifetimeTerms): Decimal {
  const { margin, retentionRate: r, discountRate, marginGrowth, periods, timing } = terms;
  const growth = marginGrowth.plus(1);
  const b = discountRate.plus(1);
  const q = r.times(growth).div(b);
  // S(q) = sum_{t=0}^{H-1} q^t and S'(q) = sum_{t=1}^{H-1} t q^(t-1); dq/dr = (1+g)/b.
  let s: Decimal;
  let ds: Decimal;
  if (periods === undefined) {
    // q < 1 here: the caller has computed lifetimeValue on the same terms, which refuses q >= 1.
    const oneMinus = new Exact(1).minus(q);
    s = new Exact(1).div(oneMinus);
    ds = s.div(oneMinus);
  } else {
    if (q.eq(1)) {
      s = periods;
      ds = periods.times(periods.minus(1)).div(2);
    } else {
      const oneMinus = new Exact(1).minus(q);
      const qH = q.pow(periods);
      s = new Exact(1).minus(qH).div(oneMinus);
      // (1 - H q^(H-1) + (H-1) q^H) / (1-q)^2
      ds = new Exact(1)
        .minus(periods.times(q.pow(periods.minus(1))))
        .plus(periods.minus(1).times(qH))
        .div(oneMinus.pow(2));
    }
  }
  const dq = growth.div(b);
  // start: CLV = m S(q), derivative m S' dq; end: CLV = m (r/b) S(q), derivative m/b (S + r S' dq).
  const slope = timing === 'start' ? margin.times(ds).times(dq) : margin.div(b).times(s.plus(r.times(ds).times(dq)));
  if (!slope.isFinite()) fail(functionName, 'periods', 'makes the lifetime value too large to represent');
  return slope;
}
