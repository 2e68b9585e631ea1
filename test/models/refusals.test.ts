/**
 * Every refusal of the purchase models and their readers (rfmSummary, the
 * customer-summary reader of the BG/NBD and Pareto/NBD fits and fit checks,
 * Gamma-Gamma, the predictions, predictive CLV, the date reader and the cohort
 * reader of fitSbg and fitBdw), with its whole message: the function, the
 * field (down to the row and the property), the rule and what was given, in
 * the library's pattern "<function>: <field> <rule>, got <value>". Each
 * numeric limit is checked on both sides: the last value accepted and the
 * first refused. Inputs the functions read alike (a date with or without a
 * zone, an rfmSummary result or its rows, a cohort in any of its forms) are
 * checked to give the same result.
 *
 * Every call is made inside its test (mutation testing credits a test only
 * with the code it runs itself), on a handful of customers.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdCalibrationFit,
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNewCustomer,
  bgNbdHoldoutComparison,
  bgNbdProbabilityAlive,
  bgNbdPurchaseCountProbability,
  fitBdw,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  fitSbg,
  gammaGammaExpectedSpend,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNewCustomer,
  paretoNbdProbabilityAlive,
  predictiveLifetimeValue,
  rfmSummary,
  sbgLifetimeValue,
  type Transaction,
} from '../../src';
import { inputErrorOf } from '../support/expectInputError';

const messageOf = (run: () => unknown): string => inputErrorOf(run).message;

/** Parameters of each model, round numbers (only their validity matters here). */
const bg = { r: 1, alpha: 1, a: 1, b: 1 };
const pareto = { r: 1, alpha: 1, s: 2, beta: 1 };
const spend = { p: 2, q: 3, gamma: 4 };
/** A history consistent with the rules: one repeat purchase, recency within age. */
const history = { frequency: 1, recency: 1, age: 2 };
const plv = { frequency: 1, recency: 1, age: 2, monetaryValue: 3, horizon: 2, discountRate: 0 };
const models = { purchases: bg, spend };

const buy = (at: Transaction['at'], customerId: string | number = 'a'): Transaction => ({ customerId, at });
const calibration = { calibrationEnd: '2020-01-08' };

const notADate = (got: string) =>
  `must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got ${got}`;
const outOfRange = (got: string) =>
  `must be a date between the years -271821 and 275760 (the range of JavaScript dates), got ${got}`;
const summariesRule = (got: string) =>
  `must be an array of { frequency, recency, age } (or an rfmSummary result), got ${got}`;
/** r (a + x) times b overflows the hypergeometric series' first term: the series cannot be summed. */
const overflowing = { r: 1e15, alpha: 1e300, a: 0.5, b: 1e300 };

