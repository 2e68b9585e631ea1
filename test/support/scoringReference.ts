/**
 * The 40-digit reference values of test/fixtures/scoring/ (computed by
 * reference-mpmath.py with mpmath from the papers' formulas, not by this
 * library), typed, for the tests of the per-customer and batch predictions.
 */
import { readFileSync } from 'node:fs';

/** One purchase-model customer: the fits, the history, the horizon and terms, and the expected values. */
export interface ScoringRow {
  label: string;
  unit: string;
  parameters: Record<string, number>;
  spend: { p: number; q: number; gamma: number };
  customer: { x: number; tx: number; T: number; mbar: number };
  horizon: number;
  discountRate: number;
  marginRate: number;
  expected: Record<string, number>;
}

/** One subscriber under the sBG or the BdW. */
export interface SubscriberRow {
  model: 'sbg' | 'bdw';
  parameters: { alpha: number; beta: number; c: number };
  periodsActive: number;
  horizon: number;
  discountRate: number;
  margin: number;
  expected: Record<string, number>;
  /** The infinite-horizon DERL by the closed form (sBG, horizon 1000, d = 0.1). */
  sbgDERL?: number;
}

export function readScoringReference(): { bgnbd: ScoringRow[]; paretonbd: ScoringRow[]; subscribers: SubscriberRow[] } {
  return JSON.parse(readFileSync(new URL('../fixtures/scoring/reference-mpmath.json', import.meta.url), 'utf8'));
}
