/**
 * The deeper hostile-input catalogue: where catalogue.test.ts puts hostile
 * values in top-level fields, this one goes into options objects (misspelt
 * keys), into how inputs are read (throwing getters, proxies, getters that
 * change their value, Date subclasses), into frozen intrinsics, dates at the
 * edges of the calendar, overflow, numeric forms in every field, customer ids,
 * common data slips, and global state.
 *
 * Every expectation is the contract of docs/errors-and-inputs.md: a public
 * function returns a finite, correct result or throws MetricInputError whose
 * `field` names the field at fault, never another error (the user's own
 * included), never NaN or Infinity, and changes no global.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import DecimalJs from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import * as lib from '../../src';
import {
  arrayWithThrowingIndex,
  countingCopy,
  describeOutcome,
  type Entry,
  entries,
  entryNamed,
  expectInputError,
  expectSafe,
  expectSameResult,
  fieldOf,
  getAt,
  isoYear,
  isPlainObject,
  mapArgs,
  normalise,
  type Outcome,
  type Path,
  reaches,
  run,
  summaries,
  TRAPS,
  throwingProxy,
  topLevelNumericPaths,
  UserError,
  utcMs,
  withThrowingGetter,
} from '../support/hostile';

/** The watchdog: a case taking longer than this fails. */
const WATCHDOG = 10_000;
const DAY = 86_400_000;
const root = fileURLToPath(new URL('../..', import.meta.url));

// Family 9 compares the global state at the end of the file with this, taken before any case runs.
const globalState = () => ({
  globals: Reflect.ownKeys(globalThis).map(String).sort(),
  objectPrototype: Reflect.ownKeys(Object.prototype).map(String).sort(),
  arrayPrototype: Reflect.ownKeys(Array.prototype).map(String).sort(),
  datePrototype: Reflect.ownKeys(Date.prototype).map(String).sort(),
  errorPrototype: Reflect.ownKeys(Error.prototype).map(String).sort(),
  functionPrototype: Reflect.ownKeys(Function.prototype).map(String).sort(),
  numberPrototype: Reflect.ownKeys(Number.prototype).map(String).sort(),
  stackTraceLimit: Error.stackTraceLimit,
  decimalJs: {
    precision: DecimalJs.precision,
    rounding: DecimalJs.rounding,
    toExpNeg: DecimalJs.toExpNeg,
    toExpPos: DecimalJs.toExpPos,
    minE: DecimalJs.minE,
    maxE: DecimalJs.maxE,
    modulo: DecimalJs.modulo,
    crypto: DecimalJs.crypto,
  },
  libraryDecimal: { precision: lib.Decimal.precision, rounding: lib.Decimal.rounding },
});
const stateBefore = globalState();

/** The outcome of each entry's valid arguments (and of other base arguments), computed once. */
const baselines = new Map<readonly unknown[], Outcome>();
function baseline(entry: Entry, args: readonly unknown[] = entry.args): unknown {
  let outcome = baselines.get(args);
  if (outcome === undefined) {
    outcome = run(entry, args);
    baselines.set(args, outcome);
  }
  expect(outcome.ok, `${entry.name}: the base input must be valid, got ${describeOutcome(outcome)}`).toBe(true);
  return (outcome as { value: unknown }).value;
}

/** A hostile value must never come out as the user's own error, and never as anything but a MetricInputError. */
function expectNoUserError(entry: Entry, outcome: Outcome, what: string): void {
  if (outcome.ok) return;
  expect(outcome.error instanceof UserError, `${what}: the user's own error escaped: ${describeOutcome(outcome)}`).toBe(
    false,
  );
  expectInputError(entry, outcome, what);
}