const cases: Array<[string, () => unknown, string]> = [
  // rfmSummary: options and transaction rows.
  [
    'rfmSummary: options not an object',
    () => rfmSummary([], 'weekly' as never),
    'rfmSummary: options must be an object with calibrationEnd, got "weekly"',
  ],
  [
    'rfmSummary: options null',
    () => rfmSummary([], null as never),
    'rfmSummary: options must be an object with calibrationEnd, got null',
  ],
  [
    'rfmSummary: transactions not a list',
    () => rfmSummary({} as never, calibration),
    'rfmSummary: transactions must be an array of rows { customerId, at, amount? } or a table of columns { customerId, at, amount? } (arrays or typed arrays), got an object, which has none of those columns',
  ],
  [
    'rfmSummary: no calibration end',
    () => rfmSummary([], {} as never),
    `rfmSummary: calibrationEnd ${notADate('nothing (undefined)')}`,
  ],
  [
    'rfmSummary: an impossible calibration end',
    () => rfmSummary([], { calibrationEnd: '2019-02-29' }),
    'rfmSummary: calibrationEnd must be a real calendar date, got "2019-02-29"',
  ],
  [
    'rfmSummary: an unreadable holdout end',
    () => rfmSummary([], { ...calibration, holdoutEnd: 'next month' }),
    `rfmSummary: holdoutEnd ${notADate('"next month"')}`,
  ],
  [
    'rfmSummary: a holdout end before the calibration end',
    () => rfmSummary([], { calibrationEnd: '2020-01-08', holdoutEnd: '2020-01-07' }),
    'rfmSummary: holdoutEnd must not be before calibrationEnd',
  ],
  [
    'rfmSummary: an unknown unit',
    () => rfmSummary([], { ...calibration, timeUnit: 'years' as never }),
    `rfmSummary: timeUnit must be 'day', 'week', 'month', 'year' or { days: n } with n finite and at least one millisecond (1 / 86,400,000), got "years"`,
  ],
  [
    'rfmSummary: a unit of 0 days',
    () => rfmSummary([], { ...calibration, timeUnit: { days: 0 } }),
    `rfmSummary: timeUnit must be 'day', 'week', 'month', 'year' or { days: n } with n finite and at least one millisecond (1 / 86,400,000), got { days: 0 }`,
  ],
  [
    'rfmSummary: a unit of infinitely many days',
    () => rfmSummary([], { ...calibration, timeUnit: { days: Number.POSITIVE_INFINITY } }),
    `rfmSummary: timeUnit must be 'day', 'week', 'month', 'year' or { days: n } with n finite and at least one millisecond (1 / 86,400,000), got { days: Infinity }`,
  ],
  [
    'rfmSummary: a unit in days as text that is no number',
    () => rfmSummary([], { ...calibration, timeUnit: { days: 'seven' } as never }),
    `rfmSummary: timeUnit must be 'day', 'week', 'month', 'year' or { days: n } with n finite and at least one millisecond (1 / 86,400,000), got { days: "seven" }`,
  ],
  [
    'rfmSummary: a misspelt option',
    () => rfmSummary([], { ...calibration, timeunit: 'day' } as never),
    'rfmSummary: timeunit is not an option here (did you mean timeUnit?); the options are transactions, calibrationEnd, holdoutEnd, timeUnit',
  ],
  [
    'rfmSummary: a row that is not an object',
    () => rfmSummary([buy('2020-01-01'), 7] as never, calibration),
    'rfmSummary: transactions[1] must be an object { customerId, at, amount }, got 7',
  ],
  [
    'rfmSummary: a row that is a list',
    () => rfmSummary([['a', '2020-01-01']] as never, calibration),
    'rfmSummary: transactions[0] must be an object { customerId, at, amount }, got an array',
  ],
  [
    'rfmSummary: an empty customer id',
    () => rfmSummary([buy('2020-01-01', '')], calibration),
    'rfmSummary: transactions[0].customerId must be a non-empty string or a number, got ""',
  ],
  [
    'rfmSummary: a NaN customer id',
    () => rfmSummary([buy('2020-01-01', Number.NaN)], calibration),
    'rfmSummary: transactions[0].customerId must be a non-empty string or a number, got NaN',
  ],
  [
    'rfmSummary: an infinite customer id',
    () => rfmSummary([buy('2020-01-01', Number.POSITIVE_INFINITY)], calibration),
    'rfmSummary: transactions[0].customerId must be a non-empty string or a number, got Infinity',
  ],
  [
    'rfmSummary: a boolean customer id',
    () => rfmSummary([{ customerId: true, at: '2020-01-01' }] as never, calibration),
    'rfmSummary: transactions[0].customerId must be a non-empty string or a number, got true',
  ],
  [
    'rfmSummary: a negative amount',
    () => rfmSummary([{ ...buy('2020-01-01'), amount: -1 }], calibration),
    'rfmSummary: transactions[0].amount must be a finite amount, 0 or more (net returns off before summarising), got -1',
  ],
  [
    'rfmSummary: the smallest negative amount',
    () => rfmSummary([{ ...buy('2020-01-01'), amount: -Number.MIN_VALUE }], calibration),
    'rfmSummary: transactions[0].amount must be a finite amount, 0 or more (net returns off before summarising), got -5e-324',
  ],
  [
    'rfmSummary: a NaN amount',
    () => rfmSummary([{ ...buy('2020-01-01'), amount: Number.NaN }], calibration),
    'rfmSummary: transactions[0].amount must be a finite amount, 0 or more (net returns off before summarising), got NaN',
  ],
  [
    'rfmSummary: an infinite amount',
    () => rfmSummary([{ ...buy('2020-01-01'), amount: Number.POSITIVE_INFINITY }], calibration),
    'rfmSummary: transactions[0].amount must be a finite amount, 0 or more (net returns off before summarising), got Infinity',
  ],
  [
    'rfmSummary: a negative amount as text',
    () => rfmSummary([{ ...buy('2020-01-01'), amount: '-1' }], calibration),
    'rfmSummary: transactions[0].amount must be a finite amount, 0 or more (net returns off before summarising), got "-1"',
  ],
  [
    'rfmSummary: an amount as text beyond the range of a number',
    () => rfmSummary([{ ...buy('2020-01-01'), amount: '1e400' }], calibration),
    'rfmSummary: transactions[0].amount must be a finite amount, 0 or more (net returns off before summarising), got "1e400"',
  ],
  [
    'rfmSummary: an amount that is not a number',
    () => rfmSummary([{ ...buy('2020-01-01'), amount: 'ten' }], calibration),
    'rfmSummary: transactions[0].amount must be a plain decimal number such as "1250.50" (no spaces, thousands separators or hex), got "ten"',
  ],
  [
    'rfmSummary: a null amount',
    () => rfmSummary([{ ...buy('2020-01-01'), amount: null }] as never, calibration),
    'rfmSummary: transactions[0].amount must be a number, a numeric string, a bigint or a Decimal, got null',
  ],
  // The date reader, through a transaction's date.
  [
    'a date in words',
    () => rfmSummary([buy('soon')], calibration),
    `rfmSummary: transactions[0].at ${notADate('"soon"')}`,
  ],
  [
    'a null date',
    () => rfmSummary([buy(null as never)], calibration),
    `rfmSummary: transactions[0].at ${notADate('null')}`,
  ],
  [
    'a date as a boolean',
    () => rfmSummary([buy(true as never)], calibration),
    `rfmSummary: transactions[0].at ${notADate('true')}`,
  ],
  [
    'a month without its leading zero',
    () => rfmSummary([buy('2020-1-01')], calibration),
    `rfmSummary: transactions[0].at ${notADate('"2020-1-01"')}`,
  ],
  [
    'a date followed by text',
    () => rfmSummary([buy('2020-01-01x')], calibration),
    `rfmSummary: transactions[0].at ${notADate('"2020-01-01x"')}`,
  ],
  [
    'a T without a time',
    () => rfmSummary([buy('2020-01-01T')], calibration),
    `rfmSummary: transactions[0].at ${notADate('"2020-01-01T"')}`,
  ],
  [
    'an offset of one hour digit',
    () => rfmSummary([buy('2020-01-01T10:00+5')], calibration),
    `rfmSummary: transactions[0].at ${notADate('"2020-01-01T10:00+5"')}`,
  ],
  [
    'a space before the offset',
    () => rfmSummary([buy('2020-01-01T10:00:00 +00:00')], calibration),
    `rfmSummary: transactions[0].at ${notADate('"2020-01-01T10:00:00 +00:00"')}`,
  ],
  [
    'a date with a sign and a five-digit year',
    () => rfmSummary([buy('+02020-01-01')], calibration),
    `rfmSummary: transactions[0].at ${notADate('"+02020-01-01"')}`,
  ],
  [
    '30 February',
    () => rfmSummary([buy('1997-02-30')], calibration),
    'rfmSummary: transactions[0].at must be a real calendar date, got "1997-02-30"',
  ],
  [
    '30 February in the basic format',
    () => rfmSummary([buy('19970230')], calibration),
    'rfmSummary: transactions[0].at must be a real calendar date, got "19970230"',
  ],
  [
    '29 February of a year that is not a leap year',
    () => rfmSummary([buy('1900-02-29')], calibration),
    'rfmSummary: transactions[0].at must be a real calendar date, got "1900-02-29"',
  ],
  [
    'month 13',
    () => rfmSummary([buy('1997-13-01')], calibration),
    'rfmSummary: transactions[0].at must be a real calendar date, got "1997-13-01"',
  ],
  [
    'month 0',
    () => rfmSummary([buy('1997-00-10')], calibration),
    'rfmSummary: transactions[0].at must be a real calendar date, got "1997-00-10"',
  ],
  [
    'day 0',
    () => rfmSummary([buy('1997-01-00')], calibration),
    'rfmSummary: transactions[0].at must be a real calendar date, got "1997-01-00"',
  ],
  [
    '31 April with a time',
    () => rfmSummary([buy('1997-04-31T10:00:00Z')], calibration),
    'rfmSummary: transactions[0].at must be a real calendar date, got "1997-04-31T10:00:00Z"',
  ],
  [
    'an offset of 24 hours',
    () => rfmSummary([buy('2020-01-01T10:00:00+24:00')], calibration),
    'rfmSummary: transactions[0].at must have a real UTC offset (up to ±23:59), got "2020-01-01T10:00:00+24:00"',
  ],
  [
    'a NaN date',
    () => rfmSummary([buy(Number.NaN)], calibration),
    'rfmSummary: transactions[0].at must be a finite time, got NaN',
  ],
  [
    'an infinite date',
    () => rfmSummary([buy(Number.NEGATIVE_INFINITY)], calibration),
    'rfmSummary: transactions[0].at must be a finite time, got -Infinity',
  ],
  [
    'an invalid Date',
    () => rfmSummary([buy(new Date(Number.NaN))], calibration),
    'rfmSummary: transactions[0].at must be a valid date, got an invalid Date',
  ],
  // The customer summaries read by fitBgNbd, fitParetoNbd and the fit checks.
  [
    'fitBgNbd: options not an object',
    () => fitBgNbd([history], 'x' as never),
    'fitBgNbd: options must be an object when given, got "x"',
  ],
  [
    'fitBgNbd: options null',
    () => fitBgNbd([history], null as never),
    'fitBgNbd: options must be an object when given, got null',
  ],
  ['fitBgNbd: customers as text', () => fitBgNbd('x' as never), `fitBgNbd: customers ${summariesRule('"x"')}`],
  ['fitBgNbd: customers an object', () => fitBgNbd({} as never), `fitBgNbd: customers ${summariesRule('an object')}`],
  [
    'fitBgNbd: customers an object whose customers are not a list',
    () => fitBgNbd({ customers: 'x' } as never),
    `fitBgNbd: customers ${summariesRule('an object')}`,
  ],
  ['fitBgNbd: no customers', () => fitBgNbd([]), 'fitBgNbd: customers must hold at least one customer, got none'],
  [
    'fitBgNbd: an rfmSummary result without customers',
    () => fitBgNbd({ customers: [] }),
    'fitBgNbd: customers must hold at least one customer, got none',
  ],
  [
    'fitBgNbd: a row that is null',
    () => fitBgNbd([history, null] as never),
    'fitBgNbd: customers[1] must be { frequency, recency, age }, got null',
  ],
  [
    'fitBgNbd: a row that is a number',
    () => fitBgNbd([7] as never),
    'fitBgNbd: customers[0] must be { frequency, recency, age }, got 7',
  ],
  [
    'fitBgNbd: a fractional frequency',
    () => fitBgNbd([{ ...history, frequency: 1.5 }]),
    'fitBgNbd: customers[0].frequency must be a whole number of repeat purchases, 0 or more, got 1.5',
  ],
  [
    'fitBgNbd: a negative frequency',
    () => fitBgNbd([{ ...history, frequency: -1 }]),
    'fitBgNbd: customers[0].frequency must be a whole number of repeat purchases, 0 or more, got -1',
  ],
  [
    'fitBgNbd: a frequency as text that is no number',
    () => fitBgNbd([{ ...history, frequency: 'one' }] as never),
    'fitBgNbd: customers[0].frequency must be a whole number of repeat purchases, 0 or more, got "one"',
  ],
  [
    'fitBgNbd: an infinite frequency',
    () => fitBgNbd([{ ...history, frequency: Number.POSITIVE_INFINITY }]),
    'fitBgNbd: customers[0].frequency must be a whole number of repeat purchases, 0 or more, got Infinity',
  ],
  [
    'fitBgNbd: no frequency',
    () => fitBgNbd([{ recency: 0, age: 2 }] as never),
    'fitBgNbd: customers[0].frequency must be a whole number of repeat purchases, 0 or more, got nothing (undefined)',
  ],
  [
    'fitBgNbd: a negative age',
    () => fitBgNbd([{ frequency: 0, recency: 0, age: -1 }]),
    'fitBgNbd: customers[0].age must be a finite time, 0 or more, got -1',
  ],
  [
    'fitBgNbd: an infinite age',
    () => fitBgNbd([{ frequency: 0, recency: 0, age: Number.POSITIVE_INFINITY }]),
    'fitBgNbd: customers[0].age must be a finite time, 0 or more, got Infinity',
  ],
  [
    'fitBgNbd: a NaN age',
    () => fitBgNbd([{ frequency: 0, recency: 0, age: Number.NaN }]),
    'fitBgNbd: customers[0].age must be a finite time, 0 or more, got NaN',
  ],
  [
    'fitBgNbd: an age as text that is no number',
    () => fitBgNbd([{ frequency: 0, recency: 0, age: '2 weeks' }] as never),
    'fitBgNbd: customers[0].age must be a finite time, 0 or more, got "2 weeks"',
  ],
  [
    'fitBgNbd: a recency above the age',
    () => fitBgNbd([{ ...history, recency: 2.5 }]),
    'fitBgNbd: customers[0].recency must be a time between 0 and age (2), got 2.5',
  ],
  [
    'fitBgNbd: a negative recency',
    () => fitBgNbd([{ ...history, recency: -1 }]),
    'fitBgNbd: customers[0].recency must be a time between 0 and age (2), got -1',
  ],
  [
    'fitBgNbd: a NaN recency',
    () => fitBgNbd([{ ...history, recency: Number.NaN }]),
    'fitBgNbd: customers[0].recency must be a time between 0 and age (2), got NaN',
  ],
  [
    'fitBgNbd: a recency as text that is no number',
    () => fitBgNbd([{ ...history, recency: '1,5' }] as never),
    'fitBgNbd: customers[0].recency must be a time between 0 and age (2), got "1,5"',
  ],
  [
    'fitBgNbd: a recency without repeat purchases',
    () => fitBgNbd([{ frequency: 0, recency: 1, age: 2 }]),
    'fitBgNbd: customers[0].recency must be 0 when frequency is 0 (no repeat purchase), got 1',
  ],
  [
    'fitBgNbd: repeat purchases with a recency of 0',
    () => fitBgNbd([{ frequency: 1, recency: 0, age: 2 }]),
    'fitBgNbd: customers[0].recency must be greater than 0 when there are repeat purchases',
  ],
  [
    'fitBgNbd: a row error names the customerId of the row (a string)',
    () => fitBgNbd([history, { customerId: 'c1', ...history, recency: 3 }] as never),
    'fitBgNbd: customers[1].recency must be a time between 0 and age (2), got 3 (customerId "c1")',
  ],
  [
    'fitBgNbd: a row error names the customerId of the row (a number)',
    () => fitBgNbd([{ customerId: 7, ...history, frequency: 1.5 }] as never),
    'fitBgNbd: customers[0].frequency must be a whole number of repeat purchases, 0 or more, got 1.5 (customerId 7)',
  ],
  [
    'fitBgNbd: every row error names the customerId: a negative age',
    () => fitBgNbd([{ customerId: 'x', frequency: 0, recency: 0, age: -1 }] as never),
    'fitBgNbd: customers[0].age must be a finite time, 0 or more, got -1 (customerId "x")',
  ],
  [
    'fitBgNbd: every row error names the customerId: a recency without repeats',
    () => fitBgNbd([{ customerId: 'x', frequency: 0, recency: 1, age: 2 }] as never),
    'fitBgNbd: customers[0].recency must be 0 when frequency is 0 (no repeat purchase), got 1 (customerId "x")',
  ],
  [
    'fitBgNbd: every row error names the customerId: repeats with a recency of 0',
    () => fitBgNbd([{ customerId: 'x', frequency: 1, recency: 0, age: 2 }] as never),
    'fitBgNbd: customers[0].recency must be greater than 0 when there are repeat purchases (customerId "x")',
  ],
  [
    'fitBgNbd: maxIterations 0',
    () => fitBgNbd([history], { maxIterations: 0 }),
    'fitBgNbd: maxIterations must be a whole number of iterations, 1 or more, got 0',
  ],
  [
    'fitBgNbd: maxIterations as words',
    () => fitBgNbd([history], { maxIterations: 'many' } as never),
    'fitBgNbd: maxIterations must be a plain decimal number such as "1250.50" (no spaces, thousands separators or hex), got "many"',
  ],
  [
    'fitBgNbd: maxIterations beyond the range of a number',
    () => fitBgNbd([history], { maxIterations: '1e400' } as never),
    'fitBgNbd: maxIterations must be within the range of a number, got "1e400"',
  ],
  [
    'fitBgNbd: a misspelt option',
    () => fitBgNbd([history], { maxiterations: 3 } as never),
    'fitBgNbd: maxiterations is not an option here (did you mean maxIterations?); the options are customers, maxIterations, confidenceLevel, timeUnit',
  ],
  [
    'fitParetoNbd: options not an object',
    () => fitParetoNbd([history], 3 as never),
    'fitParetoNbd: options must be an object when given, got 3',
  ],
  [
    'fitParetoNbd: customers null',
    () => fitParetoNbd(null as never),
    `fitParetoNbd: customers ${summariesRule('null')}`,
  ],
  [
    'fitParetoNbd: no customers',
    () => fitParetoNbd([]),
    'fitParetoNbd: customers must hold at least one customer, got none',
  ],
  [
    'fitParetoNbd: a negative age',
    () => fitParetoNbd([history, { frequency: 0, recency: 0, age: -2 }]),
    'fitParetoNbd: customers[1].age must be a finite time, 0 or more, got -2',
  ],
  [
    'fitParetoNbd: maxIterations 0',
    () => fitParetoNbd([history], { maxIterations: 0 }),
    'fitParetoNbd: maxIterations must be a whole number of iterations, 1 or more, got 0',
  ],
  // The fit checks.
  [
    'bgNbdCalibrationFit: customers as text',
    () => bgNbdCalibrationFit(bg, 'x' as never),
    'bgNbdCalibrationFit: customers must be an array of { frequency, recency, age } (or an rfmSummary result), got "x"',
  ],
  [
    'bgNbdCalibrationFit: no customers',
    () => bgNbdCalibrationFit(bg, []),
    'bgNbdCalibrationFit: customers must hold at least one customer, got none',
  ],
  [
    'bgNbdCalibrationFit: a recency without repeat purchases',
    () => bgNbdCalibrationFit(bg, [history, { frequency: 0, recency: 1, age: 2 }]),
    'bgNbdCalibrationFit: customers[1].recency must be 0 when frequency is 0 (no repeat purchase), got 1',
  ],
  [
    'bgNbdCalibrationFit: a parameter that is not positive',
    () => bgNbdCalibrationFit({ ...bg, r: -1 }, [history]),
    'bgNbdCalibrationFit: parameters.r must be greater than 0, got -1',
  ],
  [
    'bgNbdCalibrationFit: maxFrequency 0',
    () => bgNbdCalibrationFit(bg, [history], { maxFrequency: 0 }),
    'bgNbdCalibrationFit: maxFrequency must be a whole number from 1 to 1000, got 0',
  ],
  [
    'bgNbdCalibrationFit: maxFrequency 1001',
    () => bgNbdCalibrationFit(bg, [history], { maxFrequency: 1001 }),
    'bgNbdCalibrationFit: maxFrequency must be a whole number from 1 to 1000, got 1001',
  ],
  [
    'bgNbdCalibrationFit: a fractional maxFrequency',
    () => bgNbdCalibrationFit(bg, [history], { maxFrequency: 1.5 }),
    'bgNbdCalibrationFit: maxFrequency must be a whole number from 1 to 1000, got 1.5',
  ],
  [
    'bgNbdCalibrationFit: an option of another function',
    () => bgNbdCalibrationFit(bg, [history], { horizon: 3 } as never),
    'bgNbdCalibrationFit: horizon is not an option here; the options are parameters, customers, maxFrequency',
  ],
  [
    'bgNbdHoldoutComparison: no horizon',
    () => bgNbdHoldoutComparison(bg, [{ ...history, holdoutPurchases: 1 }], {} as never),
    'bgNbdHoldoutComparison: horizon is required',
  ],
  [
    'bgNbdHoldoutComparison: a negative horizon',
    () => bgNbdHoldoutComparison(bg, [{ ...history, holdoutPurchases: 1 }], { horizon: -1 }),
    'bgNbdHoldoutComparison: horizon must not be negative, got -1',
  ],
  [
    'bgNbdHoldoutComparison: maxFrequency 1001',
    () => bgNbdHoldoutComparison(bg, [{ ...history, holdoutPurchases: 1 }], { horizon: 1, maxFrequency: 1001 }),
    'bgNbdHoldoutComparison: maxFrequency must be a whole number from 1 to 1000, got 1001',
  ],
  [
    'bgNbdHoldoutComparison: customers as a number',
    () => bgNbdHoldoutComparison(bg, 7 as never, { horizon: 1 }),
    'bgNbdHoldoutComparison: customers must be an array of { frequency, recency, age } (or an rfmSummary result), got 7',
  ],
  [
    'bgNbdHoldoutComparison: repeat purchases with a recency of 0',
    () => bgNbdHoldoutComparison(bg, [{ frequency: 2, recency: 0, age: 2, holdoutPurchases: 0 }], { horizon: 1 }),
    'bgNbdHoldoutComparison: customers[0].recency must be greater than 0 when there are repeat purchases',
  ],
  [
    'bgNbdHoldoutComparison: no holdout purchases',
    () => bgNbdHoldoutComparison(bg, [{ ...history, holdoutPurchases: 0 }, history], { horizon: 1 }),
    'bgNbdHoldoutComparison: customers[1].holdoutPurchases must be a whole number of holdout purchases (summarise with a holdoutEnd), got nothing (undefined)',
  ],
  [
    'bgNbdHoldoutComparison: fractional holdout purchases',
    () => bgNbdHoldoutComparison(bg, [{ ...history, holdoutPurchases: 1.5 }], { horizon: 1 }),
    'bgNbdHoldoutComparison: customers[0].holdoutPurchases must be a whole number of holdout purchases (summarise with a holdoutEnd), got 1.5',
  ],
  [
    'bgNbdHoldoutComparison: negative holdout purchases',
    () => bgNbdHoldoutComparison(bg, [{ ...history, holdoutPurchases: -1 }], { horizon: 1 }),
    'bgNbdHoldoutComparison: customers[0].holdoutPurchases must be a whole number of holdout purchases (summarise with a holdoutEnd), got -1',
  ],
  [
    'bgNbdHoldoutComparison: holdout purchases as text that is no number',
    () => bgNbdHoldoutComparison(bg, [{ ...history, holdoutPurchases: 'one' }] as never, { horizon: 1 }),
    'bgNbdHoldoutComparison: customers[0].holdoutPurchases must be a whole number of holdout purchases (summarise with a holdoutEnd), got "one"',
  ],
  // Gamma-Gamma.
  [
    'fitGammaGamma: options not an object',
    () => fitGammaGamma([], 'x' as never),
    'fitGammaGamma: options must be an object when given, got "x"',
  ],
  [
    'fitGammaGamma: customers as text',
    () => fitGammaGamma('x' as never),
    'fitGammaGamma: customers must be an array of { frequency, monetaryValue } (or an rfmSummary result), got "x"',
  ],
  [
    'fitGammaGamma: customers an object without customers',
    () => fitGammaGamma({ rows: [] } as never),
    'fitGammaGamma: customers must be an array of { frequency, monetaryValue } (or an rfmSummary result), got an object',
  ],
  [
    'fitGammaGamma: no customers',
    () => fitGammaGamma([]),
    'fitGammaGamma: customers need at least 3 customers with repeat purchases to fit, got 0',
  ],
  [
    'fitGammaGamma: a row that is null',
    () => fitGammaGamma([{ frequency: 1, monetaryValue: 1 }, null] as never),
    'fitGammaGamma: customers[1] must be { frequency, monetaryValue }, got null',
  ],
  [
    'fitGammaGamma: a fractional frequency',
    () => fitGammaGamma([{ frequency: 1.5, monetaryValue: 1 }]),
    'fitGammaGamma: customers[0].frequency must be a whole number, 0 or more, got 1.5',
  ],
  [
    'fitGammaGamma: a negative frequency',
    () => fitGammaGamma([{ frequency: -1, monetaryValue: 1 }]),
    'fitGammaGamma: customers[0].frequency must be a whole number, 0 or more, got -1',
  ],
  [
    'fitGammaGamma: a frequency as text that is no number',
    () => fitGammaGamma([{ frequency: 'one', monetaryValue: 1 }] as never),
    'fitGammaGamma: customers[0].frequency must be a whole number, 0 or more, got "one"',
  ],
  [
    "fitGammaGamma: a repeat buyer who spent 0, under zeroSpend: 'refuse'",
    () => fitGammaGamma([{ frequency: 1, monetaryValue: 0 }], { zeroSpend: 'refuse' }),
    'fitGammaGamma: customers[0].monetaryValue must be greater than 0 for a customer with repeat purchases (the model is for positive spend), got 0',
  ],
  [
    'fitGammaGamma: a repeat buyer who spent 0 is left out by default, and counted',
    () => fitGammaGamma([{ frequency: 1, monetaryValue: 0 }]),
    'fitGammaGamma: customers need at least 3 customers with repeat purchases to fit, got 0 (1 more spent 0 and were left out)',
  ],
  [
    'fitGammaGamma: a row error names the customerId of the row',
    () => fitGammaGamma([{ customerId: 'c1', frequency: 1, monetaryValue: -2 }] as never),
    'fitGammaGamma: customers[0].monetaryValue must be greater than 0 for a customer with repeat purchases (the model is for positive spend), got -2 (customerId "c1")',
  ],
  [
    'fitGammaGamma: an unknown zeroSpend',
    () => fitGammaGamma([], { zeroSpend: 'keep' } as never),
    "fitGammaGamma: zeroSpend must be one of 'exclude', 'refuse', got \"keep\"",
  ],
  [
    'fitGammaGamma: a negative spend',
    () => fitGammaGamma([{ frequency: 1, monetaryValue: -1 }]),
    'fitGammaGamma: customers[0].monetaryValue must be greater than 0 for a customer with repeat purchases (the model is for positive spend), got -1',
  ],
  [
    'fitGammaGamma: an infinite spend',
    () => fitGammaGamma([{ frequency: 1, monetaryValue: Number.POSITIVE_INFINITY }]),
    'fitGammaGamma: customers[0].monetaryValue must be greater than 0 for a customer with repeat purchases (the model is for positive spend), got Infinity',
  ],
  [
    'fitGammaGamma: a NaN spend',
    () => fitGammaGamma([{ frequency: 1, monetaryValue: Number.NaN }]),
    'fitGammaGamma: customers[0].monetaryValue must be greater than 0 for a customer with repeat purchases (the model is for positive spend), got NaN',
  ],
  [
    'fitGammaGamma: a spend as text that is no number',
    () => fitGammaGamma([{ frequency: 1, monetaryValue: '€5' }] as never),
    'fitGammaGamma: customers[0].monetaryValue must be greater than 0 for a customer with repeat purchases (the model is for positive spend), got "€5"',
  ],
  [
    'fitGammaGamma: an unknown option',
    () => fitGammaGamma([], { iterations: 3 } as never),
    'fitGammaGamma: iterations is not an option here; the options are customers, maxIterations, confidenceLevel, zeroSpend',
  ],
  [
    'gammaGammaExpectedSpend: the customer not an object',
    () => gammaGammaExpectedSpend(spend, 'x' as never),
    'gammaGammaExpectedSpend: options must be an options object, got "x"',
  ],
  [
    'gammaGammaExpectedSpend: parameters as a number',
    () => gammaGammaExpectedSpend(5 as never, { frequency: 1, monetaryValue: 1 }),
    'gammaGammaExpectedSpend: parameters must be the fitted parameters { p, q, gamma }, got 5',
  ],
  [
    'gammaGammaExpectedSpend: gamma 0',
    () => gammaGammaExpectedSpend({ ...spend, gamma: 0 }, { frequency: 1, monetaryValue: 1 }),
    'gammaGammaExpectedSpend: parameters.gamma must be greater than 0, got 0',
  ],
  [
    'gammaGammaExpectedSpend: q 1',
    () => gammaGammaExpectedSpend({ ...spend, q: 1 }, { frequency: 1, monetaryValue: 1 }),
    'gammaGammaExpectedSpend: parameters.q must be greater than 1 for a finite expected spend, got 1',
  ],
  [
    'gammaGammaExpectedSpend: q 1 is reported before a spend of 0',
    () => gammaGammaExpectedSpend({ ...spend, q: 1 }, { frequency: 1, monetaryValue: 0 }),
    'gammaGammaExpectedSpend: parameters.q must be greater than 1 for a finite expected spend, got 1',
  ],
  [
    'gammaGammaExpectedSpend: a negative spend',
    () => gammaGammaExpectedSpend(spend, { frequency: 0, monetaryValue: -1 }),
    'gammaGammaExpectedSpend: monetaryValue must not be negative, got -1',
  ],
  [
    'gammaGammaExpectedSpend: a fractional frequency',
    () => gammaGammaExpectedSpend(spend, { frequency: 1.5, monetaryValue: 1 }),
    'gammaGammaExpectedSpend: frequency must be a whole number of periods, 0 or more, got 1.5',
  ],
  // BG/NBD and Pareto/NBD predictions.
  [
    'bgNbdProbabilityAlive: history as text',
    () => bgNbdProbabilityAlive(bg, 'x' as never),
    'bgNbdProbabilityAlive: options must be an options object, got "x"',
  ],
  [
    'bgNbdProbabilityAlive: history null',
    () => bgNbdProbabilityAlive(bg, null as never),
    'bgNbdProbabilityAlive: options must be an options object, got null',
  ],
  [
    'bgNbdProbabilityAlive: history a list',
    () => bgNbdProbabilityAlive(bg, [] as never),
    'bgNbdProbabilityAlive: options must be an options object, got an array',
  ],
  [
    'bgNbdProbabilityAlive: no history',
    () => bgNbdProbabilityAlive(bg, undefined as never),
    'bgNbdProbabilityAlive: frequency is required',
  ],
  [
    'bgNbdProbabilityAlive: parameters as text',
    () => bgNbdProbabilityAlive('x' as never, history),
    'bgNbdProbabilityAlive: parameters must be the fitted parameters { r, alpha, a, b }, got "x"',
  ],
  [
    'bgNbdProbabilityAlive: parameters null',
    () => bgNbdProbabilityAlive(null as never, history),
    'bgNbdProbabilityAlive: parameters must be the fitted parameters { r, alpha, a, b }, got null',
  ],
  [
    'bgNbdProbabilityAlive: parameters a list',
    () => bgNbdProbabilityAlive([] as never, history),
    'bgNbdProbabilityAlive: parameters must be the fitted parameters { r, alpha, a, b }, got an array',
  ],
  [
    'bgNbdProbabilityAlive: r 0',
    () => bgNbdProbabilityAlive({ ...bg, r: 0 }, history),
    'bgNbdProbabilityAlive: parameters.r must be greater than 0, got 0',
  ],
  [
    'bgNbdProbabilityAlive: no b',
    () => bgNbdProbabilityAlive({ r: 1, alpha: 1, a: 1 } as never, history),
    'bgNbdProbabilityAlive: parameters.b is required',
  ],
  [
    'bgNbdProbabilityAlive: a NaN alpha',
    () => bgNbdProbabilityAlive({ ...bg, alpha: Number.NaN }, history),
    'bgNbdProbabilityAlive: parameters.alpha must be a number, got NaN',
  ],
  [
    'bgNbdProbabilityAlive: an infinite a',
    () => bgNbdProbabilityAlive({ ...bg, a: Number.POSITIVE_INFINITY }, history),
    'bgNbdProbabilityAlive: parameters.a must be finite, got Infinity',
  ],
  [
    'bgNbdProbabilityAlive: an a as text beyond the range of a number',
    () => bgNbdProbabilityAlive({ ...bg, a: '1e400' } as never, history),
    'bgNbdProbabilityAlive: parameters.a must be within the range of a number, got "1e400"',
  ],
  [
    'bgNbdProbabilityAlive: a fractional frequency',
    () => bgNbdProbabilityAlive(bg, { ...history, frequency: 1.5 }),
    'bgNbdProbabilityAlive: frequency must be a whole number of periods, 0 or more, got 1.5',
  ],
  [
    'bgNbdProbabilityAlive: a negative frequency',
    () => bgNbdProbabilityAlive(bg, { ...history, frequency: -1 }),
    'bgNbdProbabilityAlive: frequency must be a whole number of periods, 0 or more, got -1',
  ],
  [
    'bgNbdProbabilityAlive: a negative recency',
    () => bgNbdProbabilityAlive(bg, { ...history, recency: -1 }),
    'bgNbdProbabilityAlive: recency must not be negative, got -1',
  ],
  [
    'bgNbdProbabilityAlive: a negative age',
    () => bgNbdProbabilityAlive(bg, { ...history, age: -1 }),
    'bgNbdProbabilityAlive: age must not be negative, got -1',
  ],
  [
    'bgNbdProbabilityAlive: no age',
    () => bgNbdProbabilityAlive(bg, { frequency: 1, recency: 1 } as never),
    'bgNbdProbabilityAlive: age is required',
  ],
  [
    'bgNbdProbabilityAlive: a recency above the age',
    () => bgNbdProbabilityAlive(bg, { ...history, recency: 2.5 }),
    'bgNbdProbabilityAlive: recency must not exceed age (2), got 2.5',
  ],
  [
    'bgNbdProbabilityAlive: a recency without repeat purchases',
    () => bgNbdProbabilityAlive(bg, { frequency: 0, recency: 1, age: 2 }),
    'bgNbdProbabilityAlive: recency must be 0 when frequency is 0',
  ],
  [
    'bgNbdExpectedPurchases: options as a number',
    () => bgNbdExpectedPurchases(bg, 5 as never),
    'bgNbdExpectedPurchases: options must be an options object, got 5',
  ],
  [
    'bgNbdExpectedPurchases: no horizon',
    () => bgNbdExpectedPurchases(bg, history as never),
    'bgNbdExpectedPurchases: horizon is required',
  ],
  [
    'bgNbdExpectedPurchases: a negative horizon',
    () => bgNbdExpectedPurchases(bg, { ...history, horizon: -1 }),
    'bgNbdExpectedPurchases: horizon must not be negative, got -1',
  ],
  [
    'bgNbdExpectedPurchases: a recency above the age',
    () => bgNbdExpectedPurchases(bg, { ...history, recency: 3, horizon: 1 }),
    'bgNbdExpectedPurchases: recency must not exceed age (2), got 3',
  ],
  [
    'bgNbdExpectedPurchasesNewCustomer: options as a boolean',
    () => bgNbdExpectedPurchasesNewCustomer(bg, true as never),
    'bgNbdExpectedPurchasesNewCustomer: options must be an options object, got true',
  ],
  [
    'bgNbdExpectedPurchasesNewCustomer: a negative horizon',
    () => bgNbdExpectedPurchasesNewCustomer(bg, { horizon: -1 }),
    'bgNbdExpectedPurchasesNewCustomer: horizon must not be negative, got -1',
  ],
  [
    'bgNbdExpectedPurchasesNewCustomer: a history field',
    () => bgNbdExpectedPurchasesNewCustomer(bg, { horizon: 1, frequency: 2 } as never),
    'bgNbdExpectedPurchasesNewCustomer: frequency is not an option here; the options are parameters, horizon',
  ],
  [
    'bgNbdPurchaseCountProbability: a fractional count',
    () => bgNbdPurchaseCountProbability(bg, { purchases: 1.5, horizon: 1 }),
    'bgNbdPurchaseCountProbability: purchases must be a whole number of periods, 0 or more, got 1.5',
  ],
  [
    'bgNbdPurchaseCountProbability: a negative count',
    () => bgNbdPurchaseCountProbability(bg, { purchases: -1, horizon: 1 }),
    'bgNbdPurchaseCountProbability: purchases must be a whole number of periods, 0 or more, got -1',
  ],
  [
    'bgNbdPurchaseCountProbability: no count',
    () => bgNbdPurchaseCountProbability(bg, { horizon: 1 } as never),
    'bgNbdPurchaseCountProbability: purchases is required',
  ],
  [
    'bgNbdPurchaseCountProbability: a negative horizon',
    () => bgNbdPurchaseCountProbability(bg, { purchases: 0, horizon: -1 }),
    'bgNbdPurchaseCountProbability: horizon must be greater than 0, got -1',
  ],
  [
    'bgNbdPurchaseCountProbability: a history field',
    () => bgNbdPurchaseCountProbability(bg, { purchases: 0, horizon: 1, age: 3 } as never),
    'bgNbdPurchaseCountProbability: age is not an option here; the options are parameters, purchases, horizon',
  ],
  [
    'paretoNbdProbabilityAlive: s 0',
    () => paretoNbdProbabilityAlive({ ...pareto, s: 0 }, history),
    'paretoNbdProbabilityAlive: parameters.s must be greater than 0, got 0',
  ],
  [
    'paretoNbdProbabilityAlive: BG/NBD parameters',
    () => paretoNbdProbabilityAlive(bg as never, history),
    'paretoNbdProbabilityAlive: parameters.s is required',
  ],
  [
    'paretoNbdProbabilityAlive: history as text',
    () => paretoNbdProbabilityAlive(pareto, 'x' as never),
    'paretoNbdProbabilityAlive: options must be an options object, got "x"',
  ],
  [
    'paretoNbdProbabilityAlive: a recency above the age',
    () => paretoNbdProbabilityAlive(pareto, { ...history, recency: 3 }),
    'paretoNbdProbabilityAlive: recency must not exceed age (2), got 3',
  ],
  [
    'paretoNbdProbabilityAlive: a recency without repeat purchases',
    () => paretoNbdProbabilityAlive(pareto, { frequency: 0, recency: 1, age: 3 }),
    'paretoNbdProbabilityAlive: recency must be 0 when frequency is 0',
  ],
  [
    'paretoNbdExpectedPurchases: a negative horizon',
    () => paretoNbdExpectedPurchases(pareto, { ...history, horizon: -1 }),
    'paretoNbdExpectedPurchases: horizon must not be negative, got -1',
  ],
  [
    'paretoNbdExpectedPurchases: a recency above the age',
    () => paretoNbdExpectedPurchases(pareto, { ...history, recency: 3, horizon: 1 }),
    'paretoNbdExpectedPurchases: recency must not exceed age (2), got 3',
  ],
  [
    'paretoNbdExpectedPurchasesNewCustomer: a negative horizon',
    () => paretoNbdExpectedPurchasesNewCustomer(pareto, { horizon: -1 }),
    'paretoNbdExpectedPurchasesNewCustomer: horizon must not be negative, got -1',
  ],
  [
    'paretoNbdExpectedPurchasesNewCustomer: an unknown option',
    () => paretoNbdExpectedPurchasesNewCustomer(pareto, { horizon: 1, foo: 1 } as never),
    'paretoNbdExpectedPurchasesNewCustomer: foo is not an option here; the options are parameters, horizon',
  ],
  // Predictive lifetime value.
  [
    'predictiveLifetimeValue: a discount rate typed as a percentage',
    () => predictiveLifetimeValue({ purchases: bg, spend }, { ...plv, discountRate: 10 }),
    'predictiveLifetimeValue: discountRate must be at most 1 per period (rates are fractions: 0.1 for 10 %), got 10',
  ],
  [
    'sbgLifetimeValue: a discount rate typed as a percentage',
    () => sbgLifetimeValue({ alpha: 1, beta: 1 }, { margin: 100, discountRate: 12 }),
    'sbgLifetimeValue: discountRate must be at most 1 per period (rates are fractions: 0.1 for 10 %), got 12',
  ],
  [
    'predictiveLifetimeValue: purchases as a number',
    () => predictiveLifetimeValue({ purchases: 3, spend } as never, plv),
    'predictiveLifetimeValue: purchases must be the fitted parameters { r, alpha, a, b }, got 3',
  ],
  [
    'predictiveLifetimeValue: r 0',
    () => predictiveLifetimeValue({ purchases: { ...bg, r: 0 }, spend }, plv),
    'predictiveLifetimeValue: purchases.r must be greater than 0, got 0',
  ],
  [
    'predictiveLifetimeValue: no spend model',
    () => predictiveLifetimeValue({ purchases: bg } as never, plv),
    'predictiveLifetimeValue: spend must be the fitted parameters { p, q, gamma }, got nothing (undefined)',
  ],
  [
    'predictiveLifetimeValue: no gamma',
    () => predictiveLifetimeValue({ purchases: bg, spend: { p: 1, q: 2 } } as never, plv),
    'predictiveLifetimeValue: spend.gamma is required',
  ],
  [
    'predictiveLifetimeValue: q 1',
    () => predictiveLifetimeValue({ purchases: bg, spend: { ...spend, q: 1 } }, plv),
    'predictiveLifetimeValue: spend.q must be greater than 1 for a finite expected spend, got 1',
  ],
  [
    'predictiveLifetimeValue: horizon 0',
    () => predictiveLifetimeValue(models, { ...plv, horizon: 0 }),
    'predictiveLifetimeValue: horizon must be greater than 0, got 0',
  ],
  [
    'predictiveLifetimeValue: a calendar horizon without a unit',
    () => predictiveLifetimeValue(models, { ...plv, horizon: { months: 12 } }),
    "predictiveLifetimeValue: horizon is a calendar duration ({ months: 12 }), but the fitted parameters record no time unit (a fit does when made from an rfmSummary result or with the timeUnit option: pass the fit itself): fit from an rfmSummary result or with the timeUnit option, or give the horizon as a number of the fit's units",
  ],
  [
    'predictiveLifetimeValue: horizon 100,001',
    () => predictiveLifetimeValue(models, { ...plv, horizon: 100_001 }),
    'predictiveLifetimeValue: horizon must be at most 100,000 time units, got 100001',
  ],
  [
    'predictiveLifetimeValue: no horizon',
    () => predictiveLifetimeValue(models, { ...plv, horizon: undefined } as never),
    'predictiveLifetimeValue: horizon is required',
  ],
  [
    'predictiveLifetimeValue: no discount rate',
    () => predictiveLifetimeValue(models, { ...plv, discountRate: undefined } as never),
    'predictiveLifetimeValue: discountRate is needed: give discountRate (per time unit) or annualDiscountRate (per year), 0 for none',
  ],
  [
    'predictiveLifetimeValue: a negative discount rate',
    () => predictiveLifetimeValue(models, { ...plv, discountRate: -0.01 }),
    'predictiveLifetimeValue: discountRate must not be negative, got -0.01',
  ],
  [
    'predictiveLifetimeValue: a margin rate above 1',
    () => predictiveLifetimeValue(models, { ...plv, marginRate: 1.01 }),
    'predictiveLifetimeValue: marginRate must be between 0 and 1, got 1.01',
  ],
  [
    'predictiveLifetimeValue: a negative margin rate',
    () => predictiveLifetimeValue(models, { ...plv, marginRate: -0.01 }),
    'predictiveLifetimeValue: marginRate must be between 0 and 1, got -0.01',
  ],
  [
    'predictiveLifetimeValue: a recency above the age',
    () => predictiveLifetimeValue(models, { ...plv, recency: 3 }),
    'predictiveLifetimeValue: recency must not exceed age (2), got 3',
  ],
  [
    'predictiveLifetimeValue: a recency without repeat purchases',
    () => predictiveLifetimeValue(models, { ...plv, frequency: 0, recency: 1 }),
    'predictiveLifetimeValue: recency must be 0 when frequency is 0',
  ],
  [
    'predictiveLifetimeValue: a negative spend',
    () => predictiveLifetimeValue(models, { ...plv, monetaryValue: -1 }),
    'predictiveLifetimeValue: monetaryValue must not be negative, got -1',
  ],
  [
    'predictiveLifetimeValue: a fractional frequency',
    () => predictiveLifetimeValue(models, { ...plv, frequency: 1.5 }),
    'predictiveLifetimeValue: frequency must be a whole number of periods, 0 or more, got 1.5',
  ],
  [
    'predictiveLifetimeValue: a negative age',
    () => predictiveLifetimeValue(models, { ...plv, age: -1 }),
    'predictiveLifetimeValue: age must not be negative, got -1',
  ],
  [
    'predictiveLifetimeValue: a negative recency',
    () => predictiveLifetimeValue(models, { ...plv, recency: -1 }),
    'predictiveLifetimeValue: recency must not be negative, got -1',
  ],
  // Cohorts, as fitSbg and fitBdw read them.
  [
    'fitSbg: options not an object',
    () => fitSbg([100, 80, 70], 'x' as never),
    'fitSbg: options must be an object when given, got "x"',
  ],
  [
    'fitBdw: options not an object',
    () => fitBdw([100, 80, 70, 65], 3 as never),
    'fitBdw: options must be an object when given, got 3',
  ],
  [
    'fitSbg: cohorts as text',
    () => fitSbg('x' as never),
    'fitSbg: cohorts must be an array of survivor counts, { survivors } or { customers, lostPerPeriod }, got "x"',
  ],
  [
    'fitSbg: an object of neither form',
    () => fitSbg({ counts: [100, 80] } as never),
    'fitSbg: cohorts must be an array of survivor counts, { survivors } or { customers, lostPerPeriod }, got an object',
  ],
  [
    'fitSbg: an empty list',
    () => fitSbg([]),
    'fitSbg: cohorts needs at least two counts (the start and one later period)',
  ],
  [
    'fitSbg: a single count',
    () => fitSbg([100]),
    'fitSbg: cohorts needs at least two counts (the start and one later period)',
  ],
  [
    'fitSbg: a count that is not a number',
    () => fitSbg([100, 'x', 70] as never),
    'fitSbg: cohorts[1] must be a plain decimal number such as "1250.50" (no spaces, thousands separators or hex), got "x"',
  ],
  [
    'fitSbg: a fractional count',
    () => fitSbg([100, 80.5, 70]),
    'fitSbg: cohorts[1] must be a whole number of customers, 0 or more, got 80.5',
  ],
  [
    'fitSbg: a negative count',
    () => fitSbg([100, -1, 70]),
    'fitSbg: cohorts[1] must be a whole number of customers, 0 or more, got -1',
  ],
  [
    'fitSbg: survivors increasing',
    () => fitSbg([100, 80, 90]),
    'fitSbg: cohorts[2] must not exceed the count before it (80): survivors can only fall, got 90',
  ],
  [
    'fitSbg: a cohort starting empty',
    () => fitSbg([0, 0, 0]),
    'fitSbg: cohorts[0] must be greater than 0: a cohort starts with its customers',
  ],
  [
    'fitSbg: survivors not a list',
    () => fitSbg({ survivors: 5 } as never),
    'fitSbg: cohorts.survivors must be an array of customer counts, got 5',
  ],
  [
    'fitSbg: { survivors } increasing',
    () => fitSbg({ survivors: [100, 80, 90] }),
    'fitSbg: cohorts.survivors[2] must not exceed the count before it (80): survivors can only fall, got 90',
  ],
  [
    'fitSbg: lostPerPeriod empty',
    () => fitSbg({ customers: 100, lostPerPeriod: [] }),
    'fitSbg: cohorts.lostPerPeriod must be a non-empty array of counts, got an array',
  ],
  [
    'fitSbg: lostPerPeriod not a list',
    () => fitSbg({ customers: 100, lostPerPeriod: 5 } as never),
    'fitSbg: cohorts.lostPerPeriod must be a non-empty array of counts, got 5',
  ],
  [
    'fitSbg: losing more than the survivors',
    () => fitSbg({ customers: 100, lostPerPeriod: [20, 81] }),
    'fitSbg: cohorts.lostPerPeriod[1] loses 81 customers but only 80 remain',
  ],
  [
    'fitSbg: a cohort of 0 customers',
    () => fitSbg({ customers: 0, lostPerPeriod: [0, 0] }),
    'fitSbg: cohorts.customers must be greater than 0: a cohort starts with its customers',
  ],
  [
    'fitSbg: customers in words',
    () => fitSbg({ customers: 'many', lostPerPeriod: [1, 2] } as never),
    'fitSbg: cohorts.customers must be a plain decimal number such as "1250.50" (no spaces, thousands separators or hex), got "many"',
  ],
  [
    'fitSbg: no customers count',
    () => fitSbg({ lostPerPeriod: [1, 2] } as never),
    'fitSbg: cohorts.customers is required',
  ],
  [
    'fitSbg: a loss in words',
    () => fitSbg({ customers: 100, lostPerPeriod: [1, 'two'] } as never),
    'fitSbg: cohorts.lostPerPeriod[1] must be a plain decimal number such as "1250.50" (no spaces, thousands separators or hex), got "two"',
  ],
  [
    'fitSbg: a fractional loss',
    () => fitSbg({ customers: 100, lostPerPeriod: [1, 1.5] }),
    'fitSbg: cohorts.lostPerPeriod[1] must be a whole number of customers, 0 or more, got 1.5',
  ],
  [
    'fitSbg: the second cohort of a list increasing',
    () => fitSbg([[100, 80, 70], { survivors: [50, 60] }]),
    'fitSbg: cohorts[1].survivors[1] must not exceed the count before it (50): survivors can only fall, got 60',
  ],
  [
    'fitSbg: the third cohort of a list losing too many',
    () => fitSbg([[100, 80, 70], [50, 40], { customers: 10, lostPerPeriod: [11] }]),
    'fitSbg: cohorts[2].lostPerPeriod[0] loses 11 customers but only 10 remain',
  ],
  [
    'fitSbg: a list holding a cohort of one count',
    () => fitSbg([[100]]),
    'fitSbg: cohorts[0] needs at least two counts (the start and one later period)',
  ],
  [
    'fitSbg: one period only',
    () => fitSbg([100, 80]),
    'fitSbg: cohorts must cover at least 2 periods to identify the model, got 1',
  ],
  [
    'fitSbg: cohorts of one period each',
    () =>
      fitSbg([
        [100, 80],
        [50, 40],
      ]),
    'fitSbg: cohorts must cover at least 2 periods to identify the model, got 1',
  ],
  [
    'fitSbg: nobody lost',
    () => fitSbg([100, 100, 100]),
    'fitSbg: cohorts show no churn at all: with nobody lost, churn and its spread cannot be estimated',
  ],
  [
    'fitSbg: nobody lost in any cohort',
    () =>
      fitSbg([
        [100, 100, 100],
        [50, 50],
      ]),
    'fitSbg: cohorts show no churn at all: with nobody lost, churn and its spread cannot be estimated',
  ],
  [
    'fitBdw: two periods',
    () => fitBdw([100, 80, 70]),
    'fitBdw: cohorts must cover at least 3 periods to identify the model, got 2',
  ],
  [
    'fitBdw: survivors increasing',
    () => fitBdw({ survivors: [100, 80, 90, 10] }),
    'fitBdw: cohorts.survivors[2] must not exceed the count before it (80): survivors can only fall, got 90',
  ],
];

