/**
 * Every program in examples/ runs against the built package (it imports
 * 'retention-metrics', which resolves to dist/ through the exports map) and
 * prints what its comments promise. Expected figures are worked out in the
 * comments here, independently of the library.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;

function runExample(name: string): string {
  return execFileSync(tsx, [`examples/${name}`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

// What each example must print, line fragments with their derivation.
const promises: Record<string, string[]> = {
  // (2510 - 230) / 2400 = 0.95; 0.95^12 = 0.5404; 1 / 0.05 = 20
  'what-is-my-retention.ts': [
    'Monthly retention:          95.0 %',
    'Monthly churn:              5.0 %',
    '54.0 %',
    '20.0 months',
  ],
  // margin 49 x 0.8 - 4.2 = 35; CLV = 35 x 1.008 / (1.008 - 0.97) = 928.42; / 3 = 309.47; 928.42 / 420 = 2.21;
  // 420 / 35 = 12; sum_{t<k} 35 (0.97/1.008)^t first reaches 420 at k = 16.
  'what-may-i-spend-to-acquire.ts': ['928.42', '309.47', '2.21', '12.0 months', 'counting churn:      16 months'],
  // 110 / 0.25 = 440, 110 / 0.20 = 550; 440 - 110 / 0.95 = 324.21; 440 - 110 / 1.25 = 352
  'five-point-lift.ts': [
    'CLV 440 -> 550, profit 25 %',
    'Acquisition cost 324.21',
    '+95.0 %',
    'Acquisition cost 352.00',
    '+125.0 %',
  ],
  // year 10: 10 x 40 x (100 - 150) = -20000
  'forty-who-leave-or-twenty-who-stay.ts': ['-20000'],
  'how-concentrated-is-my-revenue.ts': ['Customers: 50000', '80 % of revenue comes from the top'],
  // Fader and Hardie (2007), reference/sbg-fader-hardie-2007.json: the fits on years 0..7 are published
  // as alpha 0.704, beta 1.182, LL -1680.3 (regular) and 0.668, 3.806, -1611.2 (high end); each table row
  // is the year, the actual counts from the file and the file's published projections (rounded to 0.1).
  // DEL and DERL: a Python brute-force sum of S(t)/S(n-1)/1.1^(t-n) with the published parameters gives
  // DEL 5.9226 (high end) and DERL 2.9647, 4.1035, 4.8701, 5.4424, 5.8944 (regular) and 5.4149, 5.9018,
  // 6.2943, 6.6203, 6.8971 (high end) for tenure 1..5; CLV = 100 x DERL. BdW: scipy's Nelder-Mead on
  // ln B(a, b + t^c) - ln B(a, b) gives c = 1.2835, LR 1.3247, p 0.2497 (regular) and c = 1.7236,
  // LR 11.688, p 0.00063 (high end); chi-square(1) critical value 3.84 at 5 %.
  'contractual-retention.ts': [
    'regular:   alpha 0.704, beta 1.182, log-likelihood -1680.3',
    'high end:  alpha 0.668, beta 3.806, log-likelihood -1611.2',
    '   1 |     631 |    626.7 |      869 |    850.7',
    '   7 |     241 |    239.0 |      491 |    488.9',
    '   8 |     223 |    220.1 |      468 |    460.4   (holdout)',
    '   9 |     207 |    204.4 |      445 |    435.8   (holdout)',
    '  10 |     194 |    191.2 |      427 |    414.2   (holdout)',
    '  11 |     183 |    179.9 |      409 |    395.1   (holdout)',
    '  12 |     173 |    170.0 |      394 |    378.0   (holdout)',
    'high end, new customer: DEL 5.92 years, CLV 592',
    '     1 |         2.96 |  296 |          5.41 |  541',
    '     2 |         4.10 |  410 |          5.90 |  590',
    '     3 |         4.87 |  487 |          6.29 |  629',
    '     4 |         5.44 |  544 |          6.62 |  662',
    '     5 |         5.89 |  589 |          6.90 |  690',
    'regular:   c = 1.28, likelihood ratio 1.32, p = 0.250: prefers sbg',
    'high end:  c = 1.72, likelihood ratio 11.69, p = 0.0006: prefers bdw',
  ],
  // CDNOW sample, test/fixtures/cdnow and /work/shared/reference/README.md: 2,357 customers in the published
  // summary, all first seen in the first quarter of 1997; 1997-09-30 to 1998-06-30 is 273 days = 39 weeks.
  // Parameters: the published BG/NBD (Fader, Hardie and Lee 2005: r 0.243, alpha 4.414, a 0.793, b 2.426)
  // and Gamma-Gamma (Fader and Hardie: p 6.25, q 3.74, gamma 15.44 on 946 customers with x > 0), rounded
  // as published; the correlation of x and zbar over those 946 rows of the published summary, computed in
  // Python (statistics.correlation), is 0.1139. Holdout rows: a Python count of distinct purchase days
  // per customer in the raw file (x = calibration days - 1, holdout = days in 1997-10-01..1998-06-30):
  // 1411, 439, 214, 100, 62, 38, 29, 64 customers with 334, 306, 298, 156, 157, 112, 112, 407 holdout
  // days (means 0.237, 0.697, 1.393, 1.560, 2.532, 2.947, 3.862, 6.359), 1882 in all.
  'cdnow-customer-value.ts': [
    'CDNOW sample: 2357 customers first seen by 1997-09-30 (0 later), holdout 39 weeks to 1998-06-30',
    'BG/NBD:      r 0.243, alpha 4.414, a 0.793, b 2.426',
    'Gamma-Gamma: p 6.25, q 3.74, gamma 15.44 on 946 repeat buyers (frequency-spend correlation 0.11)',
    'Top 10 customers by predicted 52-week value (discount 0.0018 a week)',
    '    0 |      1411 |  0.237 |',
    '    1 |       439 |  0.697 |',
    '    2 |       214 |  1.393 |',
    '    3 |       100 |  1.560 |',
    '    4 |        62 |  2.532 |',
    '    5 |        38 |  2.947 |',
    '    6 |        29 |  3.862 |',
    '   7+ |        64 |  6.359 |',
    'Holdout purchases in all: actual 1882,',
  ],
  // examples/data/subscriptions.csv: a Python brute force over the file (each customer and month
  // checked at the month's first instant and the millisecond before it, no interval merging) counts 300
  // rows of 276 customers; January 2026: S 67, N 14, E 74, lost 67 + 14 - 74 = 7, (74 - 14) / 67 =
  // 89.6 %, retained 60 / 67 = 89.6 %; July: S 105, N 17, E 99, lost 23, 82 / 105 = 78.1 %, retained 84 /
  // 105 = 80.0 %; December: 113, 14, 116, 11, 90.3 %, 91.2 %. Cohorts (month of first activity, activity
  // = every month a subscription overlaps): 2025-07 has 21 customers, active 21, 19, 15, 15, 14, 13, 12, 13,
  // 12, 10, 8, 7, 7, 6, 7, 7, 5, 5 in months 0..17 (/ 21, rounded half even to whole percents); 2026-12 has 13.
  // The published CDNOW fit (Fader, Hardie and Lee 2005); 12 months of 30.4375 days are 365.25 / 7 = 52.18 weeks,
  // and 10 % a year is 1.1^(7/365.25) - 1 = 0.1828 % a week (worked out by hand, not by the library).
  'rank-customers-by-value.ts': [
    'BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426; fit in units of 7 days',
    'Scored 2357 customers in',
    'horizon 52.18 weeks, discount 0.1828 % a week',
    'customer | P(alive) | P(none in year) | purchases | $/purchase | residual $ | total $',
    'customer | residual $ | 90 % interval',
    'Next year, 90 % intervals from 100 draws: expected purchases',
    'batch and per-customer values agree to within 1e-12',
  ],
  'subscriptions-csv.ts': [
    'Read 300 subscriptions of 276 customers.',
    '2026-01 |    67 |  14 |    7 |   74 |      89.6 % |        89.6 %',
    '2026-07 |   105 |  17 |   23 |   99 |      78.1 % |        80.0 %',
    '2026-12 |   113 |  14 |   11 |  116 |      90.3 % |        91.2 %',
    '2025-07 |   21 | 100  90  71  71  67  62  57  62  57  48  38  33  33  29  33  33  24  24',
    '2026-12 |   13 | 100',
  ],
  // examples/data/saas-subscriptions.csv, 41 rows of 30 customers: a Python brute force over the file
  // (Fractions; each customer's MRR at the last instant before each month boundary b is the sum of
  // (amount - discount) / months of interval over the rows with started_at < b <= ended_at; per month the
  // customer's start and end MRR s, e give new (s = 0 < e, never paid at an earlier boundary since 2024),
  // reactivation (same, paid earlier), churn (e = 0 < s, of s), expansion (e - s) or contraction (s - e);
  // default churn = (churned + joined-and-left) / S, chartmogul and profitwell churned / S, baremetrics the
  // customers who stop in the 30 days up to b and do not pay at b over those paying 30 days before b; net
  // MRR churn (contraction + churn - expansion) / start, chartmogul also - reactivation; quick ratio (new +
  // expansion + reactivation) / (contraction + churn), baremetrics without reactivation; ARPA end / E; LTV
  // ARPA / churn, trailing LTV ARPA / mean churn of the six months before), rounded half even. By hand, March:
  // 1206 - 29 (u05, refunded cancellation on 15 Mar) - 99 (u12, upgraded to 249 on 8 Mar, cancelled on 25 Mar:
  // its starting 99) = 1078; u13 signed up and cancelled within March: in no movement, lost under the default,
  // 3 / 15 = 20 %, 2 / 15 = 13.33 % for chartmogul and profitwell. April: u15 back after leaving in 2025,
  // reactivation 99: net MRR churn 50 / 1078 = 4.64 %, chartmogul (50 - 99) / 1078 = -4.55 %, quick ratio
  // (49 + 99) / 50 = 2.96, baremetrics 49 / 50 = 0.98.
  'saas-mrr-movements.ts': [
    'Read 41 subscription rows of 30 customers.',
    '2026-01 |  1007.00 |   128.00 |     29.00 |         0.00 |        0.00 |    49.00 |  1115.00 |        15',
    '2026-02 |  1115.00 |    90.00 |     50.00 |         0.00 |        0.00 |    49.00 |  1206.00 |        15',
    '2026-03 |  1206.00 |     0.00 |      0.00 |         0.00 |        0.00 |   128.00 |  1078.00 |        13',
    '2026-04 |  1078.00 |    49.00 |      0.00 |        99.00 |       50.00 |     0.00 |  1176.00 |        15',
    '2026-05 |  1176.00 |   148.00 |      0.00 |         0.00 |        0.00 |    99.00 |  1225.00 |        16',
    '2026-06 |  1225.00 |    99.00 |     29.00 |        49.00 |        0.00 |    99.00 |  1303.00 |        17',
    '2026-07 |  1303.00 |    99.00 |      0.00 |         0.00 |       29.00 |     0.00 |  1373.00 |        18',
    '2026-08 |  1373.00 |    29.00 |      0.00 |         0.00 |        0.00 |    49.00 |  1353.00 |        18',
    '2026-09 |  1353.00 |   200.00 |     50.00 |        99.00 |        0.00 |     0.00 |  1702.00 |        20',
    '2026-10 |  1702.00 |     0.00 |      0.00 |         0.00 |       50.00 |     0.00 |  1652.00 |        20',
    '2026-11 |  1652.00 |    39.00 |     49.00 |         0.00 |        0.00 |    49.00 |  1691.00 |        20',
    '2026-12 |  1691.00 |    99.00 |      0.00 |         0.00 |       29.00 |    49.00 |  1712.00 |        20',
    '2026-01 |         7.14 % |          4.87 % |        1.99 % |  98.01 % |  95.13 % |        3.20 | 74.33',
    '2026-02 |         6.67 % |          4.39 % |       -0.09 % | 100.09 % |  95.61 % |        2.86 | 80.40',
    '2026-03 |        20.00 % |         10.61 % |       10.61 % |  89.39 % |  89.39 % |        0.00 | 82.92',
    '2026-04 |         0.00 % |          4.64 % |        4.64 % |  95.36 % |  95.36 % |        2.96 | 78.40',
    '2026-05 |         6.67 % |          8.42 % |        8.42 % |  91.58 % |  91.58 % |        1.49 | 76.56',
    '2026-06 |         6.25 % |          8.08 % |        5.71 % |  94.29 % |  91.92 % |        1.79 | 76.65',
    '2026-07 |         0.00 % |          2.23 % |        2.23 % |  97.77 % |  97.77 % |        3.41 | 76.28',
    '2026-08 |         5.56 % |          3.57 % |        3.57 % |  96.43 % |  96.43 % |        0.59 | 75.17',
    '2026-09 |         0.00 % |          0.00 % |       -3.70 % | 103.70 % | 100.00 % |           - | 85.10',
    '2026-10 |         5.00 % |          2.94 % |        2.94 % |  97.06 % |  97.06 % |        0.00 | 82.60',
    '2026-11 |         5.00 % |          2.97 % |        0.00 % | 100.00 % |  97.03 % |        1.80 | 84.55',
    '2026-12 |        10.00 % |          4.61 % |        4.61 % |  95.39 % |  95.39 % |        1.27 | 85.60',
    '2026-01 |            7.14 % |            7.14 % |            6.67 % |            7.14 % |                 1.99 % |     1.99 % |                 3.20 |        3.20',
    '2026-02 |            6.67 % |            6.67 % |            6.67 % |            6.67 % |                -0.09 % |    -0.09 % |                 2.86 |        2.86',
    '2026-03 |           20.00 % |           13.33 % |           20.00 % |           13.33 % |                10.61 % |    10.61 % |                 0.00 |        0.00',
    '2026-04 |            0.00 % |            0.00 % |            0.00 % |            0.00 % |                 4.64 % |    -4.55 % |                 2.96 |        0.98',
    '2026-05 |            6.67 % |            6.67 % |            0.00 % |            6.67 % |                 8.42 % |     8.42 % |                 1.49 |        1.49',
    '2026-06 |            6.25 % |            6.25 % |            6.25 % |            6.25 % |                 5.71 % |     1.71 % |                 1.79 |        1.29',
    '2026-07 |            0.00 % |            0.00 % |            0.00 % |            0.00 % |                 2.23 % |     2.23 % |                 3.41 |        3.41',
    '2026-08 |            5.56 % |            5.56 % |            5.56 % |            5.56 % |                 3.57 % |     3.57 % |                 0.59 |        0.59',
    '2026-09 |            0.00 % |            0.00 % |            0.00 % |            0.00 % |                -3.70 % |   -11.01 % |                    - |           -',
    '2026-10 |            5.00 % |            0.00 % |            4.76 % |            0.00 % |                 2.94 % |     2.94 % |                 0.00 |        0.00',
    '2026-11 |            5.00 % |            5.00 % |            5.00 % |            5.00 % |                 0.00 % |     0.00 % |                 1.80 |        1.80',
    '2026-12 |           10.00 % |            5.00 % |            5.00 % |            5.00 % |                 4.61 % |     4.61 % |                 1.27 |        1.27',
    '2026-12, chartmogul: ARPA 85.60, LTV 1712.00, trailing six-month LTV 3056.13',
    '2026-03: churned u05, u12 (128.00); joined and left within the month: 1',
  ],
  'demo.ts': [
    'W01',
    'retentionRate = 0.9 (90 %)',
    'CLV 440 -> 550, 25.0 %',
    '95.0 %',
    '125.0 %',
    '= 10.0 % of costs',
    'top 20 % bring 80.0 %',
    'C13',
  ],
  // The same CDNOW sample through DuckDB: a Python count of the raw file (distinct purchase days per customer,
  // whole days to 1997-09-30) gives 2,357 customers with 1,016 distinct (x, t_x, T) and 1,882 holdout days.
  // The fit is the published BG/NBD (Fader, Hardie and Lee 2005: r 0.243, alpha 4.414, a 0.793, b 2.426).
  // With the published parameters, mpmath's hyp2f1 over those 2,357 histories gives 1653.4 expected
  // holdout purchases (39 weeks) and a mean P(alive) of 0.8134.
  'warehouse-duckdb.ts': [
    '2357 customers in 1016 grouped rows',
    'BG/NBD: r 0.243, alpha 4.414, a 0.793, b 2.426, converged true',
    'scored in the database: 2357 customers',
    'holdout purchases: expected 1653, actual 1882; mean P(alive) 0.813',
    'from the grouped rows: expected 1653',
  ],
};

describe('examples', () => {
  const files = readdirSync(`${root}examples`).filter((f) => f.endsWith('.ts'));

  it('has a promise written down for every example file', () => {
    expect(files.sort()).toEqual(Object.keys(promises).sort());
  });

  it.each(files)(
    '%s runs and prints what it promises',
    (file) => {
      const output = runExample(file);
      for (const fragment of promises[file] ?? []) expect(output).toContain(fragment);
      // As long as runExample allows: the CDNOW examples take about 10 s alone, twice that on a loaded machine.
    },
    60_000,
  );
});
