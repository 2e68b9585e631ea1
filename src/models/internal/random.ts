/**
 * A seeded random stream for the simulation behind prediction intervals.
 *
 * - The generator is sfc32 (Chris Doty-Humphrey's small fast counting
 *   generator, 128 bits of state), its state filled by splitmix32 from a
 *   seed and a stream number, so that each parameter draw has a stream of
 *   its own and a table gives the same numbers whatever its size.
 * - Uniforms take 53 bits from two outputs and lie strictly inside (0, 1).
 * - Normals by Box-Muller; gammas by Marsaglia and Tsang (2000), with
 *   Gamma(k) = Gamma(k + 1) U^(1/k) for shapes below 1, taken in logs so that
 *   tiny shapes do not underflow; betas from the logs of two gammas.
 */
export interface RandomStream {
  /** Uniform on (0, 1), never 0 or 1. */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Exponential with the given rate. */
  exponential(rate: number): number;
  /** The log of a Gamma(shape, 1) draw (shape > 0). */
  logGamma(shape: number): number;
  /** Gamma with the given shape and rate. */
  gamma(shape: number, rate: number): number;
  /** Beta(a, b). */
  beta(a: number, b: number): number;
}

/** splitmix32: a 32-bit mixer, used only to spread a seed over sfc32's state. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return [next, (z ^ (z >>> 15)) >>> 0];
}

/** A stream from a seed (any 32-bit integer) and a stream number. */
export function randomStream(seed: number, stream: number): RandomStream {
  let mix = (seed ^ Math.imul(stream + 1, 0x85ebca6b)) | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, word] = splitmix32(mix);
    mix = next;
    words.push(word);
  }
  let [a, b, c, d] = words as [number, number, number, number];
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Let the counter move the state away from the seed's neighbourhood.
  for (let i = 0; i < 12; i++) next32();
  const uniform = (): number => {
    const high = next32() >>> 5;
    const low = next32() >>> 6;
    // (integer + 0.5) / 2^53: strictly inside (0, 1).
    return (high * 67108864 + low + 0.5) / 9007199254740992;
  };
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const logGammaAtLeastOne = (shape: number): number => {
    const d1 = shape - 1 / 3;
    const c1 = 1 / Math.sqrt(9 * d1);
    for (;;) {
      const x = normal();
      const base = 1 + c1 * x;
      if (base <= 0) continue;
      const v = base * base * base;
      const logU = Math.log(uniform());
      if (logU < 0.5 * x * x + d1 - d1 * v + d1 * Math.log(v)) return Math.log(d1) + Math.log(v);
    }
  };
  const logGamma = (shape: number): number =>
    shape >= 1 ? logGammaAtLeastOne(shape) : logGammaAtLeastOne(shape + 1) + Math.log(uniform()) / shape;
  return {
    uniform,
    normal,
    exponential: (rate) => -Math.log(uniform()) / rate,
    logGamma,
    gamma: (shape, rate) => Math.exp(logGamma(shape)) / rate,
    beta: (alpha, beta) => {
      const difference = logGamma(beta) - logGamma(alpha);
      // 1 / (1 + e^difference), without overflow either way.
      return difference > 0 ? Math.exp(-difference) / (1 + Math.exp(-difference)) : 1 / (1 + Math.exp(difference));
    },
  };
}