describe('the purchase models refuse bad input with a message naming the row and field', () => {
  it.each(cases)('%s', (_, run, message) => {
    expect(messageOf(run)).toBe(message);
  });
});

describe('parameters whose hypergeometric series would overflow are answered, not refused', () => {
  it('by the quadrature over the drop-out probability: r t / alpha here, where every purchase rate is tiny', () => {
    // With alpha = 1e300, (1 - (alpha / (alpha + p t))^r) / p = r t / alpha for every p, so E[X(1)] = 1e15 / 1e300.
    const expected = 1e15 / 1e300;
    const close = (value: number) => Math.abs(value - expected) <= 1e-12 * expected;
    expect(close(bgNbdExpectedPurchasesNewCustomer(overflowing, { horizon: 1 }))).toBe(true);
    expect(close(bgNbdExpectedPurchases(overflowing, { frequency: 0, recency: 0, age: 0, horizon: 1 }))).toBe(true);
    const rows = bgNbdHoldoutComparison(overflowing, [{ frequency: 0, recency: 0, age: 0, holdoutPurchases: 0 }], {
      horizon: 1,
      maxFrequency: 1,
    });
    expect(close(rows[0]?.expectedMean ?? 0)).toBe(true);
    // The value: those purchases times the population's mean spend p gamma / (q - 1).
    const value = predictiveLifetimeValue(
      { purchases: overflowing, spend },
      { frequency: 0, recency: 0, age: 0, monetaryValue: 0, horizon: 1, discountRate: 0 },
    );
    const meanSpend = (spend.p * spend.gamma) / (spend.q - 1);
    expect(Math.abs(value - expected * meanSpend)).toBeLessThanOrEqual(1e-12 * expected * meanSpend);
  });
});

