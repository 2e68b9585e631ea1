// Contractual retention with the shifted beta-geometric (sBG) model: fit Fader and Hardie's (2007)
// "regular" and "high end" cohorts on years 0..7, project years 8..12, value customers of each tenure,
// and ask whether the beta-discrete-Weibull (BdW) fits better.
import {
  fitBdw,
  fitSbg,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedResidualLifetime,
  sbgLifetimeValue,
  sbgProjectedSurvivors,
} from 'retention-metrics';

// Customers still active at the start of years 0..12 (1,000 acquired in year 0).
const cohorts = {
  regular: [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173],
  'high end': [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394],
};
const fitYears = 7; // fit on years 0..7, keep years 8..12 to check the projection
const discountRate = 0.1;
const margin = 100;

const regularFit = fitSbg(cohorts.regular.slice(0, fitYears + 1));
const highEndFit = fitSbg(cohorts['high end'].slice(0, fitYears + 1));
const fits = [
  ['regular', regularFit],
  ['high end', highEndFit],
] as const;

console.log('sBG fits on years 0..7');
for (const [name, fit] of fits) {
  console.log(
    `  ${`${name}:`.padEnd(10)} alpha ${fit.alpha.toFixed(3)}, beta ${fit.beta.toFixed(3)}, ` +
      `log-likelihood ${fit.logLikelihood.toFixed(1)}, mean first-year churn ${((100 * fit.alpha) / (fit.alpha + fit.beta)).toFixed(1)} %`,
  );
}

const years = cohorts.regular.length - 1;
const regularProjection = sbgProjectedSurvivors(regularFit, { customers: 1000, periods: years });
const highEndProjection = sbgProjectedSurvivors(highEndFit, { customers: 1000, periods: years });
const cell = (value: string, width: number) => value.padStart(width);

console.log('');
console.log('Customers active at the start of each year: actual and projected');
console.log('year | regular |  sBG fit | high end |  sBG fit');
for (let year = 0; year <= years; year++) {
  const row = [
    cell(String(year), 4),
    cell(String(cohorts.regular[year]), 7),
    cell((regularProjection[year] ?? 0).toFixed(1), 8),
    cell(String(cohorts['high end'][year]), 8),
    cell((highEndProjection[year] ?? 0).toFixed(1), 8),
  ];
  console.log(`${row.join(' | ')}${year > fitYears ? '   (holdout)' : ''}`);
}

console.log('');
console.log(`Value of a customer at a ${discountRate * 100} % discount rate and a margin of ${margin} a year`);
for (const [name, fit] of fits) {
  const del = sbgDiscountedExpectedLifetime(fit, { discountRate });
  console.log(`  ${name}, new customer: DEL ${del.toFixed(2)} years, CLV ${(margin * del).toFixed(0)}`);
}
console.log('tenure | regular DERL |  CLV | high end DERL |  CLV');
for (let periodsActive = 1; periodsActive <= 5; periodsActive++) {
  const options = { discountRate, periodsActive };
  const row = [
    cell(String(periodsActive), 6),
    cell(sbgDiscountedResidualLifetime(regularFit, options).toFixed(2), 12),
    cell(sbgLifetimeValue(regularFit, { ...options, margin }).toFixed(0), 4),
    cell(sbgDiscountedResidualLifetime(highEndFit, options).toFixed(2), 13),
    cell(sbgLifetimeValue(highEndFit, { ...options, margin }).toFixed(0), 4),
  ];
  console.log(row.join(' | '));
}

console.log('');
console.log('Beta-discrete-Weibull against sBG (does each customer churn less, or more, with tenure?)');
for (const [name, survivors] of Object.entries(cohorts)) {
  const bdw = fitBdw(survivors.slice(0, fitYears + 1));
  const { likelihoodRatio, pValue, preferred } = bdw.comparison;
  console.log(
    `  ${`${name}:`.padEnd(10)} c = ${bdw.c.toFixed(2)}, likelihood ratio ${likelihoodRatio.toFixed(2)}, ` +
      `p = ${pValue < 0.01 ? pValue.toFixed(4) : pValue.toFixed(3)}: prefers ${preferred}`,
  );
}
