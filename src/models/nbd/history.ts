import { RFM_ROW_FIELDS } from '../../internal/fields';
import { objectSchema, report } from '../../internal/schema';
import { nonNegativeNumber, numberField, parametersField, wholePeriod } from '../internal/inputs';
import { horizonField } from '../internal/terms';

/** The fields of a per-customer prediction call: the model's parameters and the customer's history. */
export function historyFields<const N extends readonly string[]>(parameterNames: N) {
  return {
    parameters: parametersField(parameterNames),
    frequency: numberField(wholePeriod),
    recency: numberField(nonNegativeNumber),
    age: numberField(nonNegativeNumber),
  };
}

/** A customer's history is consistent: recency within [0, age], and 0 without repeat purchases. */
export function checkHistory(
  v: { frequency: number; recency: number; age: number },
  ctx: Parameters<typeof report>[0],
): void {
  if (v.recency > v.age) report(ctx, 'recency', `must not exceed age (${v.age}), got ${v.recency}`);
  else if (v.frequency === 0 && v.recency !== 0) report(ctx, 'recency', 'must be 0 when frequency is 0');
}

/** The schema of a P(alive) call: `{ parameters, frequency, recency, age }` (other row fields ignored). */
export function aliveSchemaFor<const N extends readonly string[]>(parameterNames: N) {
  return objectSchema(historyFields(parameterNames), checkHistory, RFM_ROW_FIELDS);
}

/** The schema of an expected-purchases call: the history and a horizon (units or a calendar duration, from 0 on). */
export function expectedSchemaFor<const N extends readonly string[]>(parameterNames: N) {
  return objectSchema(
    { ...historyFields(parameterNames), horizon: horizonField('nonNegative') },
    checkHistory,
    RFM_ROW_FIELDS,
  );
}

/** The schema of a new customer's expected purchases: the parameters and a horizon (as above). */
export function newCustomerSchemaFor<const N extends readonly string[]>(parameterNames: N) {
  return objectSchema({ parameters: parametersField(parameterNames), horizon: horizonField('nonNegative') });
}