describe('one issue per refusal', () => {
  it('stops at the first parameter found wrong', () => {
    const error = inputErrorOf(() => bgNbdProbabilityAlive({ r: 0, alpha: 0, a: 0, b: 0 }, history));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toEqual(['parameters', 'r']);
    expect(error.field).toBe('parameters.r');
  });

  it('names the row and the property of a customer summary', () => {
    const error = inputErrorOf(() => fitBgNbd([history, { frequency: 0, recency: 0, age: -1 }]));
    expect(error.issues).toHaveLength(1);
    expect(error.field).toBe('customers[1].age');
  });
});

describe('the limits of the date reader, on both sides', () => {
  it('reads epoch milliseconds up to ±8.64e15 (the range of a Date) and refuses one beyond', () => {
    expect(rfmSummary([], { calibrationEnd: 8.64e15 }).customers).toEqual([]);
    expect(rfmSummary([], { calibrationEnd: -8.64e15 }).customers).toEqual([]);
    expect(rfmSummary([], { calibrationEnd: new Date(8.64e15) }).customers).toEqual([]);
    expect(messageOf(() => rfmSummary([], { calibrationEnd: 8.64e15 + 1 }))).toBe(
      `rfmSummary: calibrationEnd ${outOfRange('8640000000000001')}`,
    );
    expect(messageOf(() => rfmSummary([], { calibrationEnd: -8.64e15 - 1 }))).toBe(
      `rfmSummary: calibrationEnd ${outOfRange('-8640000000000001')}`,
    );
  });

  it('reads the years 0000 to 0099 as themselves, not as 1900 to 1999', () => {
    // Date.parse reads a full ISO date-time of any four-digit year as it is written.
    const days = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.parse('0050-06-01T00:00:00Z')) / 86_400_000;
    const summary = rfmSummary([buy('0050-06-01'), buy('00500608'), buy('0050-06-10T12:00')], {
      calibrationEnd: '0051-01-01',
      timeUnit: 'day',
    });
    expect(summary.customers[0]).toMatchObject({ frequency: 2, recency: days('0050-06-10'), age: days('0051-01-01') });
    // 4 is a leap year of the proleptic Gregorian calendar, 100 is not; 0000 is a year in ISO 8601.
    for (const day of ['0004-02-29', '0000-01-01', '0099-12-31']) {
      expect(rfmSummary([buy(day)], { calibrationEnd: '2020-01-01' }).customers).toHaveLength(1);
    }
    expect(messageOf(() => rfmSummary([buy('0100-02-29')], calibration))).toBe(
      'rfmSummary: transactions[0].at must be a real calendar date, got "0100-02-29"',
    );
  });

  it('takes the last day of each month and 29 February of leap years, and refuses the day after', () => {
    for (const day of ['1997-02-28', '1996-02-29', '2000-02-29', '1997-04-30', '1997-12-31', '19961231']) {
      expect(rfmSummary([buy(day)], { calibrationEnd: '2020-01-01' }).customers).toHaveLength(1);
    }
    for (const day of ['1997-02-29', '1997-04-31', '1997-12-32']) {
      expect(messageOf(() => rfmSummary([buy(day)], calibration))).toBe(
        `rfmSummary: transactions[0].at must be a real calendar date, got "${day}"`,
      );
    }
  });

  it('accepts a holdout end on the calibration end and refuses one a day before', () => {
    const summary = rfmSummary([buy('2020-01-01')], { calibrationEnd: '2020-01-08', holdoutEnd: '2020-01-08' });
    expect(summary.holdoutLength).toBe(0);
    expect(summary.customers[0]?.holdoutPurchases).toBe(0);
    expect(messageOf(() => rfmSummary([], { calibrationEnd: '2020-01-08', holdoutEnd: '2020-01-07T23:59:59Z' }))).toBe(
      'rfmSummary: holdoutEnd must not be before calibrationEnd',
    );
  });

  it('takes a unit down to one millisecond, where the widest span of dates still gives finite ages', () => {
    const ms = 1 / 86_400_000;
    // The first and last instants JavaScript dates can hold, 2 x 8.64e15 ms apart.
    const widest = rfmSummary([buy(-8.64e15), buy(8.64e15)], { calibrationEnd: 8.64e15, timeUnit: { days: ms } });
    expect(widest.unitDays).toBe(ms);
    const age = widest.customers[0]?.age as number;
    expect(Number.isFinite(age)).toBe(true);
    expect(Math.abs(age - 2 * 8.64e15) / (2 * 8.64e15)).toBeLessThan(1e-12);
    const rule =
      "must be 'day', 'week', 'month', 'year' or { days: n } with n finite and at least one millisecond (1 / 86,400,000), got";
    for (const [days, shown] of [
      [ms * (1 - 2 ** -52), String(ms * (1 - 2 ** -52))],
      [Number.MIN_VALUE, '5e-324'],
      [-1, '-1'],
    ] as const) {
      expect(messageOf(() => rfmSummary([], { ...calibration, timeUnit: { days } }))).toBe(
        `rfmSummary: timeUnit ${rule} { days: ${shown} }`,
      );
    }
  });

  it('takes an amount of 0 (also -0 and "0"), and a customer id of 0', () => {
    const rows = [
      { customerId: 0, at: '2020-01-01', amount: 0 },
      { customerId: 0, at: '2020-01-02', amount: -0 },
      { customerId: 0, at: '2020-01-03', amount: '0' },
    ];
    const summary = rfmSummary(rows, calibration);
    expect(summary.customers).toHaveLength(1);
    expect(summary.customers[0]?.customerId).toBe(0);
    expect(summary.customers[0]?.frequency).toBe(2);
    expect(summary.customers[0]?.monetaryValue).toBe(0);
  });
});

