/**
 * readDecimal and describeValue: the two functions every numeric input of the
 * library passes through. Expected values are written out by hand or read
 * with an independent decimal.js clone at 60 digits.
 */
import DecimalJs from 'decimal.js';
// A second, separately loaded copy of decimal.js (its CommonJS build): a "Decimal from the user's own copy".
import ForeignDecimal from 'decimal.js/decimal.js';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src';
import { describeValue, readDecimal } from '../../src/internal/numeric';

const D = DecimalJs.clone({ precision: 60 });

/** Reads `value`, failing the test if it is refused. */
function accept(value: unknown): Decimal {
  const result = readDecimal(value);
  if (typeof result === 'string') throw new Error(`expected ${String(typeof value)} to be accepted, got: ${result}`);
  return result;
}

/** Reads `value`, failing the test if it is accepted; returns the reason. */
function refuse(value: unknown): string {
  const result = readDecimal(value);
  if (typeof result !== 'string') throw new Error(`expected a refusal, got the value ${result.toString()}`);
  return result;
}

/** An object whose every conversion hook throws, and which counts how often one was called. */
function hostileObject() {
  const calls = { count: 0 };
  const object = {
    valueOf(): never {
      calls.count++;
      throw new Error('valueOf must not be called');
    },
    toString(): never {
      calls.count++;
      throw new Error('toString must not be called');
    },
    toJSON(): never {
      calls.count++;
      throw new Error('toJSON must not be called');
    },
    [Symbol.toPrimitive](): never {
      calls.count++;
      throw new Error('Symbol.toPrimitive must not be called');
    },
  };
  return { object, calls };
}

/** An object whose conversion hooks return junk, counting the calls. */
function junkObject() {
  const calls = { count: 0 };
  const object = {
    valueOf(): unknown {
      calls.count++;
      return 5;
    },
    toString(): unknown {
      calls.count++;
      return '5';
    },
  };
  return { object, calls };
}

