/**
 * The generated data the data-set benchmarks share, so that the peers'
 * script (bench/peers.ts) measures pandas and DuckDB on exactly the events
 * that bench/data.ts gives cohortRetention.
 */

/** A Lehmer generator (MINSTD): the same sequence for the same seed, in any process or language. */
export function lehmer(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

export const DAY = 86_400_000;
export const START = Date.UTC(2024, 0, 1);

/**
 * 10,000,000 events of 1,000,000 customers over two years as two Float64Array
 * columns (customerId, at in epoch ms), drawn from `random` in turn.
 */
export function eventColumns(random: () => number): { customerId: Float64Array; at: Float64Array } {
  const customerId = new Float64Array(10_000_000);
  const at = new Float64Array(10_000_000);
  for (let i = 0; i < customerId.length; i++) {
    customerId[i] = Math.floor(random() * 1_000_000);
    at[i] = START + Math.floor(random() * 730 * DAY);
  }
  return { customerId, at };
}

/**
 * 10,000,000 purchases of 1,000,000 customers over two years as three
 * Float64Array columns, for the rfmSummary side of bench/peers.ts: customerId
 * and at (epoch ms, with a time of day) drawn as in {@link eventColumns},
 * then an amount per purchase in whole cents from 0.00 to 200.00.
 */
export function purchaseColumns(random: () => number): {
  customerId: Float64Array;
  at: Float64Array;
  amount: Float64Array;
} {
  const { customerId, at } = eventColumns(random);
  const amount = new Float64Array(customerId.length);
  for (let i = 0; i < amount.length; i++) amount[i] = Math.round(random() * 20_000) / 100;
  return { customerId, at, amount };
}