describe('the limits of the customer summaries, on both sides', () => {
  const accepted = (row: { frequency: number; recency: number; age: number }) =>
    bgNbdCalibrationFit(bg, [row], { maxFrequency: 1 })[Math.min(row.frequency, 1)]?.actual;

  it('takes a frequency of 0 and refuses -1', () => {
    expect(accepted({ frequency: 0, recency: 0, age: 2 })).toBe(1);
    expect(messageOf(() => fitParetoNbd([{ frequency: -1, recency: 0, age: 2 }]))).toBe(
      'fitParetoNbd: customers[0].frequency must be a whole number of repeat purchases, 0 or more, got -1',
    );
  });

  it('takes an age of 0 and refuses the smallest negative age', () => {
    expect(accepted({ frequency: 0, recency: 0, age: 0 })).toBe(1);
    expect(messageOf(() => fitBgNbd([{ frequency: 0, recency: 0, age: -Number.MIN_VALUE }]))).toBe(
      'fitBgNbd: customers[0].age must be a finite time, 0 or more, got -5e-324',
    );
  });

  it('takes a recency equal to the age and refuses one just above it', () => {
    expect(accepted({ frequency: 1, recency: 2, age: 2 })).toBe(1);
    expect(messageOf(() => fitBgNbd([{ frequency: 1, recency: 2 + 2 ** -51, age: 2 }]))).toBe(
      `fitBgNbd: customers[0].recency must be a time between 0 and age (2), got ${2 + 2 ** -51}`,
    );
  });

  it('takes the smallest positive recency with repeat purchases, and refuses it without', () => {
    expect(accepted({ frequency: 1, recency: Number.MIN_VALUE, age: 2 })).toBe(1);
    expect(messageOf(() => fitBgNbd([{ frequency: 0, recency: Number.MIN_VALUE, age: 2 }]))).toBe(
      'fitBgNbd: customers[0].recency must be 0 when frequency is 0 (no repeat purchase), got 5e-324',
    );
    expect(messageOf(() => fitBgNbd([{ frequency: 0, recency: -Number.MIN_VALUE, age: 2 }]))).toBe(
      'fitBgNbd: customers[0].recency must be a time between 0 and age (2), got -5e-324',
    );
  });

  it('fits with maxIterations 1 and refuses 0, negative and fractional limits', () => {
    expect(fitBgNbd([history], { maxIterations: 1 }).iterations).toBeLessThanOrEqual(1);
    expect(fitParetoNbd([history], { maxIterations: 1 }).iterations).toBeLessThanOrEqual(1);
    expect(messageOf(() => fitBgNbd([history], { maxIterations: -1 }))).toBe(
      'fitBgNbd: maxIterations must be a whole number of iterations, 1 or more, got -1',
    );
    // A fraction is not an iteration count (it was once accepted and read as 0 iterations).
    expect(messageOf(() => fitBgNbd([history], { maxIterations: 0.5 }))).toBe(
      'fitBgNbd: maxIterations must be a whole number of iterations, 1 or more, got 0.5',
    );
    expect(messageOf(() => fitParetoNbd([history], { maxIterations: 1.5 }))).toBe(
      'fitParetoNbd: maxIterations must be a whole number of iterations, 1 or more, got 1.5',
    );
    expect(messageOf(() => fitSbg([100, 80, 70], { maxIterations: 0.5 }))).toBe(
      'fitSbg: maxIterations must be a whole number of iterations, 1 or more, got 0.5',
    );
    expect(messageOf(() => fitBdw([100, 80, 70, 65], { maxIterations: 2.5 }))).toBe(
      'fitBdw: maxIterations must be a whole number of iterations, 1 or more, got 2.5',
    );
    expect(
      messageOf(() =>
        fitGammaGamma(
          [
            { frequency: 1, monetaryValue: 2 },
            { frequency: 2, monetaryValue: 3 },
            { frequency: 1, monetaryValue: 5 },
          ],
          { maxIterations: 0.5 },
        ),
      ),
    ).toBe('fitGammaGamma: maxIterations must be a whole number of iterations, 1 or more, got 0.5');
  });

  it('takes maxFrequency from 1 to 1000 in the fit checks', () => {
    const still = [{ frequency: 0, recency: 0, age: 0, holdoutPurchases: 0 }];
    expect(bgNbdCalibrationFit(bg, still, { maxFrequency: 1 })).toHaveLength(2);
    expect(bgNbdCalibrationFit(bg, still, { maxFrequency: 1000 })).toHaveLength(1001);
    expect(bgNbdHoldoutComparison(bg, still, { horizon: 0, maxFrequency: 1 })).toHaveLength(2);
    expect(bgNbdHoldoutComparison(bg, still, { horizon: 0, maxFrequency: 1000 })).toHaveLength(1001);
    expect(messageOf(() => bgNbdHoldoutComparison(bg, still, { horizon: 0, maxFrequency: 0 }))).toBe(
      'bgNbdHoldoutComparison: maxFrequency must be a whole number from 1 to 1000, got 0',
    );
  });

  it('takes 0 holdout purchases and a horizon of 0 in the holdout check', () => {
    const rows = bgNbdHoldoutComparison(bg, [{ ...history, holdoutPurchases: 0 }], { horizon: 0, maxFrequency: 1 });
    expect(rows[1]?.customers).toBe(1);
    expect(rows[1]?.actualMean).toBe(0);
    expect(rows[1]?.expectedMean).toBe(0);
    expect(
      messageOf(() =>
        bgNbdHoldoutComparison(bg, [{ ...history, holdoutPurchases: 0 }], { horizon: -Number.MIN_VALUE }),
      ),
    ).toBe('bgNbdHoldoutComparison: horizon must not be negative, got -5e-324');
  });
});

