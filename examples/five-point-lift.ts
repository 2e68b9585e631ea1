// What does a 5-point retention lift do to profit? The design's scenario
// (retention 0.85, margin 100 a year, 10 % discount rate), then the acquisition
// costs under which the same lift gives the +95 % and +125 % often quoted.
import { acquisitionCostForProfitChange, retentionProfitSensitivity } from 'retention-metrics';

const scenario = { retentionRate: 0.85, retentionLift: 0.05, margin: 100, discountRate: 0.1 };

const plain = retentionProfitSensitivity(scenario);
console.log(`No acquisition cost: CLV ${plain.baseValue} -> ${plain.liftedValue}, profit ${plain.change.times(100)} %`);

for (const target of [0.95, 1.25]) {
  const acquisitionCost = acquisitionCostForProfitChange({ ...scenario, targetChange: target });
  const s = retentionProfitSensitivity({ ...scenario, acquisitionCost });
  console.log(
    `Acquisition cost ${acquisitionCost.toFixed(2)}: profit ${s.baseValue.toFixed(2)} -> ${s.liftedValue.toFixed(2)}, +${s.change.times(100).toFixed(1)} %`,
  );
}