/** The error's field starts with `prefix` (any field when prefix is '', the options object itself). */
function expectFieldWithin(error: { field: string | undefined; message: string }, prefix: string, what: string) {
  expect(error.field, `${what}: the error names a field: ${error.message}`).toBeDefined();
  const field = error.field as string;
  expect(
    prefix === '' || field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`),
    `${what}: the field ${field} is not within ${prefix} (${error.message})`,
  ).toBe(true);
}

const optionsEntries = entries.filter((e) => e.options !== undefined);
const argName = (entry: Entry, index: number) =>
  entry.options?.index === index ? 'options' : entry.prefixes[index] || 'options';

// ---------------------------------------------------------------------------------------------
describe('1. unknown keys in options objects', () => {
  const caseVariants = (key: string): string[] => {
    const variants = new Set<string>();
    if (key.toLowerCase() !== key) variants.add(key.toLowerCase());
    variants.add(`${key.charAt(0).toUpperCase()}${key.slice(1)}`);
    variants.delete(key);
    return [...variants];
  };
  /** The value the shadowing key gets: the very argument it names, so that ignoring it changes nothing. */
  const shadowValue = (entry: Entry, name: string): unknown => {
    const index = entry.prefixes.indexOf(name);
    if (index >= 0) return entry.args[index];
    const first = entry.args[0];
    return isPlainObject(first) && name in first ? first[name] : 1;
  };

  describe.each(optionsEntries)('$name', (entry) => {
    const { index, keys, shadow = [] } = entry.options as NonNullable<Entry['options']>;
    const options = entry.args[index] as Record<string, unknown>;
    const withOptions = (next: Record<string, unknown>) => entry.args.map((a, i) => (i === index ? next : a));

    for (const key of keys) {
      for (const variant of caseVariants(key)) {
        it(
          `refuses ${variant} (for ${key}) with field ${variant} and "did you mean ${key}"`,
          () => {
            const renamed = Object.fromEntries(Object.entries(options).map(([k, v]) => [k === key ? variant : k, v]));
            const error = expectInputError(entry, run(entry, withOptions(renamed)), `option ${variant}`);
            expect(error.field, error.message).toBe(variant);
            expect(error.message).toContain(`did you mean ${key}`);
          },
          WATCHDOG,
        );
      }
    }
    for (const [bad, value] of [
      ['surplus', 1],
      ['timeZone', 'Europe/Paris'],
    ] as const) {
      it(
        `refuses the unknown option ${bad} with field ${bad}`,
        () => {
          const error = expectInputError(entry, run(entry, withOptions({ ...options, [bad]: value })), `option ${bad}`);
          expect(error.field, error.message).toBe(bad);
        },
        WATCHDOG,
      );
    }
    for (const name of shadow) {
      it(
        `refuses ${name} among the options (it is an argument of its own, and would be ignored)`,
        () => {
          const outcome = run(entry, withOptions({ ...options, [name]: shadowValue(entry, name) }));
          const error = expectInputError(entry, outcome, `option ${name}`);
          expect(error.field, error.message).toBe(name);
        },
        WATCHDOG,
      );
    }
    const rowColumns = entry.options?.rowColumns;
    if (rowColumns !== undefined) {
      // The docs pass an rfmSummary row as these options: `{ ...customer, horizon: 52 }`.
      for (const [column, value] of [...Object.entries(rowColumns), ['every column of an rfmSummary row', undefined]]) {
        it(
          `accepts ${column} (a column of an rfmSummary row) with the same result`,
          () => {
            const extra = value === undefined ? rowColumns : { [column as string]: value };
            expectSameResult(entry, run(entry, withOptions({ ...extra, ...options })), baseline(entry), String(column));
          },
          WATCHDOG,
        );
      }
    }
  });

  describe('rfmSummary timeUnit object', () => {
    const entry = entryNamed('rfmSummary');
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ days: 7, dayz: 1 }, 'dayz', undefined],
      [{ Days: 7 }, 'Days', 'days'],
      [{ DAYS: 7 }, 'DAYS', 'days'],
      [{ days: 7, surplus: 1 }, 'surplus', undefined],
      [{ days: 7, unit: 'week' }, 'unit', undefined],
    ];
    for (const [timeUnit, bad, near] of cases) {
      it(
        `refuses timeUnit ${JSON.stringify(timeUnit)} with field timeUnit.${bad}`,
        () => {
          const args = [entry.args[0], { ...(entry.args[1] as object), timeUnit }];
          const error = expectInputError(entry, run(entry, args), `timeUnit.${bad}`);
          expect(error.field, error.message).toBe(`timeUnit.${bad}`);
          if (near !== undefined) expect(error.message).toContain(`did you mean ${near}`);
        },
        WATCHDOG,
      );
    }
  });

  const extraColumns: Array<[string, Record<string, unknown>]> = [
    ['segment', { segment: 'vip' }],
    ['a null note', { note: null }],
    ['an array of tags', { tags: ['x', 'y'] }],
    ['a nested object', { meta: { source: 'csv', line: 3 } }],
    ['a date-like column', { createdAt: '2020-01-01' }],
    ['an own __proto__ key', JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>],
  ];
  describe.each(entries.filter((e) => e.rows !== undefined))('$name rows with extra columns', (entry) => {
    for (const path of entry.rows ?? []) {
      for (const [label, extra] of extraColumns) {
        it(
          `accepts ${label} on every row of ${fieldOf(entry, path)} with the same result`,
          () => {
            const args = mapArgs(entry.args, [...path, '*'], (row) => ({ ...(row as object), ...extra }));
            expectSameResult(entry, run(entry, args), baseline(entry), label);
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          },
          WATCHDOG,
        );
      }
    }
  });

  describe('cohort objects with extra columns', () => {
    const cohortObjects: Array<[string, unknown, unknown]> = [
      ['{ survivors, label }', [{ survivors: [1000, 631, 468, 382, 326], label: 'Jan' }], [[1000, 631, 468, 382, 326]]],
      [
        '{ customers, lostPerPeriod, label }',
        [{ customers: 1000, lostPerPeriod: [369, 163, 86, 56], label: 'Jan' }],
        [{ customers: 1000, lostPerPeriod: [369, 163, 86, 56] }],
      ],
    ];
    for (const name of ['fitSbg', 'fitBdw', 'sbgLogLikelihood', 'bdwLogLikelihood']) {
      const entry = entryNamed(name);
      const at = entry.prefixes.indexOf('cohorts');
      for (const [label, withExtra, plain] of cohortObjects) {
        it(
          `${name} accepts ${label} with the result of the same cohort without the label`,
          () => {
            const base = entry.args.map((a, i) => (i === at ? plain : a));
            const args = entry.args.map((a, i) => (i === at ? withExtra : a));
            expectSameResult(entry, run(entry, args), baseline(entry, base), label);
          },
          WATCHDOG,
        );
      }
    }
  });

  describe('parameter objects may carry the rest of a fit result', () => {
    const fitFields = { model: 'any', logLikelihood: -12.5, iterations: 7, converged: true, diagnostics: {} };
    for (const entry of entries) {
      const paths: Path[] = [];
      entry.prefixes.forEach((prefix, i) => {
        if (prefix === 'parameters') paths.push([i]);
      });
      if (entry.name === 'predictiveLifetimeValue') paths.push([0, 'purchases'], [0, 'spend']);
      for (const path of paths) {
        it(
          `${entry.name} accepts ${fieldOf(entry, path)} with a fit's other fields, with the same result`,
          () => {
            const args = mapArgs(entry.args, path, (p) => ({ ...(p as object), ...fitFields }));
            expectSameResult(entry, run(entry, args), baseline(entry), fieldOf(entry, path));
          },
          WATCHDOG,
        );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('2. inputs read outside validation', () => {
  /** Plain objects to probe: the object arguments, plain objects nested in them, and one row of each row list. */
  const objectProbes = (entry: Entry): Array<{ path: Path; row: boolean }> => {
    const probes: Array<{ path: Path; row: boolean }> = [];
    entry.args.forEach((arg, i) => {
      if (!isPlainObject(arg)) return;
      probes.push({ path: [i], row: false });
      for (const [key, value] of Object.entries(arg))
        if (isPlainObject(value)) probes.push({ path: [i, key], row: false });
    });
    for (const rows of entry.rows ?? []) {
      const list = getAt(entry.args, rows) as unknown[];
      probes.push({ path: [...rows, Math.min(2, list.length - 1)], row: true });
    }
    return probes;
  };
  const arrayProbes = (entry: Entry): Path[] => [...(entry.rows ?? []), ...(entry.lists ?? [])];

  describe.each(entries)('$name', (entry) => {
    for (const { path, row } of objectProbes(entry)) {
      const object = getAt(entry.args, path) as Record<string, unknown>;
      const where = fieldOf(entry, path) || argName(entry, path[0] as number);
      for (const key of Object.keys(object)) {
        const field = fieldOf(entry, [...path, key]);
        it(
          `a throwing getter on ${field} gives a MetricInputError naming ${field}${row ? ' (or is not read)' : ''}`,
          () => {
            const outcome = run(
              entry,
              mapArgs(entry.args, path, (o) => withThrowingGetter(o as Record<string, unknown>, key)),
            );
            if (row && outcome.ok) {
              expectSameResult(entry, outcome, baseline(entry), `${field} not read`);
              return;
            }
            expectNoUserError(entry, outcome, field);
            const error = expectInputError(entry, outcome, field);
            expect(error.field, error.message).toBe(field);
          },
          WATCHDOG,
        );
      }
      for (const trap of TRAPS) {
        it(
          `a Proxy with a throwing ${trap} trap as ${where} gives the same result or a MetricInputError within ${where}`,
          () => {
            const outcome = run(
              entry,
              mapArgs(entry.args, path, (o) => throwingProxy(o as object, trap)),
            );
            if (outcome.ok) {
              expectSameResult(entry, outcome, baseline(entry), `${trap} trap not used`);
              return;
            }
            expectNoUserError(entry, outcome, `${trap} trap`);
            const error = expectInputError(entry, outcome, `${trap} trap`);
            expectFieldWithin(error, fieldOf(entry, path), `${trap} trap`);
          },
          WATCHDOG,
        );
      }
    }
    for (const path of arrayProbes(entry)) {
      const list = getAt(entry.args, path) as unknown[];
      const k = Math.min(2, list.length - 1);
      const field = fieldOf(entry, [...path, k]);
      it(
        `a throwing index getter at ${field} gives a MetricInputError naming ${field}`,
        () => {
          const outcome = run(
            entry,
            mapArgs(entry.args, path, (l) => arrayWithThrowingIndex(l as unknown[], k)),
          );
          expectNoUserError(entry, outcome, field);
          const error = expectInputError(entry, outcome, field);
          expectFieldWithin(error, field, field);
        },
        WATCHDOG,
      );
      for (const trap of ['get', 'ownKeys', 'has'] as const) {
        it(
          `an array Proxy with a throwing ${trap} trap as ${fieldOf(entry, path)} gives the same result or a MetricInputError within it`,
          () => {
            const outcome = run(
              entry,
              mapArgs(entry.args, path, (l) => throwingProxy(l as unknown[], trap)),
            );
            if (outcome.ok && trap !== 'get') {
              expectSameResult(entry, outcome, baseline(entry), `${trap} trap not used`);
              return;
            }
            expectNoUserError(entry, outcome, `array ${trap} trap`);
            const error = expectInputError(entry, outcome, `array ${trap} trap`);
            expectFieldWithin(error, fieldOf(entry, path), `array ${trap} trap`);
          },
          WATCHDOG,
        );
      }
    }
    for (const rows of entry.rows ?? []) {
      it(
        `an extra column with a throwing getter on every row of ${fieldOf(entry, rows)} is not read (or is refused naming the row)`,
        () => {
          const args = mapArgs(entry.args, [...rows, '*'], (r) => withThrowingGetter({ ...(r as object) }, 'segment'));
          const outcome = run(entry, args);
          if (outcome.ok) {
            expectSameResult(entry, outcome, baseline(entry), 'extra column');
            return;
          }
          expectNoUserError(entry, outcome, 'extra column');
          expectFieldWithin(expectInputError(entry, outcome, 'extra column'), fieldOf(entry, rows), 'extra column');
        },
        WATCHDOG,
      );
    }

    /** Every argument as a counting copy: each property and index a getter that counts its reads and drifts after the first. */
    const counted = () => {
      const counts = new Map<string, number>();
      const args = entry.args.map((arg, i) => countingCopy(arg, counts, argName(entry, i)));
      return { counts, outcome: run(entry, args) };
    };
    it(
      'reads each property and index of its input at most once',
      () => {
        const { counts, outcome } = counted();
        const reread = [...counts].filter(([, n]) => n > 1).map(([label, n]) => `${label} x${n}`);
        expect(reread.length, `read more than once: ${reread.join(', ')} (outcome: ${describeOutcome(outcome)})`).toBe(
          0,
        );
      },
      WATCHDOG,
    );
    it(
      'gives the result of the values first read, when a getter returns a new value on each read',
      () => {
        const { outcome } = counted();
        expectSameResult(entry, outcome, baseline(entry), 'drifting getters');
      },
      WATCHDOG,
    );
  });

  describe('Date objects whose methods are overridden: the override is ignored', () => {
    const dateFields: Array<[string, Path]> = [
      ['rfmSummary', [0, '*', 'at']],
      ['rfmSummary', [1, 'calibrationEnd']],
      ['rfmSummary', [1, 'holdoutEnd']],
      ['cohortRetention', [0, '*', 'at']],
      ['cohortRetention', [0, '*', 'startedAt']],
      ['cohortRetention', [0, '*', 'endedAt']],
      ['cohortRetention', [1, 'asOf']],
      ['periodCounts', [0, '*', 'startedAt']],
      ['periodCounts', [0, '*', 'endedAt']],
      ['periodCounts', [1, 'from']],
      ['periodCounts', [1, 'to']],
      ['periodCountsSeries', [0, '*', 'startedAt']],
      ['periodCountsSeries', [0, '*', 'endedAt']],
      ['periodCountsSeries', [1, 'from']],
    ];
    const YEAR = 400 * DAY;
    class LyingDate extends Date {
      override getTime() {
        return super.getTime() + YEAR;
      }
      override valueOf() {
        return super.getTime() + YEAR;
      }
      override toISOString() {
        return '1999-12-31T00:00:00.000Z';
      }
      override toJSON() {
        return '1999-12-31T00:00:00.000Z';
      }
      override [Symbol.toPrimitive](_hint: string): never {
        return (super.getTime() + YEAR) as never;
      }
    }
    class ThrowingDate extends Date {
      override getTime(): number {
        throw new UserError('getTime');
      }
      override valueOf(): number {
        throw new UserError('valueOf');
      }
      override toISOString(): string {
        throw new UserError('toISOString');
      }
      override [Symbol.toPrimitive](_hint: string): never {
        throw new UserError('Symbol.toPrimitive');
      }
    }
    class NaNDate extends Date {
      override getTime() {
        return Number.NaN;
      }
      override valueOf() {
        return Number.NaN;
      }
      override toISOString() {
        return 'Invalid Date';
      }
    }
    class PlainSubclass extends Date {}
    const ownOverride = (text: string) => {
      const date = new Date(text);
      Object.defineProperty(date, 'getTime', { value: () => 0 });
      Object.defineProperty(date, 'valueOf', { value: () => 0 });
      return date;
    };
    const variants: Array<[string, (text: string) => Date]> = [
      ['a subclass whose getTime, valueOf and toISOString lie', (t) => new LyingDate(t)],
      ['a subclass whose getTime, valueOf and toISOString throw', (t) => new ThrowingDate(t)],
      ['a subclass whose getTime and valueOf return NaN', (t) => new NaNDate(t)],
      ['a subclass with no overrides', (t) => new PlainSubclass(t)],
      ['a Date with its own getTime and valueOf', ownOverride],
      ['a Date from another realm (vm context)', (t) => runInNewContext(`new Date(${JSON.stringify(t)})`) as Date],
    ];
    for (const [name, path] of dateFields) {
      const entry = entryNamed(name);
      const asDate = (make: (text: string) => Date) =>
        mapArgs(entry.args, path, (v) => (typeof v === 'string' ? make(v) : v));
      for (const [label, make] of variants) {
        it(
          `${name} ${fieldOf(entry, path)}: ${label} gives the result of the plain Date`,
          () => {
            const plain = asDate((t) => new Date(t));
            const outcome = run(entry, asDate(make));
            expectNoUserError(entry, outcome, label);
            expectSameResult(entry, outcome, baseline(entry, plain), label);
          },
          WATCHDOG,
        );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('3. frozen intrinsics (as after SES lockdown)', () => {
  const script = `
    const frozen = [Object.prototype, Array.prototype, Function.prototype, Error.prototype, Error, TypeError.prototype,
      Date.prototype, Map.prototype, Set.prototype, Number.prototype, String.prototype, Promise.prototype,
      Symbol.prototype, RegExp.prototype, Math, JSON, Reflect, BigInt.prototype,
      Object.getPrototypeOf(Uint8Array.prototype), RangeError.prototype];
    if (process.env.FREEZE === '2') frozen.shift();
    if (process.env.FREEZE !== '0') for (const o of frozen) Object.freeze(o);
    const out = {};
    const attempt = (name, f) => {
      try { out[name] = { value: f() }; }
      catch (e) {
        let text;
        try { text = String(e && e.message); } catch { text = '(unreadable)'; }
        out[name] = { threw: { ctor: e && e.constructor && e.constructor.name, message: text } };
      }
    };
    let lib;
    try { lib = await import(process.env.DIST); out.import = { value: 'ok' }; }
    catch (e) { out.import = { threw: { ctor: e && e.constructor && e.constructor.name, message: String(e && e.message) } }; }
    if (lib) {
      attempt('inputError', () => {
        try { lib.retentionRate({ customersAtStart: 0, customersAtEnd: 10, newCustomers: 2 }); return 'no error'; }
        catch (e) {
          return { is: lib.MetricInputError.is(e), name: e.name, field: e.field, functionName: e.functionName,
            message: e.message, isError: e instanceof Error };
        }
      });
      attempt('dataInputError', () => {
        try { lib.periodCounts([{ customerId: 'a', startedAt: '2026-02-30' }], { from: '2026-01-01', to: '2026-02-01' }); return 'no error'; }
        catch (e) { return { is: lib.MetricInputError.is(e), field: e.field, message: e.message }; }
      });
      attempt('retentionRate', () => lib.retentionRate({ customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 }).toString());
      attempt('customerLifetimeValue', () => lib.customerLifetimeValue({ margin: 100, retentionRate: 0.85, discountRate: 0.1 }).toString());
      attempt('revenueConcentration', () => JSON.stringify(lib.revenueConcentration([500, 300, 100, 50, 50])));
      attempt('fitSbg', () => { const f = lib.fitSbg([1000, 631, 468, 382, 326]); return { alpha: f.alpha, beta: f.beta, converged: f.converged, logLikelihood: f.logLikelihood }; });
      attempt('sbgSurvival', () => lib.sbgSurvival({ alpha: 0.7, beta: 1.2 }, { period: 4 }));
      attempt('rfmSummary', () => JSON.stringify(lib.rfmSummary([
        { customerId: 'a', at: '1997-01-01', amount: 10 }, { customerId: 'a', at: '1997-02-01', amount: 12 },
        { customerId: 'b', at: '1997-03-05', amount: 7.5 }], { calibrationEnd: '1997-09-30', timeUnit: 'week' })));
      attempt('fitBgNbd', () => { const f = lib.fitBgNbd(${JSON.stringify(summaries)}); return { r: f.r, alpha: f.alpha, a: f.a, b: f.b }; });
      attempt('cohortRetention', () => JSON.stringify(lib.cohortRetention([
        { customerId: 'a', at: '2026-01-05' }, { customerId: 'a', at: '2026-02-11' }, { customerId: 'b', at: '2026-01-20' }],
        { period: 'month', asOf: '2026-03-31' })));
      attempt('periodCountsSeries', () => JSON.stringify(lib.periodCountsSeries(
        [{ customerId: 'a', startedAt: '2026-01-15', endedAt: '2026-03-10' }], { from: '2026-01-01', periods: 3 })));
      attempt('revenueRetention', () => JSON.stringify(lib.revenueRetention({
        startRevenue: [{ customerId: 'a', revenue: 100 }], endRevenue: [{ customerId: 'a', revenue: 120 }] })));
    }
    console.log(JSON.stringify(out));
  `;
  type ChildOutput = Record<string, { value?: unknown; threw?: { ctor: string; message: string } }>;
  const outputs: Record<string, ChildOutput> = {};
  const runChild = (freeze: string): ChildOutput => {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, FREEZE: freeze, DIST: `${root}dist/index.js` },
    });
    return JSON.parse(output.trim().split('\n').pop() ?? '{}');
  };
  beforeAll(() => {
    if (!existsSync(`${root}dist/index.js`)) {
      execFileSync('npx', ['tsup', '--silent'], { cwd: root, stdio: 'inherit', timeout: 110_000 });
    }
    for (const mode of ['0', '1', '2']) outputs[mode] = runChild(mode);
  }, 120_000);

  // Mode 1 freezes every intrinsic listed. decimal.js, the one runtime dependency, then cannot
  // load: it assigns its methods (toString, valueOf, ...) onto its prototype, which inherits
  // read-only ones from a frozen Object.prototype. docs/errors-and-inputs.md says so. When a
  // decimal.js release loads there, this test goes red: run the mode 2 checks under mode 1 too.
  it('with Object.prototype frozen too, the import fails in decimal.js, not in the library', () => {
    const outcome = outputs['1']?.import;
    expect(outcome?.threw?.ctor, JSON.stringify(outcome)).toBe('TypeError');
    expect(outcome?.threw?.message).toMatch(/read only property 'toString'/);
  });

  // Mode 2 freezes all of them but Object.prototype: the library's own code under frozen built-ins.
  describe.each([['every intrinsic but Object.prototype frozen', '2']])('%s', (_label, mode) => {
    const frozen = () => outputs[mode] as ChildOutput;
    const unfrozen = () => outputs['0'] as ChildOutput;
    it('the library imports', () => {
      expect(frozen().import, JSON.stringify(frozen().import)).toEqual({ value: 'ok' });
    });
    it('a bad input still gives a MetricInputError with its field and message', () => {
      const expected = {
        is: true,
        name: 'MetricInputError',
        field: 'customersAtStart',
        functionName: 'retentionRate',
        isError: true,
        message:
          'retentionRate: customersAtStart must be greater than 0 (a retention rate needs customers at the start; for a new business, start from its first period), got 0',
      };
      expect(unfrozen().inputError?.value).toEqual(expected);
      expect(frozen().inputError, JSON.stringify(frozen().inputError)).toEqual({ value: expected });
    });
    it('a bad row still gives a MetricInputError naming the row', () => {
      expect(frozen().dataInputError, JSON.stringify(frozen().dataInputError)).toEqual(unfrozen().dataInputError);
      const value = frozen().dataInputError?.value as { is: boolean; field: string } | undefined;
      expect(value?.is).toBe(true);
      expect(value?.field).toBe('customers[0].startedAt');
    });
    it('retentionRate gives 0.9', () => {
      expect(frozen().retentionRate, JSON.stringify(frozen().retentionRate)).toEqual({ value: '0.9' });
    });
    for (const name of [
      'customerLifetimeValue',
      'revenueConcentration',
      'fitSbg',
      'sbgSurvival',
      'rfmSummary',
      'fitBgNbd',
      'cohortRetention',
      'periodCountsSeries',
      'revenueRetention',
    ]) {
      it(`${name} gives the same result as with nothing frozen`, () => {
        expect(unfrozen()[name]?.threw, JSON.stringify(unfrozen()[name])).toBeUndefined();
        expect(frozen()[name], JSON.stringify(frozen()[name])).toEqual(unfrozen()[name]);
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('4. dates', () => {
  const label = (ms: number) => new Date(ms).toISOString().split('T')[0] as string;
  const iso = (ms: number) => new Date(ms).toISOString();
  const date = (year: number, month: number, day: number) =>
    `${isoYear(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  /** Start of the UTC calendar period holding `ms`, computed with Date's own UTC getters and setUTCFullYear. */
  const startOf = (ms: number, unit: string): number => {
    const d = new Date(ms);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    switch (unit) {
      case 'day':
        return utcMs(y, m, d.getUTCDate());
      case 'week':
        return utcMs(y, m, d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY;
      case 'month':
        return utcMs(y, m, 1);
      case 'quarter':
        return utcMs(y, m - ((m - 1) % 3), 1);
      default:
        return utcMs(y, 1, 1);
    }
  };
  const nextStart = (start: number, unit: string): number => {
    const d = new Date(start);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    switch (unit) {
      case 'day':
        return start + DAY;
      case 'week':
        return start + 7 * DAY;
      case 'month':
        return utcMs(y, m + 1, 1);
      case 'quarter':
        return utcMs(y, m + 3, 1);
      default:
        return utcMs(y + 1, 1, 1);
    }
  };
  const units = ['day', 'week', 'month', 'quarter', 'year'] as const;
  const ok = (entry: Entry, args: unknown[], what: string) => {
    const outcome = run(entry, args);
    expect(outcome.ok, `${what}: ${describeOutcome(outcome)}`).toBe(true);
    return (outcome as { value: unknown }).value;
  };

  describe('years 0 to 99 are those years, not 1900 to 1999', () => {
    for (const year of [0, 1, 50, 99]) {
      const Y = isoYear(year);
      for (const unit of units) {
        it(
          `cohortRetention labels events of ${Y} in ${Y} (period ${unit})`,
          () => {
            const entry = entryNamed('cohortRetention');
            const first = utcMs(year, 3, 15);
            const last = utcMs(year, 5, 2);
            const table = ok(
              entry,
              [
                [
                  { customerId: 'a', at: date(year, 3, 15) },
                  { customerId: 'a', at: date(year, 5, 2) },
                ],
                { period: unit },
              ],
              unit,
            ) as lib.CohortRetention;
            expect(table.cohorts[0]?.cohort).toBe(label(startOf(first, unit)));
            expect(table.rows.at(-1)?.period).toBe(label(startOf(last, unit)));
          },
          WATCHDOG,
        );
        it(
          `periodCountsSeries starts its periods in ${Y} (period ${unit})`,
          () => {
            const entry = entryNamed('periodCountsSeries');
            const from = utcMs(year, 3, 15);
            const rows = ok(
              entry,
              [
                [{ customerId: 'a', startedAt: date(year, 1, 10) }],
                { from: date(year, 3, 15), periods: 2, period: unit },
              ],
              unit,
            ) as lib.PeriodCounts[];
            const s0 = startOf(from, unit);
            const s1 = nextStart(s0, unit);
            expect(rows.map((r) => [r.periodStart, r.periodEnd])).toEqual([
              [iso(s0), iso(s1)],
              [iso(s1), iso(nextStart(s1, unit))],
            ]);
            // The customer started on 10 January: at the start of the first period, or new in it.
            expect((rows[0]?.customersAtStart ?? 0) + (rows[0]?.newCustomers ?? 0)).toBe(1);
          },
          WATCHDOG,
        );
      }
      it(
        `cohortRetention asOf ${date(year, 6, 1)} runs the table to June ${Y}`,
        () => {
          const entry = entryNamed('cohortRetention');
          const table = ok(
            entry,
            [[{ customerId: 'a', at: date(year, 3, 15) }], { asOf: date(year, 6, 1) }],
            'asOf',
          ) as lib.CohortRetention;
          expect(table.cohorts[0]?.active.length).toBe(4);
          expect(table.rows.at(-1)?.period).toBe(date(year, 6, 1));
        },
        WATCHDOG,
      );
      it(
        `periodCounts from ${date(year, 3, 1)} to ${date(year, 4, 1)} counts lifecycles of ${Y}`,
        () => {
          const entry = entryNamed('periodCounts');
          const customers = [
            { customerId: 'a', startedAt: date(year, 2, 1) },
            { customerId: 'b', startedAt: date(year, 2, 1), endedAt: date(year, 3, 20) },
            { customerId: 'c', startedAt: date(year, 3, 5) },
          ];
          const counts = ok(
            entry,
            [customers, { from: date(year, 3, 1), to: date(year, 4, 1) }],
            'periodCounts',
          ) as lib.PeriodCounts;
          expect([counts.periodStart, counts.periodEnd]).toEqual([iso(utcMs(year, 3, 1)), iso(utcMs(year, 4, 1))]);
          expect([counts.customersAtStart, counts.newCustomers, counts.customersAtEnd]).toEqual([2, 1, 2]);
          // The same lifecycles are nowhere near March 19xx.
          const later = ok(
            entry,
            [customers, { from: date(1900 + year, 3, 1), to: date(1900 + year, 4, 1) }],
            '19xx',
          ) as lib.PeriodCounts;
          expect([later.customersAtStart, later.newCustomers, later.customersAtEnd]).toEqual([2, 0, 2]);
        },
        WATCHDOG,
      );
      it(
        `rfmSummary measures recency, age and the holdout in ${Y}`,
        () => {
          const entry = entryNamed('rfmSummary');
          const rows = [
            { customerId: 'a', at: date(year, 1, 1), amount: 10 },
            { customerId: 'a', at: date(year, 1, 8), amount: 5 },
            { customerId: 'a', at: date(year, 4, 1), amount: 3 },
          ];
          const summary = ok(
            entry,
            [rows, { calibrationEnd: date(year, 3, 15), holdoutEnd: date(year, 4, 15), timeUnit: 'day' }],
            'rfm',
          ) as lib.RfmSummary;
          expect(summary.customers[0]).toMatchObject({
            frequency: 1,
            recency: 7,
            age: (utcMs(year, 3, 15) - utcMs(year, 1, 1)) / DAY,
            holdoutPurchases: 1,
          });
          expect(summary.holdoutLength).toBe(31);
          const acrossEras = ok(
            entry,
            [rows.slice(0, 2), { calibrationEnd: date(1950, 3, 15), timeUnit: 'day' }],
            'era',
          ) as lib.RfmSummary;
          expect(acrossEras.customers[0]?.age).toBe((utcMs(1950, 3, 15) - utcMs(year, 1, 1)) / DAY);
        },
        WATCHDOG,
      );
    }
  });

  describe('expanded years are accepted, and the labels printed for them read back', () => {
    for (const [text, year, month, day] of [
      ['+010000-01-15', 10000, 1, 15],
      ['-000001-06-01', -1, 6, 1],
      ['+012345-07-04', 12345, 7, 4],
    ] as const) {
      const d0 = utcMs(year, month, day);
      const shifted = (days: number) => label(d0 + days * DAY);
      it(
        `rfmSummary reads ${text} in transactions and calibrationEnd`,
        () => {
          const entry = entryNamed('rfmSummary');
          const summary = ok(
            entry,
            [
              [
                { customerId: 'a', at: text, amount: 1 },
                { customerId: 'a', at: shifted(7), amount: 2 },
              ],
              { calibrationEnd: shifted(14), holdoutEnd: shifted(20), timeUnit: 'day' },
            ],
            text,
          ) as lib.RfmSummary;
          expect(summary.customers[0]).toMatchObject({ frequency: 1, recency: 7, age: 14 });
        },
        WATCHDOG,
      );
      it(
        `rfmSummary reads ${text} with a time and a zone`,
        () => {
          const entry = entryNamed('rfmSummary');
          const summary = ok(
            entry,
            [
              [{ customerId: 'a', at: `${text}T12:00:00Z` }],
              { calibrationEnd: `${shifted(14)}T23:59:59+02:00`, timeUnit: 'day' },
            ],
            text,
          ) as lib.RfmSummary;
          expect(summary.customers[0]?.age).toBe(14);
        },
        WATCHDOG,
      );
      it(
        `cohortRetention labels ${text}, and its labels read back as asOf and as events`,
        () => {
          const entry = entryNamed('cohortRetention');
          const table = ok(
            entry,
            [
              [
                { customerId: 'a', at: text },
                { customerId: 'a', at: shifted(40) },
              ],
              { period: 'month' },
            ],
            text,
          ) as lib.CohortRetention;
          const cohort = table.cohorts[0]?.cohort as string;
          expect(cohort).toBe(label(utcMs(year, month, 1)));
          const lastPeriod = table.rows.at(-1)?.period as string;
          const again = ok(
            entry,
            [
              [
                { customerId: 'a', at: cohort },
                { customerId: 'a', at: lastPeriod },
              ],
              { period: 'month', asOf: lastPeriod },
            ],
            'read back',
          ) as lib.CohortRetention;
          expect(again.cohorts.map((c) => [c.cohort, c.active])).toEqual(
            table.cohorts.map((c) => [c.cohort, c.active]),
          );
        },
        WATCHDOG,
      );
      it(
        `periodCounts and periodCountsSeries read ${text}, and their periodStart and periodEnd read back`,
        () => {
          const counts = entryNamed('periodCounts');
          const series = entryNamed('periodCountsSeries');
          const customers = [{ customerId: 'a', startedAt: shifted(-10), endedAt: shifted(100) }];
          const rows = ok(series, [customers, { from: text, periods: 2, period: 'month' }], text) as lib.PeriodCounts[];
          expect(rows[0]?.periodStart).toBe(iso(utcMs(year, month, 1)));
          for (const row of rows) {
            const again = ok(
              counts,
              [customers, { from: row.periodStart, to: row.periodEnd }],
              'read back',
            ) as lib.PeriodCounts;
            expect(normalise(again)).toEqual(normalise(row));
          }
          const next = ok(
            series,
            [customers, { from: rows[1]?.periodStart, periods: 1, period: 'month' }],
            'read back',
          ) as lib.PeriodCounts[];
          expect(next[0]?.periodStart).toBe(rows[1]?.periodStart);
        },
        WATCHDOG,
      );
    }
  });

  const dateFields: Array<[string, Path]> = [
    ['rfmSummary', [0, 0, 'at']],
    ['rfmSummary', [1, 'calibrationEnd']],
    ['rfmSummary', [1, 'holdoutEnd']],
    ['cohortRetention', [0, 0, 'at']],
    ['cohortRetention', [0, 4, 'startedAt']],
    ['cohortRetention', [0, 4, 'endedAt']],
    ['cohortRetention', [1, 'asOf']],
    ['periodCounts', [0, 0, 'startedAt']],
    ['periodCounts', [0, 1, 'endedAt']],
    ['periodCounts', [1, 'from']],
    ['periodCounts', [1, 'to']],
    ['periodCountsSeries', [0, 0, 'startedAt']],
    ['periodCountsSeries', [0, 1, 'endedAt']],
    ['periodCountsSeries', [1, 'from']],
  ];

  describe('the ends of the Date range give a result or a MetricInputError naming the field, never a RangeError', () => {
    const ends: Array<[string, unknown]> = [
      ["'-271821-04-20T00:00:00Z'", '-271821-04-20T00:00:00Z'],
      ["'+275760-09-13T00:00:00Z'", '+275760-09-13T00:00:00Z'],
      ["'-271821-04-20'", '-271821-04-20'],
      ["'+275760-09-13'", '+275760-09-13'],
      ["'+275760-09-12'", '+275760-09-12'],
      ['-8.64e15', -8.64e15],
      ['8.64e15', 8.64e15],
      ['new Date(8.64e15)', new Date(8.64e15)],
      ['new Date(-8.64e15)', new Date(-8.64e15)],
    ];
    for (const [name, path] of dateFields) {
      const entry = entryNamed(name);
      const field = fieldOf(entry, path);
      for (const [text, value] of ends) {
        it(
          `${name} ${field} = ${text}`,
          () => {
            const outcome = run(
              entry,
              mapArgs(entry.args, path, () => value),
            );
            if (!outcome.ok) expect(outcome.error, describeOutcome(outcome)).not.toBeInstanceOf(RangeError);
            expectSafe(entry, outcome, `${field} = ${text}`);
          },
          WATCHDOG,
        );
      }
    }
  });

  describe('at the ends of the Date range, whatever periods and labels are printed read back', () => {
    const edges: Array<[string, unknown]> = [
      ["'+275760-09-12'", '+275760-09-12'],
      ["'+275760-09-13T00:00:00Z'", '+275760-09-13T00:00:00Z'],
      ["'-271821-04-20'", '-271821-04-20'],
      ['8.64e15', 8.64e15],
      ['-8.64e15', -8.64e15],
    ];
    for (const [text, value] of edges) {
      for (const unit of units) {
        it(
          `periodCountsSeries from ${text} (period ${unit}): each printed period reads back into periodCounts`,
          () => {
            const series = entryNamed('periodCountsSeries');
            const counts = entryNamed('periodCounts');
            const outcome = run(series, [[], { from: value, periods: 3, period: unit }]);
            expectSafe(series, outcome, text);
            if (!outcome.ok) return;
            for (const row of outcome.value as lib.PeriodCounts[]) {
              const again = run(counts, [[], { from: row.periodStart, to: row.periodEnd }]);
              expect(again.ok, `${row.periodStart} to ${row.periodEnd}: ${describeOutcome(again)}`).toBe(true);
              expect(normalise((again as { value: unknown }).value)).toEqual(normalise(row));
            }
          },
          WATCHDOG,
        );
        it(
          `cohortRetention with an event at ${text} (period ${unit}): each printed label reads back as asOf`,
          () => {
            const entry = entryNamed('cohortRetention');
            const outcome = run(entry, [[{ customerId: 'a', at: value }], { period: unit }]);
            expectSafe(entry, outcome, text);
            if (!outcome.ok) return;
            for (const row of (outcome.value as lib.CohortRetention).rows) {
              const again = run(entry, [[{ customerId: 'a', at: value }], { period: unit, asOf: row.period }]);
              expect(again.ok, `asOf ${row.period}: ${describeOutcome(again)}`).toBe(true);
            }
          },
          WATCHDOG,
        );
      }
    }
  });

  describe('impossible times of day and offsets are refused as such, not as out of range', () => {
    const impossible = [
      '1997-09-30T99:99',
      '1997-09-30T24:00',
      '1997-09-30T10:00:60',
      '1997-09-30T10:00+24:00',
      '1997-09-30T25:00:00Z',
      '1997-09-30T10:60',
      '1997-09-30T10:00:00-25:00',
    ];
    for (const [name, path] of dateFields) {
      const entry = entryNamed(name);
      const field = fieldOf(entry, path);
      for (const text of impossible) {
        it(
          `${name} ${field} = '${text}'`,
          () => {
            const outcome = run(
              entry,
              mapArgs(entry.args, path, () => text),
            );
            const error = expectInputError(entry, outcome, text);
            expect(error.field, error.message).toBe(field);
            expect(error.message).toMatch(/time of day|offset/);
            expect(error.message).not.toContain('range of JavaScript dates');
          },
          WATCHDOG,
        );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
/** Every numeric field of an entry: its top-level ones and those it lists, each with the arguments to start from. */
const numericFields = (entry: Entry): Array<{ path: Path; args: readonly unknown[] }> => [
  ...topLevelNumericPaths(entry).map((path) => ({ path, args: entry.args })),
  ...(entry.numeric ?? []).map(({ path, args }) => ({ path, args: args ?? entry.args })),
];
const pathText = (entry: Entry, path: Path) =>
  fieldOf(
    entry,
    path.map((k) => (k === '*' ? -1 : k)),
  ).replace(/\[-1\]/g, '[*]');

describe('5. overflow: finite results or a MetricInputError, never Infinity or NaN', () => {
  const huge: Array<[string, unknown]> = [
    ['1e308', 1e308],
    ['1.7e308', 1.7e308],
    ['Number.MAX_VALUE', Number.MAX_VALUE],
    ["'1e308'", '1e308'],
    ['10n ** 400n', 10n ** 400n],
  ];
  // periodCounts and cohortRetention have no numeric field: only dates.
  describe.each(entries.filter((e) => numericFields(e).length > 0))('$name', (entry) => {
    for (const { path, args } of numericFields(entry)) {
      for (const [text, value] of huge) {
        it(
          `${pathText(entry, path)} = ${text}`,
          () => {
            expectSafe(
              entry,
              run(
                entry,
                mapArgs(args, path, () => value),
              ),
              `${pathText(entry, path)} = ${text}`,
            );
          },
          WATCHDOG,
        );
      }
    }
  });

  describe('sums and products that overflow', () => {
    const big = 1.7e308;
    const safe = Number.MAX_SAFE_INTEGER;
    // The summaries that overflow a float in a fit, shared by the BG/NBD and Pareto/NBD cases.
    const hugeFrequencies = [
      [
        { frequency: 1e308, recency: 1, age: 2 },
        { frequency: 1e307, recency: 2, age: 3 },
        { frequency: 0, recency: 0, age: 3 },
      ],
    ];
    const hugeTimes = [
      [
        { frequency: 2, recency: big, age: big },
        { frequency: 1, recency: big / 2, age: big },
        { frequency: 0, recency: 0, age: big },
      ],
    ];
    const cases: Array<[string, string, unknown[]]> = [
      [
        'rfmSummary',
        'repeat days of one customer whose amounts sum past the float limit',
        [
          [
            { customerId: 'a', at: '1997-01-01', amount: 1 },
            { customerId: 'a', at: '1997-02-01', amount: big },
            { customerId: 'a', at: '1997-03-01', amount: big },
          ],
          { calibrationEnd: '1997-09-30' },
        ],
      ],
      [
        'rfmSummary',
        'purchases on one day whose amounts sum past the float limit',
        [
          [
            { customerId: 'a', at: '1997-01-01', amount: 1 },
            { customerId: 'a', at: '1997-02-01', amount: big },
            { customerId: 'a', at: '1997-02-01', amount: big },
          ],
          { calibrationEnd: '1997-09-30' },
        ],
      ],
      [
        'rfmSummary',
        'holdout purchases whose amounts sum past the float limit',
        [
          [
            { customerId: 'a', at: '1997-01-01', amount: 1 },
            { customerId: 'a', at: '1997-10-01', amount: big },
            { customerId: 'a', at: '1997-11-01', amount: big },
          ],
          { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' },
        ],
      ],
      [
        'rfmSummary',
        "string amounts '1.7e308' on two repeat days",
        [
          [
            { customerId: 'a', at: '1997-01-01', amount: '1' },
            { customerId: 'a', at: '1997-02-01', amount: '1.7e308' },
            { customerId: 'a', at: '1997-03-01', amount: '1.7e308' },
          ],
          { calibrationEnd: '1997-09-30' },
        ],
      ],
      [
        'rfmSummary',
        'a time unit of 1e308 days',
        [
          [
            { customerId: 'a', at: '1997-01-01' },
            { customerId: 'a', at: '1997-02-01' },
          ],
          { calibrationEnd: '1997-09-30', timeUnit: { days: 1e308 } },
        ],
      ],
      [
        'fitGammaGamma',
        'mean spends of 1.7e308 with many purchases',
        [
          [
            { frequency: 1e6, monetaryValue: big },
            { frequency: 2e6, monetaryValue: big / 2 },
            { frequency: 3, monetaryValue: big },
            { frequency: 5, monetaryValue: 1e-300 },
          ],
        ],
      ],
      [
        'fitGammaGamma',
        'frequencies of 1e308',
        [
          [
            { frequency: 1e308, monetaryValue: 10 },
            { frequency: 1e308, monetaryValue: 20 },
            { frequency: 1e307, monetaryValue: 30 },
          ],
        ],
      ],
      [
        'gammaGammaLogLikelihood',
        'spends of 1.7e308 and parameters of 1e308',
        [
          { p: 1e308, q: 1e308, gamma: 1e308 },
          [
            { frequency: 3, monetaryValue: big },
            { frequency: 1e308, monetaryValue: big },
          ],
        ],
      ],
      [
        'gammaGammaExpectedSpend',
        'p x frequency past the float limit',
        [
          { p: 1e308, q: 3, gamma: 1e308 },
          { frequency: 1e308, monetaryValue: big },
        ],
      ],
      [
        'gammaGammaExpectedSpend',
        'p gamma past the float limit',
        [
          { p: 1e200, q: 1.5, gamma: 1e200 },
          { frequency: 0, monetaryValue: 0 },
        ],
      ],
      [
        'predictiveLifetimeValue',
        'a spend of 1.7e308 over 100,000 units without discounting',
        [
          { purchases: { r: 1e5, alpha: 1, a: 1e-3, b: 1e3 }, spend: { p: 1e308, q: 2, gamma: 1e308 } },
          { frequency: 100, recency: 10, age: 10, monetaryValue: big, horizon: 100_000, discountRate: 0 },
        ],
      ],
      [
        'predictiveLifetimeValue',
        'purchase rates of 1e308',
        [
          { purchases: { r: 1e308, alpha: 1e-300, a: 1, b: 1 }, spend: { p: 6, q: 3, gamma: 15 } },
          { frequency: 2, recency: 1, age: 2, monetaryValue: 20, horizon: 52, discountRate: 0 },
        ],
      ],
      [
        'sbgLifetimeValue',
        'a margin of 1.7e308 and a tiny discount rate',
        [
          { alpha: 1e-300, beta: 1e308 },
          { margin: big, discountRate: 1e-300 },
        ],
      ],
      [
        'sbgProjectedSurvivors',
        '1.7e308 customers over many periods',
        [
          { alpha: 1e-300, beta: 1e308 },
          { customers: big, periods: 1000 },
        ],
      ],
      [
        'sbgDiscountedExpectedLifetime',
        'alpha tiny and beta 1e308',
        [{ alpha: 1e-300, beta: 1e308 }, { discountRate: 1e-300 }],
      ],
      [
        'sbgDiscountedResidualLifetime',
        'alpha tiny and beta 1e308',
        [
          { alpha: 1e-300, beta: 1e308 },
          { discountRate: 1e-12, periodsActive: 1e15 },
        ],
      ],
      ['sbgExpectedLifetime', 'alpha just above 1 and beta 1e308', [{ alpha: 1 + 2 ** -52, beta: 1e308 }]],
      [
        'sbgSurvival',
        'alpha and beta 1e308 at a late period',
        [{ alpha: 1e308, beta: 1e308 }, { period: 2 ** 53 - 1 }],
      ],
      [
        'sbgLogLikelihood',
        'cohorts of 2^53 - 1 customers and parameters 1e308',
        [{ alpha: 1e308, beta: 1e-300 }, [safe, safe - 1, 1]],
      ],
      [
        'bdwLogLikelihood',
        'cohorts of 2^53 - 1 customers and c 1e308',
        [{ alpha: 1, beta: 1, c: 1e308 }, [safe, safe - 1, 1]],
      ],
      ['fitSbg', 'cohorts of 2^53 - 1 customers', [[safe, safe - 2 ** 40, safe - 2 ** 41, safe - 2 ** 42]]],
      [
        'fitSbg',
        'several cohorts whose customers sum past 2^53',
        [
          [
            [safe, safe - 2 ** 40, safe - 2 ** 41],
            [safe, safe - 2 ** 41, safe - 2 ** 42],
          ],
        ],
      ],
      ['fitSbg', 'a first count of 1e308', [[1e308, 631, 468]]],
      ['fitBdw', 'cohorts of 2^53 - 1 customers', [[safe, safe - 2 ** 40, safe - 2 ** 41, safe - 2 ** 42]]],
      ['fitBgNbd', 'frequencies of 1e308', hugeFrequencies],
      ['fitBgNbd', 'ages and recencies of 1.7e308', hugeTimes],
      ['fitParetoNbd', 'frequencies of 1e308', hugeFrequencies],
      ['fitParetoNbd', 'ages and recencies of 1.7e308', hugeTimes],
      [
        'bgNbdLogLikelihood',
        'frequencies of 1e308 and parameters of 1e308',
        [{ r: 1e308, alpha: 1e-300, a: 1e308, b: 1e-300 }, [{ frequency: 1e308, recency: 1, age: 2 }]],
      ],
      [
        'paretoNbdLogLikelihood',
        'frequencies of 1e308 and parameters of 1e308',
        [{ r: 1e308, alpha: 1e-300, s: 1e308, beta: 1e-300 }, [{ frequency: 1e308, recency: 1, age: 2 }]],
      ],
      [
        'bgNbdCalibrationFit',
        'ages of 1.7e308 and parameters of 1e308',
        [
          { r: 1e308, alpha: 1e-300, a: 1, b: 1 },
          [
            { frequency: 1e308, recency: big, age: big },
            { frequency: 0, recency: 0, age: big },
          ],
          { maxFrequency: 1000 },
        ],
      ],
      [
        'bgNbdHoldoutComparison',
        'holdout purchases summing past the float limit',
        [
          { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 },
          [
            { frequency: 2, recency: 1, age: 2, holdoutPurchases: big },
            { frequency: 2, recency: 1, age: 2, holdoutPurchases: big },
          ],
          { horizon: 1e308 },
        ],
      ],
      [
        'bgNbdExpectedPurchases',
        'a horizon of 1.7e308 and a rate of 1e308',
        [
          { r: 1e308, alpha: 1e-300, a: 1e-300, b: 1e308 },
          { frequency: 1e308, recency: 1, age: 1, horizon: big },
        ],
      ],
      [
        'paretoNbdExpectedPurchases',
        'a horizon of 1.7e308 and a rate of 1e308',
        [
          { r: 1e308, alpha: 1e-300, s: 1e-300, beta: 1e308 },
          { frequency: 1e308, recency: 1, age: 1, horizon: big },
        ],
      ],
      [
        'bgNbdPurchaseCountProbability',
        'a million purchases over a horizon of 1.7e308',
        [
          { r: 1e308, alpha: 1e-300, a: 1, b: 1 },
          { purchases: 1_000_000, horizon: big },
        ],
      ],
      [
        'revenueRetention',
        'two rows of one customer at 1.7e308',
        [
          {
            startRevenue: [
              { customerId: 'a', revenue: big },
              { customerId: 'a', revenue: big },
            ],
            endRevenue: [{ customerId: 'a', revenue: big }],
          },
        ],
      ],
      ['revenueConcentration', 'revenues summing past the float limit', [[big, big, 1], {}]],
      ['topCustomerShare', 'revenues summing past the float limit', [[big, big, 1], 0.5]],
      [
        'churnBreakdown',
        'counts of 10n ** 400n',
        [{ reasonCounts: { price: 10n ** 400n, product: 1 }, lostCustomers: 10n ** 400n + 1n }],
      ],
      [
        'customerLifetimeValue',
        'a margin of 1.7e308 growing over 2^53 - 1 periods',
        [{ margin: big, retentionRate: 0.999999, marginGrowth: 0.5, discountRate: 0, periods: safe }],
      ],
      [
        'projectCustomerBase',
        '1.7e308 new customers a period',
        [{ newCustomersPerPeriod: 10n ** 308n, retentionRate: 1, periods: 1000, margin: big }],
      ],
    ];
    for (const [name, label, args] of cases) {
      const entry = entryNamed(name);
      it(
        `${name}: ${label}`,
        () => {
          expectSafe(entry, run(entry, args), label);
        },
        WATCHDOG,
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('6. numeric forms: a numeric string, a bigint, a Decimal and a decimal.js Decimal read as the number', () => {
  const forms: Array<[string, (n: number) => unknown]> = [
    ["a numeric string ('2')", (n) => String(n)],
    ['a bigint (2n)', (n) => (Number.isInteger(n) ? BigInt(n) : n)],
    ["the library's Decimal", (n) => new lib.Decimal(String(n))],
    ["decimal.js's own Decimal", (n) => new DecimalJs(String(n))],
  ];
  // periodCounts and cohortRetention have no numeric field: only dates.
  describe.each(entries.filter((e) => numericFields(e).length > 0))('$name', (entry) => {
    for (const { path, args } of numericFields(entry)) {
      for (const [form, convert] of forms) {
        let changed = false;
        const converted = mapArgs(args, path, (v) => {
          if (typeof v !== 'number') return v;
          const next = convert(v);
          if (typeof next !== 'number') changed = true;
          return next;
        });
        if (!changed || !reaches(args, path)) continue;
        it(
          `${pathText(entry, path)} as ${form}`,
          () => {
            expectSameResult(
              entry,
              run(entry, converted),
              baseline(entry, args),
              `${pathText(entry, path)} as ${form}`,
            );
          },
          WATCHDOG,
        );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('7. customer ids 1 and "1" in one call: one customer, or a MetricInputError naming both', () => {
  const pairs: Array<[string | number, string | number]> = [
    [1, '1'],
    ['1', 1],
    [42, '42'],
    [0, '0'],
    [1.5, '1.5'],
  ];
  const quoted = (s: string | number) => [`'${s}'`, `"${s}"`];
  /** Either `isOneCustomer(result)`, or a MetricInputError whose message shows the number and the quoted string. */
  const expectOneOrRefused = (
    entry: Entry,
    args: unknown[],
    pair: [string | number, string | number],
    isOneCustomer: (result: never) => boolean,
  ) => {
    const outcome = run(entry, args);
    if (outcome.ok) {
      expect(isOneCustomer(outcome.value as never), `two customers silently: ${describeOutcome(outcome)}`).toBe(true);
      return;
    }
    const error = expectInputError(entry, outcome, 'mixed ids');
    const number = pair.find((v) => typeof v === 'number') as number;
    const text = pair.find((v) => typeof v === 'string') as string;
    expect(error.message).toContain(String(number));
    expect(
      quoted(text).some((q) => error.message.includes(q)),
      `the message shows '${text}' quoted: ${error.message}`,
    ).toBe(true);
  };
  for (const pair of pairs) {
    const [x, y] = pair;
    const shown = `${typeof x === 'string' ? `'${x}'` : x} and ${typeof y === 'string' ? `'${y}'` : y}`;
    it(
      `rfmSummary transactions of ${shown}`,
      () => {
        const rows = [
          { customerId: x, at: '1997-01-01', amount: 10 },
          { customerId: y, at: '1997-02-01', amount: 12 },
        ];
        expectOneOrRefused(
          entryNamed('rfmSummary'),
          [rows, { calibrationEnd: '1997-09-30' }],
          pair,
          (r: lib.RfmSummary) => r.customers.length === 1 && r.customers[0]?.frequency === 1,
        );
      },
      WATCHDOG,
    );
    it(
      `cohortRetention events of ${shown}`,
      () => {
        const rows = [
          { customerId: x, at: '2026-01-05' },
          { customerId: y, at: '2026-02-11' },
        ];
        expectOneOrRefused(
          entryNamed('cohortRetention'),
          [rows, {}],
          pair,
          (r: lib.CohortRetention) => r.cohorts.length === 1 && r.cohorts[0]?.size === 1,
        );
      },
      WATCHDOG,
    );
    it(
      `cohortRetention an event and a lifecycle of ${shown}`,
      () => {
        const rows = [
          { customerId: x, at: '2026-01-05' },
          { customerId: y, startedAt: '2026-02-11', endedAt: '2026-03-01' },
        ];
        expectOneOrRefused(
          entryNamed('cohortRetention'),
          [rows, {}],
          pair,
          (r: lib.CohortRetention) => r.cohorts.length === 1 && r.cohorts[0]?.size === 1,
        );
      },
      WATCHDOG,
    );
    const lifecycleRows = [
      { customerId: x, startedAt: '2026-01-15', endedAt: '2026-02-10' },
      { customerId: y, startedAt: '2026-02-10' },
    ];
    it(
      `periodCounts lifecycles of ${shown}`,
      () => {
        expectOneOrRefused(
          entryNamed('periodCounts'),
          [lifecycleRows, { from: '2026-02-01', to: '2026-03-01' }],
          pair,
          (r: lib.PeriodCounts) => r.customersAtStart === 1 && r.newCustomers === 0 && r.customersAtEnd === 1,
        );
      },
      WATCHDOG,
    );
    it(
      `periodCountsSeries lifecycles of ${shown}`,
      () => {
        expectOneOrRefused(
          entryNamed('periodCountsSeries'),
          [lifecycleRows, { from: '2026-02-01', periods: 1 }],
          pair,
          (r: lib.PeriodCounts[]) =>
            r[0]?.customersAtStart === 1 && r[0]?.newCustomers === 0 && r[0]?.customersAtEnd === 1,
        );
      },
      WATCHDOG,
    );
    it(
      `revenueRetention startRevenue ${typeof x === 'string' ? `'${x}'` : x} and endRevenue ${typeof y === 'string' ? `'${y}'` : y}`,
      () => {
        expectOneOrRefused(
          entryNamed('revenueRetention'),
          [{ startRevenue: [{ customerId: x, revenue: 100 }], endRevenue: [{ customerId: y, revenue: 120 }] }],
          pair,
          (r: lib.RevenueRetentionResult) => r.churnedRevenue.isZero() && r.newRevenue.isZero() && r.expansion.eq(20),
        );
      },
      WATCHDOG,
    );
    it(
      `revenueRetention two startRevenue rows of ${shown}`,
      () => {
        expectOneOrRefused(
          entryNamed('revenueRetention'),
          [
            {
              startRevenue: [
                { customerId: x, revenue: 100 },
                { customerId: y, revenue: 50 },
              ],
              endRevenue: [{ customerId: x, revenue: 150 }],
            },
          ],
          pair,
          (r: lib.RevenueRetentionResult) => r.churnedRevenue.isZero() && r.netRevenueRetention.eq(1),
        );
      },
      WATCHDOG,
    );
  }
});

// ---------------------------------------------------------------------------------------------
describe('8. data slips', () => {
  describe('transactions whose amount column has another name', () => {
    for (const column of ['value', 'Amount', 'price', 'total']) {
      it(
        `rfmSummary then fitGammaGamma, with ${column} instead of amount on every row, refuse and name ${column}`,
        () => {
          const rows = ['a', 'b', 'c', 'd'].flatMap((id, i) =>
            ['1997-01-02', '1997-02-03', '1997-03-04'].map((at, j) => ({ customerId: id, at, [column]: 10 + i + j })),
          );
          let outcome: Outcome;
          let name = 'rfmSummary';
          try {
            const summary = lib.rfmSummary(rows as never, { calibrationEnd: '1997-09-30' });
            name = 'fitGammaGamma';
            outcome = { ok: true, value: lib.fitGammaGamma(summary) };
          } catch (error) {
            outcome = { ok: false, error };
          }
          const error = expectInputError(entryNamed(name), outcome, column);
          expect(error.message).toMatch(/amount/);
          expect(error.message).toMatch(/\bno\b|without|missing|absent|none/i);
          expect(error.message).toContain(column);
        },
        WATCHDOG,
      );
    }
  });

  describe("endedAt: '' is refused with a word about null", () => {
    const cases: Array<[string, unknown[], string]> = [
      [
        'periodCounts',
        [[{ customerId: 'a', startedAt: '2026-01-15', endedAt: '' }], { from: '2026-02-01', to: '2026-03-01' }],
        'customers[0].endedAt',
      ],
      [
        'periodCountsSeries',
        [[{ customerId: 'a', startedAt: '2026-01-15', endedAt: '' }], { from: '2026-02-01', periods: 2 }],
        'customers[0].endedAt',
      ],
      ['cohortRetention', [[{ customerId: 'a', startedAt: '2026-01-15', endedAt: '' }], {}], 'events[0].endedAt'],
    ];
    for (const [name, args, field] of cases) {
      it(
        `${name} ${field} = ''`,
        () => {
          const error = expectInputError(entryNamed(name), run(entryNamed(name), args), field);
          expect(error.field).toBe(field);
          expect(error.message).toContain('null');
        },
        WATCHDOG,
      );
    }
  });

  describe('a header row first and a blank row last are named as such', () => {
    const tables: Array<{ name: string; path: Path; header: Record<string, unknown> }> = [
      { name: 'rfmSummary', path: [0], header: { customerId: 'customerId', at: 'at', amount: 'amount' } },
      { name: 'cohortRetention', path: [0], header: { customerId: 'customerId', at: 'at' } },
      {
        name: 'periodCounts',
        path: [0],
        header: { customerId: 'customerId', startedAt: 'startedAt', endedAt: 'endedAt' },
      },
      {
        name: 'periodCountsSeries',
        path: [0],
        header: { customerId: 'customerId', startedAt: 'startedAt', endedAt: 'endedAt' },
      },
      { name: 'revenueRetention', path: [0, 'startRevenue'], header: { customerId: 'customerId', revenue: 'revenue' } },
      { name: 'revenueRetention', path: [0, 'endRevenue'], header: { customerId: 'customerId', revenue: 'revenue' } },
      { name: 'fitBgNbd', path: [0], header: { frequency: 'frequency', recency: 'recency', age: 'age' } },
      { name: 'fitGammaGamma', path: [0], header: { frequency: 'frequency', monetaryValue: 'monetaryValue' } },
      { name: 'bgNbdLogLikelihood', path: [1], header: { frequency: 'frequency', recency: 'recency', age: 'age' } },
    ];
    for (const { name, path, header } of tables) {
      const entry = entryNamed(name);
      const list = getAt(entry.args, path) as unknown[];
      it(
        `${name} with a header row as ${fieldOf(entry, [...path, 0])}`,
        () => {
          const outcome = run(
            entry,
            mapArgs(entry.args, path, (l) => [header, ...(l as unknown[])]),
          );
          const error = expectInputError(entry, outcome, 'header');
          expectFieldWithin(error, fieldOf(entry, [...path, 0]), 'header');
          expect(error.message).toContain('header');
        },
        WATCHDOG,
      );
      const blanks: Array<[string, Record<string, unknown>]> = [
        ['{}', {}],
        ["every field ''", Object.fromEntries(Object.keys(header).map((k) => [k, '']))],
      ];
      for (const [label, blank] of blanks) {
        it(
          `${name} with a blank row (${label}) as ${fieldOf(entry, [...path, list.length])}`,
          () => {
            const outcome = run(
              entry,
              mapArgs(entry.args, path, (l) => [...(l as unknown[]), blank]),
            );
            const error = expectInputError(entry, outcome, 'blank');
            expectFieldWithin(error, fieldOf(entry, [...path, list.length]), 'blank');
            expect(error.message).toContain('blank');
          },
          WATCHDOG,
        );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('9. no global changes, after every case above', () => {
  it('leaves globalThis, the built-in prototypes and decimal.js settings as they were', () => {
    expect(globalState()).toEqual(stateBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
