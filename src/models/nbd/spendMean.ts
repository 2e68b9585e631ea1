import type { GammaGammaParameters } from './gammaGamma';

/**
 * The Gamma-Gamma posterior mean spend per purchase of a customer with x
 * repeat purchases of mean value m: (1 - w) p gamma / (q - 1) + w m, with
 * w = p x / (p x + q - 1). Needs q > 1; the callers check it.
 */
export function posteriorMeanSpend(spend: GammaGammaParameters, x: number, m: number): number {
  const { p, q, gamma } = spend;
  const px = p * x;
  const weight = px / (px + q - 1);
  return (1 - weight) * ((p * gamma) / (q - 1)) + weight * m;
}