describe('the limits of Gamma-Gamma, on both sides', () => {
  const buyers = [
    { frequency: 1, monetaryValue: 10 },
    { frequency: 2, monetaryValue: 20 },
    { frequency: 3, monetaryValue: 15 },
  ];

  it('fits exactly 3 repeat buyers and refuses 2, however many customers without repeats come with them', () => {
    const withoutRepeats = [{ frequency: 0, monetaryValue: 0 }, { frequency: 0 }, { frequency: 0, monetaryValue: -5 }];
    const fit = fitGammaGamma([...buyers, ...withoutRepeats] as never, { maxIterations: 1 });
    expect(fit.customers).toBe(3);
    expect(fit.customersWithoutRepeat).toBe(3);
    expect(messageOf(() => fitGammaGamma([...buyers.slice(0, 2), ...withoutRepeats] as never))).toBe(
      'fitGammaGamma: customers need at least 3 customers with repeat purchases to fit, got 2',
    );
  });

  it("takes the smallest positive spend of a repeat buyer, leaves out 0 by default and refuses it under zeroSpend: 'refuse'", () => {
    const fit = fitGammaGamma([...buyers, { frequency: 1, monetaryValue: Number.MIN_VALUE }], { maxIterations: 1 });
    expect(fit.customers).toBe(4);
    const left = fitGammaGamma([...buyers, { frequency: 1, monetaryValue: 0 }], { maxIterations: 1 });
    expect([left.customers, left.customersWithZeroSpend]).toEqual([3, 1]);
    expect(
      messageOf(() => fitGammaGamma([...buyers, { frequency: 1, monetaryValue: 0 }], { zeroSpend: 'refuse' })),
    ).toBe(
      'fitGammaGamma: customers[3].monetaryValue must be greater than 0 for a customer with repeat purchases (the model is for positive spend), got 0',
    );
  });

  it('fits with maxIterations 1 and refuses 0', () => {
    expect(fitGammaGamma(buyers, { maxIterations: 1 }).iterations).toBeLessThanOrEqual(1);
    expect(messageOf(() => fitGammaGamma(buyers, { maxIterations: 0 }))).toBe(
      'fitGammaGamma: maxIterations must be a whole number of iterations, 1 or more, got 0',
    );
  });

  it('predicts spend for q just above 1 and refuses q = 1', () => {
    const q = 1 + Number.EPSILON;
    const { p, gamma } = spend;
    // x = 0: the population mean p gamma / (q - 1).
    expect(gammaGammaExpectedSpend({ p, q, gamma }, { frequency: 0, monetaryValue: 0 })).toBe((p * gamma) / (q - 1));
    expect(messageOf(() => gammaGammaExpectedSpend({ ...spend, q: 1 }, { frequency: 0, monetaryValue: 0 }))).toBe(
      'gammaGammaExpectedSpend: parameters.q must be greater than 1 for a finite expected spend, got 1',
    );
  });

  it('takes a spend of 0 without repeat purchases and the smallest positive one with them', () => {
    const { p, q, gamma } = spend;
    expect(gammaGammaExpectedSpend(spend, { frequency: 0, monetaryValue: 0 })).toBe((p * gamma) / (q - 1));
    expect(Number.isFinite(gammaGammaExpectedSpend(spend, { frequency: 1, monetaryValue: Number.MIN_VALUE }))).toBe(
      true,
    );
    expect(messageOf(() => gammaGammaExpectedSpend(spend, { frequency: 0, monetaryValue: -Number.MIN_VALUE }))).toBe(
      'gammaGammaExpectedSpend: monetaryValue must not be negative, got -5e-324',
    );
  });
});

