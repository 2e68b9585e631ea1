/**
 * The published CDNOW summary (test/fixtures/cdnow/: ID, x, t_x, T, zbar for
 * the 2,357 customers of the CDNOW sample, calibration to 1997-09-30 in
 * weeks), one row per customer.
 */
import { readFileSync } from 'node:fs';

export interface CdnowCustomer {
  id: number;
  frequency: number;
  recency: number;
  age: number;
  monetaryValue: number;
}

export function readCdnowSummary(): CdnowCustomer[] {
  const url = new URL('../fixtures/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url);
  return readFileSync(url, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, x, tx, T, zbar] = line.split(',').map(Number) as [number, number, number, number, number];
      return { id, frequency: x, recency: tx, age: T, monetaryValue: zbar };
    });
}
