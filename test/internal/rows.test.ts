/**
 * The customer index behind every data function: small whole-number ids go
 * to a table, others to a Map, and the two must act as one index (same
 * customer for the same id, ids compared exactly, 1 against '1' refused).
 * Expected indexes are worked out here from the order of first appearance,
 * with a plain Map over the same ids as the reference.
 */
import { describe, expect, it } from 'vitest';
import { CustomerIndex, customerRuns, rowsByCustomer } from '../../src/internal/rows';
import { mulberry32 } from '../models/simulate';
import { expectInputError } from '../support/expectInputError';

/** Indexes in order of first appearance, by a plain Map: the reference. */
function reference(ids: readonly (string | number)[]): number[] {
  const seen = new Map<string | number, number>();
  return ids.map((id) => {
    const found = seen.get(id);
    if (found !== undefined) return found;
    seen.set(id, seen.size);
    return seen.size - 1;
  });
}

const indexOf = (ids: readonly (string | number)[]) => {
  const index = new CustomerIndex((row) => `rows[${row}].customerId`);
  return { indexes: ids.map((id, row) => index.of('test', id, row)), size: index.size };
};

describe('CustomerIndex', () => {
  it('gives the same index as a Map for ids that move between the Map and the table', () => {
    // 5000 is too large for the table at row 0 (limit 2 x 0 + 1024), so it goes to the Map; 6000 at row 3006
    // goes to the table, which then reaches past 5000: 5000 must still be found, not added again.
    // -0 is 0; 2.5, -3 and 1e15 are Map ids.
    const ids: (string | number)[] = [5000, 1, 'a', 2.5, -3, 0];
    for (let k = 0; k < 3000; k++) ids.push(k % 700);
    ids.push(6000, 5000, 4000, -0, 2.5, -3, 'a', 4000, 1e15, 1e15);
    const { indexes, size } = indexOf(ids);
    expect(indexes).toEqual(reference(ids));
    expect(size).toBe(new Set(ids).size);
    expect(indexes[ids.indexOf(6000) + 1]).toBe(0);
  });

  it('matches a Map on seeded ids of every kind', () => {
    const u = mulberry32(77);
    const ids: (string | number)[] = [];
    for (let k = 0; k < 20_000; k++) {
      const r = u();
      if (r < 0.6) ids.push(Math.floor(u() * 30_000));
      else if (r < 0.8) ids.push(`s${Math.floor(u() * 500)}`);
      else if (r < 0.9) ids.push(Math.floor(u() * 1e9));
      else ids.push(Math.floor(u() * 100) + 0.25);
    }
    const { indexes, size } = indexOf(ids);
    expect(indexes).toEqual(reference(ids));
    expect(size).toBe(new Set(ids).size);
  });

  it("refuses 1 against '1' whichever comes first and wherever the number is held", () => {
    expectInputError(
      () => indexOf([1, 'x', '1']),
      /rows\[2\]\.customerId is the string "1", and rows\[0\]\.customerId is the number 1/,
    );
    expectInputError(
      () => indexOf(['1', 1]),
      /rows\[1\]\.customerId is the number 1, and rows\[0\]\.customerId is the string "1"/,
    );
    // 99999 is held in the Map (too large for the table at row 0).
    expectInputError(() => indexOf([99999, '99999']), /rows\[1\]\.customerId is the string "99999"/);
    // Text that is not exactly a number's is no clash.
    expect(indexOf([1, '01', '1.0', ' 1']).size).toBe(4);
  });

  it('takes a typed array of small ids into the table at once', () => {
    // All within 2 x 4 + 1024 = 1032: the table is sized for them before the first is read.
    const ids = new Float64Array([3, 0, 3, 1030]);
    const index = new CustomerIndex((row) => `ids[${row}]`);
    index.preferTableFor(ids, ids.length);
    expect(Array.from(ids, (id, row) => index.of('test', id, row))).toEqual([0, 1, 0, 2]);
    expect(index.idTable?.length).toBe(1031);
    expect(index.size).toBe(3);
  });

  it('takes the table for several id columns only when every column fits it', () => {
    // Three rows in all: ids up to 2 x 3 + 1024 = 1030, in both columns.
    const fits = new CustomerIndex((row) => `ids[${row}]`);
    fits.preferTableForAll([Int32Array.of(0, 1), Int32Array.of(1030)], [2, 1]);
    expect(fits.idTable?.length).toBe(1031);
    const second = new CustomerIndex((row) => `ids[${row}]`);
    second.preferTableForAll([Int32Array.of(0, 1), Int32Array.of(1031)], [2, 1]);
    expect(second.idTable).toBeUndefined();
    const plain = new CustomerIndex((row) => `ids[${row}]`);
    plain.preferTableForAll([Int32Array.of(0, 1), [2]], [2, 1]);
    expect(plain.idTable).toBeUndefined();
    // Only the first `counts[k]` cells count: a large id past them is not read.
    const counted = new CustomerIndex((row) => `ids[${row}]`);
    counted.preferTableForAll([Int32Array.of(0, 1), Int32Array.of(5, 99_999)], [2, 1]);
    expect(counted.idTable?.length).toBe(6);
  });
});

describe('customerRuns and rowsByCustomer', () => {
  it('group the rows by customer, skipping the sort for rows that come grouped', () => {
    const grouped = customerRuns(new Int32Array([0, 0, 1, 2, 2, 2]), 3);
    expect(grouped.order).toBeUndefined();
    expect(Array.from(grouped.first)).toEqual([0, 2, 3, 6]);
    const mixed = customerRuns(new Int32Array([0, 1, 0, 2, 1]), 3);
    expect(Array.from(mixed.first)).toEqual([0, 2, 4, 5]);
    expect(Array.from(mixed.order ?? [])).toEqual([0, 2, 1, 4, 3]);
    expect(mixed).toEqual(rowsByCustomer(new Int32Array([0, 1, 0, 2, 1]), 3));
    expect(Array.from(customerRuns(new Int32Array(0), 0).first)).toEqual([0]);
  });
});