describe('the limits of the predictions, on both sides', () => {
  it('takes the smallest positive parameter and refuses 0', () => {
    // No repeat purchase: alive by the model's assumption, whatever the parameters.
    expect(bgNbdProbabilityAlive({ ...bg, r: Number.MIN_VALUE }, { frequency: 0, recency: 0, age: 1 })).toBe(1);
    expect(messageOf(() => bgNbdProbabilityAlive({ ...bg, b: 0 }, history))).toBe(
      'bgNbdProbabilityAlive: parameters.b must be greater than 0, got 0',
    );
  });

  it('takes a recency equal to the age and refuses one just above it', () => {
    const last = { frequency: 1, recency: 2, age: 2 };
    expect(bgNbdProbabilityAlive(bg, last)).toBeGreaterThan(0);
    expect(paretoNbdProbabilityAlive(pareto, last)).toBeGreaterThan(0);
    const above = { ...last, recency: 2 + 2 ** -51 };
    expect(messageOf(() => bgNbdProbabilityAlive(bg, above))).toBe(
      `bgNbdProbabilityAlive: recency must not exceed age (2), got ${2 + 2 ** -51}`,
    );
    expect(messageOf(() => paretoNbdExpectedPurchases(pareto, { ...above, horizon: 1 }))).toBe(
      `paretoNbdExpectedPurchases: recency must not exceed age (2), got ${2 + 2 ** -51}`,
    );
  });

  it('takes a recency of 0 without repeat purchases, and a frequency of 0', () => {
    expect(bgNbdProbabilityAlive(bg, { frequency: 0, recency: 0, age: 2 })).toBe(1);
    expect(messageOf(() => bgNbdProbabilityAlive(bg, { frequency: 0, recency: Number.MIN_VALUE, age: 2 }))).toBe(
      'bgNbdProbabilityAlive: recency must be 0 when frequency is 0',
    );
  });

  it('takes a horizon of 0 (nothing expected) and refuses the smallest negative one', () => {
    expect(bgNbdExpectedPurchases(bg, { ...history, horizon: 0 })).toBe(0);
    expect(bgNbdExpectedPurchasesNewCustomer(bg, { horizon: 0 })).toBe(0);
    expect(paretoNbdExpectedPurchases(pareto, { ...history, horizon: 0 })).toBe(0);
    expect(paretoNbdExpectedPurchasesNewCustomer(pareto, { horizon: 0 })).toBe(0);
    const negative = -Number.MIN_VALUE;
    expect(messageOf(() => bgNbdExpectedPurchases(bg, { ...history, horizon: negative }))).toBe(
      'bgNbdExpectedPurchases: horizon must not be negative, got -5e-324',
    );
    expect(messageOf(() => bgNbdExpectedPurchasesNewCustomer(bg, { horizon: negative }))).toBe(
      'bgNbdExpectedPurchasesNewCustomer: horizon must not be negative, got -5e-324',
    );
    expect(messageOf(() => paretoNbdExpectedPurchases(pareto, { ...history, horizon: negative }))).toBe(
      'paretoNbdExpectedPurchases: horizon must not be negative, got -5e-324',
    );
    expect(messageOf(() => paretoNbdExpectedPurchasesNewCustomer(pareto, { horizon: negative }))).toBe(
      'paretoNbdExpectedPurchasesNewCustomer: horizon must not be negative, got -5e-324',
    );
  });

  it('counts purchases from 0 to 1,000,000 and refuses 1,000,001', () => {
    expect(bgNbdPurchaseCountProbability(bg, { purchases: 0, horizon: 1 })).toBeGreaterThan(0);
    // 1,000,000 passes its rule: the refusal moves on to the horizon, the field read after it.
    expect(messageOf(() => bgNbdPurchaseCountProbability(bg, { purchases: 1_000_000, horizon: 0 }))).toBe(
      'bgNbdPurchaseCountProbability: horizon must be greater than 0, got 0',
    );
    expect(messageOf(() => bgNbdPurchaseCountProbability(bg, { purchases: 1_000_001, horizon: 1 }))).toBe(
      'bgNbdPurchaseCountProbability: purchases must be at most 1,000,000 (the cost is O(k)), got 1000001',
    );
  });

  it('takes the smallest positive horizon for a purchase count and refuses 0', () => {
    expect(bgNbdPurchaseCountProbability(bg, { purchases: 0, horizon: Number.MIN_VALUE })).toBeGreaterThan(0);
    expect(messageOf(() => bgNbdPurchaseCountProbability(bg, { purchases: 0, horizon: 0 }))).toBe(
      'bgNbdPurchaseCountProbability: horizon must be greater than 0, got 0',
    );
  });
});

describe('the limits of predictive lifetime value, on both sides', () => {
  it('values 1 time unit ahead and refuses 0', () => {
    expect(predictiveLifetimeValue(models, { ...plv, horizon: 1 })).toBeGreaterThan(0);
    expect(messageOf(() => predictiveLifetimeValue(models, { ...plv, horizon: 0 }))).toBe(
      'predictiveLifetimeValue: horizon must be greater than 0, got 0',
    );
  });

  it('lets a horizon of 100,000 through and refuses 100,001', () => {
    // 100,000 passes its rule: the refusal moves on to the discount rate, read after it
    // (valuing 100,000 units ahead would take seconds).
    expect(messageOf(() => predictiveLifetimeValue(models, { ...plv, horizon: 100_000, discountRate: -1 }))).toBe(
      'predictiveLifetimeValue: discountRate must not be negative, got -1',
    );
    // The longest horizon is checked once the options are read (a calendar one is converted first).
    expect(messageOf(() => predictiveLifetimeValue(models, { ...plv, horizon: 100_001 }))).toBe(
      'predictiveLifetimeValue: horizon must be at most 100,000 time units, got 100001',
    );
  });

  it('takes margin rates 0 and 1 and refuses -0.01 and 1.01', () => {
    const revenue = predictiveLifetimeValue(models, plv);
    expect(predictiveLifetimeValue(models, { ...plv, marginRate: 1 })).toBe(revenue);
    expect(predictiveLifetimeValue(models, { ...plv, marginRate: 0 })).toBe(0);
    expect(predictiveLifetimeValue(models, { ...plv, marginRate: 0.5 })).toBe(revenue * 0.5);
    expect(messageOf(() => predictiveLifetimeValue(models, { ...plv, marginRate: 1.01 }))).toBe(
      'predictiveLifetimeValue: marginRate must be between 0 and 1, got 1.01',
    );
    expect(messageOf(() => predictiveLifetimeValue(models, { ...plv, marginRate: -0.01 }))).toBe(
      'predictiveLifetimeValue: marginRate must be between 0 and 1, got -0.01',
    );
  });

  it('takes a discount rate of 0, a recency equal to the age, and a spend of 0 without repeats', () => {
    expect(predictiveLifetimeValue(models, { ...plv, discountRate: 0 })).toBeGreaterThan(0);
    expect(predictiveLifetimeValue(models, { ...plv, recency: plv.age })).toBeGreaterThan(0);
    expect(predictiveLifetimeValue(models, { ...plv, frequency: 0, recency: 0, monetaryValue: 0 })).toBeGreaterThan(0);
    expect(messageOf(() => predictiveLifetimeValue(models, { ...plv, discountRate: -Number.MIN_VALUE }))).toBe(
      'predictiveLifetimeValue: discountRate must not be negative, got -5e-324',
    );
  });

  it('takes q just above 1 and refuses 1', () => {
    const q = 1 + Number.EPSILON;
    expect(Number.isFinite(predictiveLifetimeValue({ purchases: bg, spend: { ...spend, q } }, plv))).toBe(true);
    expect(messageOf(() => predictiveLifetimeValue({ purchases: bg, spend: { ...spend, q: 1 } }, plv))).toBe(
      'predictiveLifetimeValue: spend.q must be greater than 1 for a finite expected spend, got 1',
    );
  });
});

