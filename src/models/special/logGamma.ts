// Lanczos approximation with g = 7 and nine coefficients (Numerical Recipes,
// 3rd ed., and Godfrey's table): about 15 correct digits of Gamma for x >= 0.5.
const G = 7;
const COEFFICIENTS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
export const HALF_LOG_TWO_PI = 0.9189385332046727; // ln(2 pi) / 2

/**
 * Natural logarithm of the gamma function for x > 0, to about 1e-15 absolute
 * (and relative away from the zeros at x = 1 and x = 2). Large arguments do
 * not overflow: lnGamma(1e300) is finite.
 */
export function logGamma(x: number): number {
  if (x < 1e-8) {
    // ln Gamma(x) = -ln x - gamma x + O(x^2): no overflow for subnormal x.
    return -Math.log(x) - 0.5772156649015329 * x;
  }
  if (x < 0.5) {
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x); for 0 < x < 0.5, sin(pi x) > 0.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = COEFFICIENTS[0] as number;
  for (let i = 1; i < COEFFICIENTS.length; i++) sum += (COEFFICIENTS[i] as number) / (z + i);
  const t = z + G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

// Stirling-series coefficients B_2k / (2k (2k - 1)) for k = 1..5: 1/12, -1/360,
// 1/1260, -1/1680, 1/1188, written as the doubles those quotients round to (so
// that bundlers see plain literals and drop the table where logGamma is unused).
const STIRLING = [
  0.08333333333333333, -0.002777777777777778, 0.0007936507936507937, -0.0005952380952380953, 0.0008417508417508417,
];

/** The Stirling correction ln Gamma(y) - [(y - 1/2) ln y - y + ln(2 pi)/2], for y >= 10. */
export function stirlingCorrection(y: number): number {
  const inverse2 = 1 / (y * y);
  let sum = 0;
  let power = 1 / y;
  for (const c of STIRLING) {
    sum += c * power;
    power *= inverse2;
  }
  return sum;
}

/**
 * ln Gamma(x + a) - ln Gamma(x) for x > 0, a >= 0, without the cancellation of
 * two huge log-gammas: for x >= 10 from Stirling's series,
 * (x - 1/2) ln(1 + a/x) + a ln(x + a) - a + sum_k c_k ((x + a)^(1-2k) - x^(1-2k)),
 * with log1p; below 10, by the recurrence from there.
 */
export function logGammaRatio(x: number, a: number): number {
  if (x < 10) {
    // Shift x to 10 and beyond: ln Gamma(x + a) - ln Gamma(x) = [the same at x + m] - sum_{k<m} log1p(a / (x + k)),
    // which keeps its digits when a is small beside x (the two log-gammas would agree to most of theirs).
    let sum = 0;
    let shifted = x;
    while (shifted < 10) {
      sum += Math.log1p(a / shifted);
      shifted += 1;
    }
    return logGammaRatio(shifted, a) - sum;
  }
  const y = x + a;
  let correction = 0;
  for (let k = 0; k < STIRLING.length; k++) {
    const power = 2 * k + 1;
    correction += (STIRLING[k] as number) * (y ** -power - x ** -power);
  }
  return (x - 0.5) * Math.log1p(a / x) + a * Math.log(y) - a + correction;
}
