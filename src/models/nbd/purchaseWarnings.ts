import type { FrequencyRecencyData } from './summaryData';

/**
 * What a set of customer summaries cannot tell a purchase model (BG/NBD,
 * Pareto/NBD), in plain words: checked before fitting, reported in the fit's
 * warnings.
 */
export function purchaseDataWarnings(data: FrequencyRecencyData): string[] {
  const warnings: string[] = [];
  const { frequency, recency, age, customers } = data;
  let repeaters = 0;
  let silent = 0;
  for (let i = 0; i < frequency.length; i++) {
    if ((frequency[i] as number) === 0) continue;
    repeaters += data.weight[i] as number;
    if ((recency[i] as number) < (age[i] as number)) silent += data.weight[i] as number;
  }
  if (repeaters === 0) {
    warnings.push(
      'no customer made a repeat purchase: the purchase rate and the drop-out process cannot be estimated (the likelihood only rises as the purchase rate falls to 0); use a longer calibration period or more customers',
    );
  } else if (silent === 0) {
    warnings.push(
      'every repeat buyer bought last at the very end of the calibration period: the data show no silence after a purchase, so drop-out cannot be estimated',
    );
  }
  if (customers === 1) {
    warnings.push(
      'only one customer: the spread of purchase and drop-out rates across customers cannot be estimated from one history',
    );
  } else if (frequency.length === 1) {
    warnings.push(
      `all ${customers} customers have the same history: the spread of purchase and drop-out rates across customers cannot be estimated`,
    );
  }
  return warnings;
}