describe('the limits of the cohort reader, on both sides', () => {
  it('takes a count of Number.MAX_SAFE_INTEGER and refuses one more', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(fitSbg([big, 80, 70], { maxIterations: 1 }).customers).toBe(big);
    expect(fitSbg({ customers: big, lostPerPeriod: [1, 2] }, { maxIterations: 1 }).customers).toBe(big);
    expect(messageOf(() => fitSbg([2 ** 53, 80, 70]))).toBe(
      'fitSbg: cohorts[0] must be at most 9007199254740991, got 9007199254740992',
    );
    expect(messageOf(() => fitSbg([2n ** 53n, 80n, 70n] as never))).toBe(
      'fitSbg: cohorts[0] must be at most 9007199254740991, got 9007199254740992',
    );
    expect(messageOf(() => fitSbg({ customers: 2 ** 53, lostPerPeriod: [1, 2] }))).toBe(
      'fitSbg: cohorts.customers must be at most 9007199254740991, got 9007199254740992',
    );
  });

  it('takes losing every customer left and refuses losing one more', () => {
    expect(fitSbg({ customers: 100, lostPerPeriod: [20, 80] }, { maxIterations: 1 }).customers).toBe(100);
    expect(messageOf(() => fitSbg({ customers: 100, lostPerPeriod: [20, 81] }))).toBe(
      'fitSbg: cohorts.lostPerPeriod[1] loses 81 customers but only 80 remain',
    );
  });

  it('takes survivors that stay level and refuses one more than before', () => {
    expect(fitSbg([100, 100, 70], { maxIterations: 1 }).periods).toBe(2);
    expect(messageOf(() => fitSbg([100, 100, 101]))).toBe(
      'fitSbg: cohorts[2] must not exceed the count before it (100): survivors can only fall, got 101',
    );
  });

  it('takes a cohort starting with 1 customer and a single customer lost, and refuses 0 of either', () => {
    expect(fitSbg([1, 1, 0], { maxIterations: 1 }).customers).toBe(1);
    expect(fitSbg({ customers: 1, lostPerPeriod: [0, 1] }, { maxIterations: 1 }).customers).toBe(1);
    expect(messageOf(() => fitSbg({ customers: 0, lostPerPeriod: [0, 0] }))).toBe(
      'fitSbg: cohorts.customers must be greater than 0: a cohort starts with its customers',
    );
    expect(messageOf(() => fitSbg([5, 5, 5]))).toBe(
      'fitSbg: cohorts show no churn at all: with nobody lost, churn and its spread cannot be estimated',
    );
  });

  it('fits the sBG on 2 periods (refusing 1) and the BdW on 3 (refusing 2)', () => {
    expect(fitSbg([100, 80, 70], { maxIterations: 1 }).periods).toBe(2);
    expect(fitBdw([100, 80, 70, 65], { maxIterations: 1 }).periods).toBe(3);
    // A list of cohorts: the longest one counts.
    expect(
      fitBdw(
        [
          [100, 80],
          [50, 40, 35, 30],
        ],
        { maxIterations: 1 },
      ).periods,
    ).toBe(3);
    expect(messageOf(() => fitSbg([100, 80]))).toBe(
      'fitSbg: cohorts must cover at least 2 periods to identify the model, got 1',
    );
    expect(
      messageOf(() =>
        fitBdw([
          [100, 80],
          [50, 40, 35],
        ]),
      ),
    ).toBe('fitBdw: cohorts must cover at least 3 periods to identify the model, got 2');
  });
});

describe('inputs read alike give the same result', () => {
  const summarise = (at: Transaction['at'], options: Partial<Parameters<typeof rfmSummary>[1]> = {}) =>
    rfmSummary([buy(at), buy('2020-01-03'), { customerId: 'b', at: '2020-01-02' }], {
      calibrationEnd: '2020-01-08',
      timeUnit: 'day',
      ...options,
    });

  it('reads a date-time on the same UTC day with any zone notation, or none, as that day', () => {
    const plain = summarise('2020-01-01');
    for (const at of [
      '2020-01-01T10:00:00+00:00',
      '2020-01-01T10:00:00+0000',
      '2020-01-01T10:00:00-00:00',
      '2020-01-01T10:00:00Z',
      '2020-01-01T10:00:00.250Z',
      '2020-01-01 10:00:00',
      '2020-01-01 10:00:00+00:00',
      '2020-01-01T10:00:00',
      '2020-01-01T10:00',
      '2020-01-01T23:59:59.999Z',
      '20200101',
      Date.UTC(2020, 0, 1, 10),
      new Date(Date.UTC(2020, 0, 1, 23, 59)),
    ]) {
      expect(summarise(at)).toEqual(plain);
    }
  });

  it('moves a date-time with an offset to its UTC day, with or without the colon', () => {
    expect(summarise('2020-01-02T01:30:00+02:00')).toEqual(summarise('2020-01-01'));
    expect(summarise('2020-01-02T01:30:00+0200')).toEqual(summarise('2020-01-01'));
    expect(summarise('2019-12-31T23:30:00-02:00')).toEqual(summarise('2020-01-01'));
    expect(summarise('2019-12-31 23:30:00-0200')).toEqual(summarise('2020-01-01'));
  });

  it('reads a time before 1970 into its own day, not the next one', () => {
    const summariseNear1970 = (at: Transaction['at']) =>
      rfmSummary([buy(at), buy('1970-01-03')], { calibrationEnd: '1970-01-08', timeUnit: 'day' });
    expect(summariseNear1970('1969-12-31T12:00:00Z')).toEqual(summariseNear1970('1969-12-31'));
    expect(summariseNear1970(Date.UTC(1969, 11, 31, 12))).toEqual(summariseNear1970('1969-12-31'));
  });

  it('reads the calibration and holdout ends with a time or a zone as their day', () => {
    const plain = summarise('2020-01-01', { calibrationEnd: '2020-01-08', holdoutEnd: '2020-01-15' });
    expect(
      summarise('2020-01-01', { calibrationEnd: '2020-01-08T18:00:00+00:00', holdoutEnd: '2020-01-15 08:00' }),
    ).toEqual(plain);
    expect(
      summarise('2020-01-01', { calibrationEnd: new Date(Date.UTC(2020, 0, 8, 5)), holdoutEnd: '20200115' }),
    ).toEqual(plain);
  });

  it('reads the named units as their days', () => {
    const log = [buy('2020-01-01'), buy('2020-03-01')];
    const options = { calibrationEnd: '2020-06-01' };
    expect(rfmSummary(log, { ...options, timeUnit: 'day' })).toEqual(
      rfmSummary(log, { ...options, timeUnit: { days: 1 } }),
    );
    expect(rfmSummary(log, options)).toEqual(rfmSummary(log, { ...options, timeUnit: { days: 7 } }));
    expect(rfmSummary(log, { ...options, timeUnit: 'month' })).toEqual(
      rfmSummary(log, { ...options, timeUnit: { days: 30.4375 } }),
    );
  });

  it('reads amounts as text, bigints or numbers alike', () => {
    const spent = (amount: Transaction['amount'] | bigint) =>
      rfmSummary([{ ...buy('2020-01-01'), amount: 1 }, { ...buy('2020-01-02'), amount } as Transaction], calibration);
    expect(spent('12.5')).toEqual(spent(12.5));
    expect(spent(12n)).toEqual(spent(12));
  });

  it('takes an rfmSummary result wherever its rows are taken', () => {
    const summary = rfmSummary(
      [
        { customerId: 'a', at: '2020-01-01', amount: 10 },
        { customerId: 'a', at: '2020-01-05', amount: 12 },
        { customerId: 'a', at: '2020-01-10', amount: 8 },
        { customerId: 'b', at: '2020-01-02', amount: 5 },
        { customerId: 'b', at: '2020-01-09', amount: 7 },
        { customerId: 'c', at: '2020-01-03', amount: 20 },
        { customerId: 'c', at: '2020-01-04', amount: 30 },
        { customerId: 'd', at: '2020-01-06', amount: 9 },
        { customerId: 'a', at: '2020-01-20', amount: 3 },
      ],
      { calibrationEnd: '2020-01-14', holdoutEnd: '2020-01-28', timeUnit: 'day' },
    );
    const rows = summary.customers;
    const few = { maxIterations: 3 };
    // The rows alone do not carry the summary's unit: stated, it gives the same fit.
    const inDays = { ...few, timeUnit: 'day' as const };
    expect(fitBgNbd(summary, few)).toEqual(fitBgNbd(rows, inDays));
    expect(fitParetoNbd(summary, few)).toEqual(fitParetoNbd(rows, inDays));
    expect(fitGammaGamma(summary, few)).toEqual(fitGammaGamma(rows, few));
    expect(bgNbdCalibrationFit(bg, summary, { maxFrequency: 2 })).toEqual(
      bgNbdCalibrationFit(bg, rows, { maxFrequency: 2 }),
    );
    const horizon = { horizon: summary.holdoutLength as number, maxFrequency: 2 };
    expect(bgNbdHoldoutComparison(bg, summary, horizon)).toEqual(bgNbdHoldoutComparison(bg, rows, horizon));
  });

  it('takes a fit result and a summary row, their other fields ignored, as the bare parameters and history', () => {
    const row = { customerId: 'a', ...history, monetaryValue: 3, holdoutPurchases: 1 };
    const fit = { model: 'bgnbd', ...bg, logLikelihood: -3, iterations: 5, converged: true, customers: 4 };
    expect(bgNbdProbabilityAlive(fit, row)).toBe(bgNbdProbabilityAlive(bg, history));
    expect(gammaGammaExpectedSpend({ ...spend, model: 'gammagamma' } as never, row)).toBe(
      gammaGammaExpectedSpend(spend, { frequency: 1, monetaryValue: 3 }),
    );
    expect(predictiveLifetimeValue(models, { ...plv, customerId: 'a', holdoutSpend: 4 } as never)).toBe(
      predictiveLifetimeValue(models, plv),
    );
  });

  it('reads parameters given as numeric text like numbers', () => {
    const text = { r: '1', alpha: '1', a: '1', b: '1' } as never;
    expect(bgNbdProbabilityAlive(text, history)).toBe(bgNbdProbabilityAlive(bg, history));
  });

  it('reads a cohort in any of its forms as the same survivor counts', () => {
    const plain = fitSbg([100, 80, 70]);
    expect(fitSbg({ survivors: [100, 80, 70] })).toEqual(plain);
    expect(fitSbg({ customers: 100, lostPerPeriod: [20, 10] })).toEqual(plain);
    expect(fitSbg(['100', '80', '70'] as never)).toEqual(plain);
    expect(fitSbg([100n, 80n, 70n] as never)).toEqual(plain);
    expect(fitSbg([[100, 80, 70]])).toEqual(plain);
    expect(fitSbg([{ survivors: [100, 80, 70] }])).toEqual(plain);
  });

  it('reads a list of cohorts of mixed forms as their survivor counts', () => {
    const plain = fitSbg([
      [100, 80, 70],
      [50, 40],
      [10, 9],
    ]);
    expect(fitSbg([[100, 80, 70], { survivors: [50, 40] }, { customers: 10, lostPerPeriod: [1] }])).toEqual(plain);
    expect(plain.cohorts).toBe(3);
    expect(plain.customers).toBe(160);
  });
});

describe('the options and models arguments are checked before they are read', () => {
  const customers = [{ ...history, holdoutPurchases: 1 }];

  it('refuses options that are not an options object instead of spreading them into nothing', () => {
    const refused = 'options must be an options object, got';
    expect(messageOf(() => bgNbdCalibrationFit(bg, customers, 5 as never))).toBe(`bgNbdCalibrationFit: ${refused} 5`);
    expect(messageOf(() => bgNbdCalibrationFit(bg, customers, 'x' as never))).toBe(
      `bgNbdCalibrationFit: ${refused} "x"`,
    );
    expect(messageOf(() => bgNbdCalibrationFit(bg, customers, [] as never))).toMatch(
      /^bgNbdCalibrationFit: options must be an options object, got /,
    );
    expect(messageOf(() => bgNbdHoldoutComparison(bg, customers, 5 as never))).toBe(
      `bgNbdHoldoutComparison: ${refused} 5`,
    );
    expect(messageOf(() => predictiveLifetimeValue(models, 'x' as never))).toBe(
      `predictiveLifetimeValue: ${refused} "x"`,
    );
    expect(messageOf(() => predictiveLifetimeValue('x' as never, plv))).toBe(
      'predictiveLifetimeValue: parameters must be { purchases, spend }, the fitted models, got "x"',
    );
    // Left out, the options of bgNbdCalibrationFit take their defaults.
    expect(bgNbdCalibrationFit(bg, customers)).toEqual(bgNbdCalibrationFit(bg, customers, {}));
  });

  it('takes only purchases and spend from the models argument: a horizon there does not override the options', () => {
    const withStray = { ...models, horizon: 5, discountRate: 0.5 } as never;
    const asked = predictiveLifetimeValue(models, { ...plv, horizon: 2 });
    expect(predictiveLifetimeValue(withStray, { ...plv, horizon: 2 })).toBe(asked);
    expect(predictiveLifetimeValue(models, { ...plv, horizon: 5 })).toBeGreaterThan(asked);
  });
});
