// From a CSV of subscriptions to monthly retention and a cohort triangle.
// Each row of examples/data/subscriptions.csv is one subscription:
// customer_id,started_at,ended_at, with ended_at empty while it is active.
// The file was extracted on 2026-12-31; dates without a time are midnight UTC.
import { readFileSync } from 'node:fs';
import { type ActivityEvent, cohortRetention, type Lifecycle, periodCountsSeries } from 'retention-metrics';

const text = readFileSync(new URL('./data/subscriptions.csv', import.meta.url), 'utf8');
const [header, ...lines] = text.trim().split(/\r?\n/);
if (header !== 'customer_id,started_at,ended_at') throw new Error(`unexpected header: ${header}`);

const lifecycles: Lifecycle[] = lines.map((line) => {
  const [customerId = '', startedAt = '', endedAt = ''] = line.split(',');
  return { customerId, startedAt, endedAt: endedAt === '' ? null : endedAt };
});
const customers = new Set(lifecycles.map((l) => l.customerId)).size;
console.log(`Read ${lifecycles.length} subscriptions of ${customers} customers.`);

// Monthly retention for 2026: one row of counts per month.
const percent = (x: { times(n: number): { toFixed(d: number): string } } | null) =>
  x === null ? '     -' : `${x.times(100).toFixed(1)} %`.padStart(7);
console.log('');
console.log('Month   | Start | New | Lost |  End | (E - N) / S | Starting kept');
for (const m of periodCountsSeries(lifecycles, { from: '2026-01-01', periods: 12, period: 'month' })) {
  const cells = [m.customersAtStart, m.newCustomers, m.lostCustomers, m.customersAtEnd];
  const [s, n, l, e] = cells.map((c, i) => String(c).padStart(i === 1 ? 3 : i === 0 ? 5 : 4));
  console.log(
    `${m.periodStart.slice(0, 7)} | ${s} | ${n} | ${l} | ${e} |     ${percent(m.retentionRate)} |       ${percent(m.startingCustomerRetention)}`,
  );
}

// A monthly cohort triangle. Activity events: each subscription's start, and the
// first instant of every later month in which it is still active (up to the extract date).
const extract = Date.UTC(2026, 11, 31);
const events: ActivityEvent[] = [];
for (const { customerId, startedAt, endedAt } of lifecycles) {
  const start = Date.parse(String(startedAt).length === 10 ? `${startedAt}T00:00:00Z` : String(startedAt));
  const end = endedAt === null || endedAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(`${endedAt}T00:00:00Z`);
  events.push({ customerId, at: start });
  const first = new Date(start);
  for (let k = 1; ; k++) {
    const month = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k, 1);
    if (month >= end || month > extract) break;
    events.push({ customerId, at: month });
  }
}
const table = cohortRetention(events, { period: 'month', asOf: '2026-12-31' });
console.log('');
console.log('Share of each cohort active in month k after its first (%), and cohort sizes:');
const columns = Math.max(...table.cohorts.map((c) => c.active.length));
console.log(`Cohort  | Size | ${Array.from({ length: columns }, (_, k) => String(k).padStart(3)).join(' ')}`);
for (const c of table.cohorts) {
  const cells = c.activeRate.map((r) => r.times(100).toFixed(0).padStart(3)).join(' ');
  console.log(`${c.cohort.slice(0, 7)} | ${String(c.size).padStart(4)} | ${cells}`);
}
