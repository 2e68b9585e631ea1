/**
 * The error type and the option checks every closed-form function shares:
 * MetricInputError's fields and issues, MetricInputError.is across copies,
 * the refusal of unknown options (with a suggestion for a misspelt one), and
 * the exported schemas' answers for input that is not an options object.
 * Expected messages are written out by hand from the documented formats.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  churnBreakdownSchema,
  churnRate,
  cohortRetentionSchema,
  customerLifetimeValue,
  customerLifetimeValueSchema,
  gammaGammaExpectedSpend,
  MetricInputError,
  paretoNbdProbabilityAlive,
  predictiveLifetimeValue,
  retentionRate,
} from '../../src';
import { inputErrorOf } from '../support/expectInputError';

describe('MetricInputError', () => {
  it('built with a field: message, name, function, field, and one custom issue at that field', () => {
    const error = new MetricInputError('someMetric', 'margin', 'must be greater than 0, got 0');
    expect(error.message).toBe('someMetric: margin must be greater than 0, got 0');
    expect(error.name).toBe('MetricInputError');
    expect(String(error)).toBe('MetricInputError: someMetric: margin must be greater than 0, got 0');
    expect([error.functionName, error.field]).toEqual(['someMetric', 'margin']);
    expect(error.issues).toEqual([{ path: ['margin'], message: 'must be greater than 0, got 0', code: 'custom' }]);
  });

  it('built for the input as a whole: no field in the message, an issue with an empty path', () => {
    const error = new MetricInputError('someMetric', undefined, 'expects an options object, got 42');
    expect(error.message).toBe('someMetric: expects an options object, got 42');
    expect(error.field).toBeUndefined();
    expect(error.issues).toEqual([{ path: [], message: 'expects an options object, got 42', code: 'custom' }]);
  });

  it('keeps the issues it is given', () => {
    const issues = [{ path: ['revenues', 3], message: 'must not be negative, got -1', code: 'custom' }];
    expect(new MetricInputError('f', 'revenues[3]', 'must not be negative, got -1', issues).issues).toBe(issues);
  });

  it('is recognised by MetricInputError.is, also when branded by another copy of the library, and nothing else is', () => {
    expect(MetricInputError.is(new MetricInputError('f', 'x', 'y'))).toBe(true);
    // Another copy of the library marks its errors with the same registered symbol.
    const fromAnotherCopy = Object.assign(new Error('f: x y'), {
      [Symbol.for('retention-metrics.MetricInputError')]: true,
    });
    expect(MetricInputError.is(fromAnotherCopy)).toBe(true);
    for (const other of [
      new Error('retentionRate: customersAtStart must be greater than 0'),
      { name: 'MetricInputError', message: 'f: x y', functionName: 'f' },
      { [Symbol.for('retention-metrics.MetricInputError')]: 'yes' },
      { [Symbol.for('another-library.MetricInputError')]: true },
      null,
      undefined,
      'MetricInputError',
      42,
    ]) {
      expect(MetricInputError.is(other), String(other)).toBe(false);
    }
  });

  it('comes out of a rule failure with the function, the field and one custom issue', () => {
    const error = inputErrorOf(() => retentionRate({ customersAtStart: 0, customersAtEnd: 10, newCustomers: 2 }));
    expect(error.functionName).toBe('retentionRate');
    expect(error.field).toBe('customersAtStart');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toEqual(['customersAtStart']);
    expect(error.issues[0]?.code).toBe('custom');
    expect(error.message).toBe(`retentionRate: customersAtStart ${error.issues[0]?.message}`);
  });
});

describe('unknown options', () => {
  const base = { margin: 100, retentionRate: 0.8 };
  // The documented options of customerLifetimeValue, in the order it lists them.
  const options = 'margin, retentionRate, churnRate, discountRate, periods, marginGrowth, timing';

  it('refuses a misspelt option, naming it and suggesting the right spelling', () => {
    const error = inputErrorOf(() => customerLifetimeValue({ ...base, discountrate: 0.1 } as never));
    expect(error.message).toBe(
      `customerLifetimeValue: discountrate is not an option here (did you mean discountRate?); the options are ${options}`,
    );
    expect(error.field).toBe('discountrate');
    expect(error.issues[0]?.path).toEqual(['discountrate']);
    expect(error.issues[0]?.code).toBe('custom');
  });

  it('refuses an unknown option without a suggestion when none is close', () => {
    const error = inputErrorOf(() => customerLifetimeValue({ ...base, churn: 0.2 } as never));
    expect(error.message).toBe(`customerLifetimeValue: churn is not an option here; the options are ${options}`);
  });

  it('checks the unknown option before the fields, and accepts the known ones', () => {
    // margin is wrong too, but the misspelling is reported first: it may be why margin looks wrong.
    const error = inputErrorOf(() =>
      customerLifetimeValue({ margin: 'x', retentionRate: 0.8, Timing: 'end' } as never),
    );
    expect(error.field).toBe('Timing');
    expect(customerLifetimeValue(base).toString()).toBe('500');
  });
});

describe('functions that take a data row', () => {
  // A row from periodCounts or rfmSummary carries more columns than the function reads: those pass.
  const periodRow = { customersAtStart: 200, customersAtEnd: 190, newCustomers: 30, lostCustomers: 40 };
  const periodExtra = {
    periodStart: '2026-01-01T00:00:00.000Z',
    periodEnd: '2026-02-01T00:00:00.000Z',
    retainedCustomers: 150,
    newAndLostCustomers: 10,
    returningCustomers: 2,
    startingCustomerRetention: null,
  };
  const rfmExtra = { customerId: 'c-17', holdoutPurchases: 3, holdoutSpend: 41.5 };

  it('retentionRate and churnRate take a periodCounts row as it is', () => {
    // (E - N) / S = (190 - 30) / 200 and L / S = 40 / 200.
    expect(retentionRate({ ...periodRow, ...periodExtra, retentionRate: null } as never).toString()).toBe('0.8');
    expect(churnRate({ ...periodRow, ...periodExtra, retentionRate: null } as never).toString()).toBe('0.2');
  });

  it('retentionRate and churnRate refuse a field that is neither theirs nor a periodCounts column', () => {
    const error = inputErrorOf(() => retentionRate({ ...periodRow, customersatEnd: 190 } as never));
    expect(error.field).toBe('customersatEnd');
    expect(error.message).toContain('did you mean customersAtEnd?');
    expect(inputErrorOf(() => churnRate({ ...periodRow, note: 'x' } as never)).field).toBe('note');
  });

  it('the models read a customer row and accept its other rfmSummary columns', () => {
    const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    const pareto = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
    const spend = { p: 6.25, q: 3.74, gamma: 15.4 };
    const row = { frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35 };
    const wide = { ...row, ...rfmExtra };
    expect(bgNbdProbabilityAlive(bg, wide as never)).toBe(bgNbdProbabilityAlive(bg, row));
    expect(paretoNbdProbabilityAlive(pareto, wide as never)).toBe(paretoNbdProbabilityAlive(pareto, row));
    expect(bgNbdExpectedPurchases(bg, { ...wide, horizon: 10 } as never)).toBe(
      bgNbdExpectedPurchases(bg, { ...row, horizon: 10 }),
    );
    expect(gammaGammaExpectedSpend(spend, wide as never)).toBe(gammaGammaExpectedSpend(spend, row));
    const terms = { horizon: 12, discountRate: 0.01 };
    expect(predictiveLifetimeValue({ purchases: bg, spend }, { ...wide, ...terms } as never)).toEqual(
      predictiveLifetimeValue({ purchases: bg, spend }, { ...row, ...terms }),
    );
  });

  it('the models refuse a misspelt option in a customer row, which would otherwise change the value', () => {
    const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    const spend = { p: 6.25, q: 3.74, gamma: 15.4 };
    const row = { frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35, horizon: 12, discountRate: 0.01 };
    const error = inputErrorOf(() =>
      predictiveLifetimeValue({ purchases: bg, spend }, { ...row, marginrate: 0.3 } as never),
    );
    expect(error.field).toBe('marginrate');
    expect(error.message).toContain('did you mean marginRate?');
    const history = { frequency: 2, recency: 30.43, age: 38.86 };
    expect(inputErrorOf(() => bgNbdProbabilityAlive(bg, { ...history, segment: 'web' } as never)).field).toBe(
      'segment',
    );
    // A horizon is no option of P(alive): passed there, it would be a mistake to ignore.
    expect(inputErrorOf(() => bgNbdProbabilityAlive(bg, { ...history, horizon: 12 } as never)).field).toBe('horizon');
  });
});

describe('the exported schemas', () => {
  it('answer a value that is not an options object with one issue saying what was given', () => {
    for (const schema of [customerLifetimeValueSchema, cohortRetentionSchema]) {
      const result = schema.safeParse(42);
      expect(result.success).toBe(false);
      expect(result.error?.issues).toHaveLength(1);
      expect(result.error?.issues[0]?.message).toBe('must be an options object, got 42');
      expect(result.error?.issues[0]?.code).toBe('custom');
    }
  });

  it('place an unknown option and a data-set row problem at their paths', () => {
    const unknown = customerLifetimeValueSchema.safeParse({ margin: 1, retentionRate: 0.5, periodz: 3 });
    expect(unknown.error?.issues[0]?.path).toEqual(['periodz']);
    const row = cohortRetentionSchema.safeParse({ events: [{ customerId: 'a', at: 'not a date' }] });
    expect(row.success).toBe(false);
    expect(row.error?.issues[0]?.path).toEqual(['events[0].at']);
  });

  it('answer an empty object of named values with the rule, not a crash', () => {
    const result = churnBreakdownSchema.safeParse({ lostCustomers: 10, reasonCounts: {} });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must name at least one value, got an empty object');
  });
});
