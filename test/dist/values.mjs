// The W01-W05 values and one error, computed by whichever build of the
// package is passed in. Shared by the ESM, CommonJS and Deno smoke scripts.
export function smokeValues(lib) {
  const clv = lib.customerLifetimeValue({ margin: 100, retentionRate: 0.8 });
  let error;
  try {
    lib.retentionRate({ customersAtStart: 0, customersAtEnd: 1, newCustomers: 0 });
  } catch (e) {
    error = { name: e.name, is: lib.MetricInputError.is(e), field: e.field };
  }
  return {
    W01: lib.retentionRate({ customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 }).toString(),
    W03: lib.churnRate({ customersAtStart: 100, lostCustomers: 10 }).toString(),
    W04: lib.averageRevenuePerCustomer({ revenue: 1800000, customers: 600 }).toString(),
    W05: { lifetimeValue: clv.toString(), ceiling: lib.maxAcquisitionCost({ lifetimeValue: clv }).toString() },
    sensitivity: lib
      .retentionProfitSensitivity({ retentionRate: 0.85, retentionLift: 0.05, margin: 100, discountRate: 0.1 })
      .change.toString(),
    gini: lib.revenueConcentration([500, 300, 100, 50, 50]).gini.toString(),
    error,
  };
}