describe('readDecimal', () => {
  describe('numbers', () => {
    it('reads whole and fractional numbers exactly through their shortest decimal form', () => {
      expect(accept(0).toString()).toBe('0');
      expect(accept(42).toString()).toBe('42');
      expect(accept(1.5).toString()).toBe('1.5');
      expect(accept(-2.25).toString()).toBe('-2.25');
      // 0.1 is one tenth, not 0.1000000000000000055511151231257827...
      expect(accept(0.1).eq(new D('0.1'))).toBe(true);
      // 0.1 + 0.2 is the double whose shortest form is 0.30000000000000004.
      expect(accept(0.1 + 0.2).eq(new D('0.30000000000000004'))).toBe(true);
    });

    it('reads very large and very small numbers without losing them', () => {
      expect(accept(1e21).eq(new D('1e21'))).toBe(true);
      expect(accept(Number.MAX_SAFE_INTEGER).eq(new D('9007199254740991'))).toBe(true);
      expect(accept(Number.MAX_VALUE).eq(new D('1.7976931348623157e308'))).toBe(true);
      expect(accept(5e-324).eq(new D('5e-324'))).toBe(true);
    });

    it('reads negative zero as a plain zero', () => {
      const zero = accept(-0);
      expect(zero.isZero()).toBe(true);
      expect(zero.isNegative()).toBe(false);
    });

    it('refuses NaN and both infinities with a reason that shows the value', () => {
      expect(refuse(Number.NaN)).toBe('must be a number, got NaN');
      expect(refuse(Number.POSITIVE_INFINITY)).toBe('must be finite, got Infinity');
      expect(refuse(Number.NEGATIVE_INFINITY)).toBe('must be finite, got -Infinity');
    });
  });

  describe('bigints', () => {
    it('reads bigints exactly, also beyond 2^53', () => {
      expect(accept(0n).toString()).toBe('0');
      expect(accept(-5n).toString()).toBe('-5');
      // 2^80 = 1208925819614629174706176
      expect(accept(2n ** 80n).eq(new D('1208925819614629174706176'))).toBe(true);
      expect(accept(2n ** 53n + 1n).eq(new D('9007199254740993'))).toBe(true);
    });
  });

  describe('strings', () => {
    it('reads plain decimal strings exactly', () => {
      expect(accept('1250.50').eq(new D('1250.5'))).toBe(true);
      expect(accept('-1.5').eq(new D('-1.5'))).toBe(true);
      expect(accept('+2').eq(new D(2))).toBe(true);
      expect(accept('.5').eq(new D('0.5'))).toBe(true);
      expect(accept('.125').eq(new D('0.125'))).toBe(true);
      expect(accept('-.25e2').eq(new D(-25))).toBe(true);
      expect(accept('5.').eq(new D(5))).toBe(true);
      expect(accept('007').eq(new D(7))).toBe(true);
    });

    it('reads strings in exponent notation', () => {
      expect(accept('1e3').eq(new D(1000))).toBe(true);
      expect(accept('1E-3').eq(new D('0.001'))).toBe(true);
      expect(accept('2.5e+2').eq(new D(250))).toBe(true);
    });

    it('reads a string with more digits than a result carries without rounding it', () => {
      const text = '1234567890.123456789012345678901234567890123';
      expect(accept(text).eq(new D(text))).toBe(true);
      // Twenty decimals, far beyond a double.
      expect(accept('0.10000000000000000001').eq(new D('0.10000000000000000001'))).toBe(true);
    });

    it('reads "-0" as a plain zero', () => {
      const zero = accept('-0');
      expect(zero.isZero()).toBe(true);
      expect(zero.isNegative()).toBe(false);
    });

    it('refuses empty, padded, grouped, hexadecimal and malformed strings, quoting what it got', () => {
      const malformed = ['', ' ', ' 1', '1 ', '1,000', '1_000', '0x10', '0b1', 'abc', '1e', '--1', '1.2.3', '1/2', '½'];
      for (const text of malformed) {
        const reason = refuse(text);
        expect(reason).toMatch(/^must be a plain decimal number such as "1250.50" \(no spaces, thousands separators/);
        expect(reason.endsWith(`got ${JSON.stringify(text)}`)).toBe(true);
      }
    });

    it('refuses the spellings of infinity and NaN as not finite', () => {
      for (const text of ['Infinity', '-Infinity', '+Infinity', 'NaN']) {
        expect(refuse(text)).toBe(`must be finite, got ${JSON.stringify(text)}`);
      }
    });

    it('refuses text around a spelling of infinity or NaN as malformed, not as infinite', () => {
      for (const text of ['1Infinity', 'xNaN', 'Infinity1', 'NaNa', '++Infinity']) {
        expect(refuse(text)).toBe(
          `must be a plain decimal number such as "1250.50" (no spaces, thousands separators or hex), got ${JSON.stringify(text)}`,
        );
      }
    });

    it('does not silently read a nonzero string whose exponent underflows as zero', () => {
      // decimal.js cannot hold exponents below -9e15; such a value must be refused, not turned into 0
      // (which would let "-1e-9999999999999999" pass a "must not be negative" rule).
      for (const text of ['1e-9999999999999999', '-1e-9999999999999999']) {
        const result = readDecimal(text);
        const readAsZero = typeof result !== 'string' && result.isZero();
        expect(readAsZero, `${text} was read as 0`).toBe(false);
        expect(result).toBe(`is too close to 0 to represent (its exponent is below -9e15), got "${text}"`);
      }
      // A zero with a huge negative exponent is still zero.
      expect(accept('0e-9999999999999999').isZero()).toBe(true);
    });

    it('refuses an exponent so large that the value overflows', () => {
      expect(refuse('1e9999999999999999')).toMatch(/^must be finite, got "1e9999999999999999"$/);
    });
  });

  describe('missing values and values of the wrong kind', () => {
    it('says an undefined value is required and refuses null, naming it', () => {
      expect(refuse(undefined)).toBe('is required');
      expect(refuse(null)).toMatch(/got null$/);
    });

    it('refuses booleans, naming the value', () => {
      expect(refuse(true)).toBe('must be a number, a numeric string, a bigint or a Decimal, got true');
      expect(refuse(false)).toBe('must be a number, a numeric string, a bigint or a Decimal, got false');
    });

    it('refuses plain objects, arrays, functions, symbols, dates and boxed numbers', () => {
      const prefix = 'must be a number, a numeric string, a bigint or a Decimal, got ';
      expect(refuse({})).toBe(`${prefix}an object`);
      expect(refuse({ value: 5 })).toBe(`${prefix}an object`);
      expect(refuse([])).toBe(`${prefix}an array`);
      expect(refuse([5])).toBe(`${prefix}an array`);
      expect(refuse(() => 5)).toBe(`${prefix}a function`);
      expect(refuse(Symbol('five'))).toBe(`${prefix}a symbol`);
      expect(refuse(new Date(0))).toBe(`${prefix}an object`);
      expect(refuse(new Number(5))).toBe(`${prefix}an object`);
      expect(refuse(new String('5'))).toBe(`${prefix}an object`);
    });
  });

  describe('Decimals', () => {
    it("reads the library's own Decimal", () => {
      expect(accept(new Decimal('12.5')).eq(new D('12.5'))).toBe(true);
    });

    it('reads a Decimal from a clone of decimal.js with another precision, keeping every digit', () => {
      const third = new D(1).div(3); // 60 significant digits
      expect(accept(third).eq(third)).toBe(true);
      expect(accept(new DecimalJs('-7.25')).eq(new D('-7.25'))).toBe(true);
    });

    it("reads a Decimal from the application's own, separately loaded copy of decimal.js", () => {
      const foreign = new ForeignDecimal('123.456');
      // The precondition of this test: the copy really is another class.
      expect(foreign instanceof DecimalJs).toBe(false);
      expect(accept(foreign).eq(new D('123.456'))).toBe(true);
      expect(accept(new ForeignDecimal('-0')).isNegative()).toBe(false);
    });

    it('reads a negative-zero Decimal as a plain zero', () => {
      const zero = accept(new Decimal(-0));
      expect(zero.isZero()).toBe(true);
      expect(zero.isNegative()).toBe(false);
    });

    it('refuses NaN and infinite Decimals of every origin', () => {
      expect(refuse(new Decimal(Number.NaN))).toBe('must be finite, got NaN');
      expect(refuse(new Decimal(Number.POSITIVE_INFINITY))).toBe('must be finite, got Infinity');
      expect(refuse(new D('-Infinity'))).toBe('must be finite, got -Infinity');
      expect(refuse(new ForeignDecimal(Number.NaN))).toMatch(/^must be finite, got /);
      expect(refuse(new ForeignDecimal(Number.POSITIVE_INFINITY))).toMatch(/^must be finite, got /);
    });
  });

  describe('hostile objects', () => {
    it('refuses an object whose valueOf, toString and Symbol.toPrimitive throw, without calling any of them', () => {
      const { object, calls } = hostileObject();
      expect(refuse(object)).toBe('must be a number, a numeric string, a bigint or a Decimal, got an object');
      expect(calls.count).toBe(0);
    });

    it('refuses an object whose valueOf and toString return a plausible number, without calling them', () => {
      const { object, calls } = junkObject();
      expect(refuse(object)).toBe('must be a number, a numeric string, a bigint or a Decimal, got an object');
      expect(calls.count).toBe(0);
    });

    it('refuses an object whose Symbol.toStringTag getter throws, without crashing', () => {
      const object = {
        get [Symbol.toStringTag](): string {
          throw new Error('tag getter');
        },
      };
      expect(refuse(object)).toBe('must be a number, a numeric string, a bigint or a Decimal, got an object');
    });

    it("refuses an object tagged '[object Decimal]' whose toString throws, with a message instead of a crash", () => {
      const object = {
        [Symbol.toStringTag]: 'Decimal',
        toString(): never {
          throw new Error('boom');
        },
      };
      expect(Object.prototype.toString.call(object)).toBe('[object Decimal]');
      expect(refuse(object)).toBe('must be a readable Decimal, but reading it failed');
    });

    it("refuses an object tagged '[object Decimal]' whose toString returns something other than a string", () => {
      const object = { [Symbol.toStringTag]: 'Decimal', toString: (): unknown => 42 };
      expect(refuse(object)).toBe('must be a readable Decimal');
    });

    it("refuses an object tagged '[object Decimal]' whose toString returns junk text, without calling valueOf", () => {
      let valueOfCalls = 0;
      const object = {
        [Symbol.toStringTag]: 'Decimal',
        toString: (): string => '1,000',
        valueOf: (): number => {
          valueOfCalls++;
          return 1000;
        },
      };
      expect(refuse(object)).toMatch(/^must be a plain decimal number such as "1250.50"/);
      expect(valueOfCalls).toBe(0);
    });

    it("reads an object tagged '[object Decimal]' through its decimal text", () => {
      const object = { [Symbol.toStringTag]: 'Decimal', toString: (): string => '12.5' };
      expect(accept(object).eq(new D('12.5'))).toBe(true);
    });

    it('refuses an object built on the Decimal prototype whose own toString throws, without calling it', () => {
      // An instance of Decimal by its prototype chain, but with no digits and a hostile toString.
      let calls = 0;
      const object = Object.create(Decimal.prototype) as object;
      Object.defineProperty(object, 'toString', {
        value: (): never => {
          calls++;
          throw new Error('toString must not be called');
        },
      });
      let reason: unknown;
      expect(() => {
        reason = readDecimal(object);
      }).not.toThrow();
      // With no digits, decimal.js reads it as NaN.
      expect(reason).toBe('must be finite, got NaN');
      expect(calls).toBe(0);
    });

    it('refuses an object built on the Decimal prototype whose digits cannot be read, and describes it', () => {
      const object = Object.create(Decimal.prototype, {
        d: {
          get(): never {
            throw new Error('digits getter');
          },
        },
      }) as object;
      expect(refuse(object)).toBe('must be a readable Decimal, but reading it failed');
      expect(describeValue(object)).toBe('an unreadable Decimal');
    });
  });
});

describe('describeValue', () => {
  it('shows numbers as JavaScript prints them, and negative zero as -0', () => {
    expect(describeValue(12.5)).toBe('12.5');
    expect(describeValue(-3)).toBe('-3');
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue(0)).toBe('0');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(describeValue(1e21)).toBe('1e+21');
  });

  it('shows bigints with their n suffix', () => {
    expect(describeValue(5n)).toBe('5n');
    expect(describeValue(-(2n ** 70n))).toBe('-1180591620717411303424n');
  });

  it('shows strings quoted, with quotes escaped', () => {
    expect(describeValue('1,000')).toBe('"1,000"');
    expect(describeValue('')).toBe('""');
    expect(describeValue('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('shows a string of 40 characters whole and cuts a longer one to 37 characters and an ellipsis', () => {
    const forty = 'x'.repeat(40);
    expect(describeValue(forty)).toBe(`"${forty}"`);
    const long = `${'a'.repeat(37)}bcdefgh`;
    expect(describeValue(long)).toBe(`"${'a'.repeat(37)}..."`);
  });

  it('names missing values, booleans, functions and symbols in words', () => {
    expect(describeValue(undefined)).toBe('nothing (undefined)');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(false)).toBe('false');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
  });

  it('names arrays and objects without printing their contents', () => {
    expect(describeValue([1, 2, 3])).toBe('an array');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(new Date(0))).toBe('an object');
    expect(describeValue(new Float64Array(2))).toBe('an object');
  });

  it('shows Decimals of the library and of its clones by their value', () => {
    expect(describeValue(new Decimal('12.50'))).toBe('12.5');
    expect(describeValue(new DecimalJs('-3'))).toBe('-3');
  });

  it('describes a hostile object without calling valueOf, toString or Symbol.toPrimitive', () => {
    const { object, calls } = hostileObject();
    expect(describeValue(object)).toBe('an object');
    const junk = junkObject();
    expect(describeValue(junk.object)).toBe('an object');
    expect(calls.count + junk.calls.count).toBe(0);
  });

  it("describes an object tagged '[object Decimal]' whose toString throws without calling it", () => {
    const object = {
      [Symbol.toStringTag]: 'Decimal',
      toString(): never {
        throw new Error('boom');
      },
    };
    expect(describeValue(object)).toBe('an object');
  });

  it('describes an object built on the Decimal prototype whose own toString throws without calling it', () => {
    let calls = 0;
    const object = Object.create(Decimal.prototype) as object;
    Object.defineProperty(object, 'toString', {
      value: (): never => {
        calls++;
        throw new Error('toString must not be called');
      },
    });
    let shown: unknown;
    expect(() => {
      shown = describeValue(object);
    }).not.toThrow();
    expect(typeof shown).toBe('string');
    expect(calls).toBe(0);
  });
});
