/**
 * Seeded simulation of the BG/NBD and Gamma-Gamma models for the recovery
 * tests, written from the models' stories (Fader, Hardie and Lee 2005;
 * Fader and Hardie 2013), not from the library's code.
 *
 * - mulberry32: a 32-bit seeded generator, uniform in (0, 1) (never 0 or 1);
 * - normal: Box-Muller;
 * - gamma(shape): Marsaglia and Tsang (2000), with the boost
 *   Gamma(k) = Gamma(k + 1) U^(1/k) for k < 1;
 * - beta(a, b) = G_a / (G_a + G_b).
 */

/** A seeded uniform generator on (0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // (integer + 0.5) / 2^32: strictly inside (0, 1), so logs are finite.
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** Random draws built on a uniform generator. */
export interface Draws {
  uniform: () => number;
  normal: () => number;
  /** Gamma with the given shape and scale 1. */
  gamma: (shape: number) => number;
  beta: (a: number, b: number) => number;
  exponential: (rate: number) => number;
}

export function draws(seed: number): Draws {
  const uniform = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      if (Math.log(uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const beta = (a: number, b: number) => {
    const ga = gamma(a);
    return ga / (ga + gamma(b));
  };
  const exponential = (rate: number) => -Math.log(uniform()) / rate;
  return { uniform, normal, gamma, beta, exponential };
}

/** A simulated customer's calibration summary. */
export interface SimulatedHistory {
  frequency: number;
  recency: number;
  age: number;
}

/**
 * BG/NBD customers: each has lambda ~ Gamma(shape r, rate alpha) and
 * p ~ Beta(a, b); it makes its first purchase at time 0 and an age T drawn
 * uniformly on (0, maxAge]; while active it buys at Poisson rate lambda, and
 * after each repeat purchase it drops out with probability p. Returns
 * (x, t_x, T) for each.
 */
export function simulateBgNbd(
  parameters: { r: number; alpha: number; a: number; b: number },
  customers: number,
  maxAge: number,
  seed: number,
): SimulatedHistory[] {
  // With no holdout the loop draws exactly the same numbers, so the histories are those of a holdout run.
  return simulateBgNbdWithHoldout(parameters, customers, maxAge, 0, seed).map(({ frequency, recency, age }) => ({
    frequency,
    recency,
    age,
  }));
}

/** A simulated customer's spend summary. */
export interface SimulatedSpend {
  frequency: number;
  monetaryValue: number;
}

/**
 * Gamma-Gamma customers: each has nu ~ Gamma(shape q, rate gamma), and each of
 * its x repeat purchases is worth Gamma(shape p, rate nu); x is drawn
 * uniformly from 0..maxFrequency. The mean of x such values is
 * Gamma(shape p x, rate nu) / x (a sum of gammas of one rate is a gamma).
 * Customers with x = 0 get monetaryValue 0.
 */
export function simulateGammaGamma(
  parameters: { p: number; q: number; gamma: number },
  customers: number,
  maxFrequency: number,
  seed: number,
): SimulatedSpend[] {
  const rng = draws(seed);
  const out: SimulatedSpend[] = [];
  for (let i = 0; i < customers; i++) {
    const frequency = Math.floor((maxFrequency + 1) * rng.uniform());
    const nu = rng.gamma(parameters.q) / parameters.gamma;
    const monetaryValue = frequency === 0 ? 0 : rng.gamma(parameters.p * frequency) / nu / frequency;
    out.push({ frequency, monetaryValue });
  }
  return out;
}

/** A simulated customer's calibration summary and what it bought in the holdout that follows. */
export interface SimulatedHoldout extends SimulatedHistory {
  /** Purchases in (age, age + holdout]. */
  holdout: number;
}

/**
 * BG/NBD customers as in simulateBgNbd, each followed on for `holdout` more
 * units after its age: the same purchase process and drop-out after every
 * purchase, the calibration summary from the purchases up to the age and
 * the count of those after it.
 */
export function simulateBgNbdWithHoldout(
  parameters: { r: number; alpha: number; a: number; b: number },
  customers: number,
  maxAge: number,
  holdout: number,
  seed: number,
): SimulatedHoldout[] {
  const rng = draws(seed);
  const out: SimulatedHoldout[] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = rng.gamma(parameters.r) / parameters.alpha;
    const p = rng.beta(parameters.a, parameters.b);
    const age = maxAge * rng.uniform();
    let time = 0;
    let frequency = 0;
    let recency = 0;
    let later = 0;
    for (;;) {
      time += rng.exponential(lambda);
      if (time > age + holdout) break;
      if (time <= age) {
        frequency++;
        recency = time;
      } else later++;
      if (rng.uniform() < p) break;
    }
    out.push({ frequency, recency, age, holdout: later });
  }
  return out;
}
