-- A cohort retention table from activity events, computed the way
-- cohortRetention computes it.
-- Dialect: Spark SQL (and Databricks). Recipe from retention-metrics, docs/sql/README.md.
-- Translated from docs/sql/duckdb/, with only the dialect changed; the tests
-- parse it (test/sql/dialects.test.ts) but cannot run it. Check it against the
-- library once on your own data. Run it with the session time zone set to UTC
-- (SET spark.sql.session.timeZone = UTC): TIMESTAMP values are truncated and
-- cut into days in the session time zone.
--
-- Input: one row per activity event (a purchase, a login): customer_id and
-- the instant it happened, in UTC.
--
-- A customer's cohort is the period of the customer's first event. For each
-- cohort and each period from the cohort's first up to the last observed
-- period, one output row:
--   cohort           the cohort's first period (its first day)
--   period_index     k: periods since the cohort's first (0, 1, 2, ...)
--   period           the period itself (its first day)
--   size             customers in the cohort
--   active           customers of the cohort with an event in the period
--   active_or_later  customers of the cohort whose last event is in the period
--                    or later (unbounded retention)
-- The rates are active / size and active_or_later / size (compute them exactly
-- with the library's Decimal, or as active * 1.0 / size for a chart).
--
-- The last observed period is the period holding as_of; with as_of NULL, the
-- period of the last event. Events after as_of are left out. Periods after
-- the last observed one get no row: younger cohorts have fewer rows, never
-- invented zeros. A 0 is an observed period with nobody of the cohort active.
--
-- Edit the params CTE (period length, as_of) and the event_rows CTE (your table).
-- Periods are UTC calendar periods: 'day', 'week' (ISO weeks, from Monday),
-- 'month', 'quarter' or 'year'.
-- Cost: one pass over the events, reduced to one row per customer and period
-- with activity; the table itself has cohorts x periods rows.
WITH params AS (
  SELECT
    'month' AS unit, -- 'day', 'week', 'month', 'quarter' or 'year'
    CAST(NULL AS TIMESTAMP) AS as_of -- last instant observed (UTC), or NULL: the last event
),
event_rows AS (
  -- Your table. Quote a column named at as `at`.
  -- Columns of type TIMESTAMP_NTZ holding UTC: convert with CAST(`at` AS TIMESTAMP).
  SELECT customer_id, `at` AS occurred_at
  FROM events
),
steps AS (
  SELECT
    unit,
    as_of,
    -- The period length in whole months and days.
    CASE unit WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'year' THEN 12 ELSE 0 END AS step_months,
    CASE unit WHEN 'day' THEN 1 WHEN 'week' THEN 7 ELSE 0 END AS step_days
  FROM params
),
-- One row per customer and period with activity, up to as_of.
activity AS (
  SELECT DISTINCT e.customer_id, date_trunc(p.unit, e.occurred_at) AS period_start
  FROM event_rows AS e
  CROSS JOIN params AS p
  WHERE p.as_of IS NULL OR e.occurred_at <= p.as_of
),
customers AS (
  SELECT customer_id, MIN(period_start) AS cohort_start, MAX(period_start) AS last_active
  FROM activity
  GROUP BY customer_id
),
bounds AS (
  SELECT
    MIN(c.cohort_start) AS first_period,
    COALESCE(date_trunc(s.unit, s.as_of), MAX(c.last_active)) AS last_period,
    s.step_months,
    s.step_days
  FROM customers AS c
  CROSS JOIN steps AS s
  GROUP BY s.unit, s.as_of, s.step_months, s.step_days
),
-- Every period from the first cohort's to the last observed, numbered.
calendar AS (
  SELECT g.period_start, ROW_NUMBER() OVER (ORDER BY g.period_start) AS period_number
  FROM bounds AS b
  LATERAL VIEW explode(
    sequence(b.first_period, b.last_period, make_interval(0, b.step_months, 0, b.step_days))
  ) g AS period_start
),
cohorts AS (
  SELECT cohort_start, COUNT(*) AS size
  FROM customers
  GROUP BY cohort_start
),
grid AS (
  SELECT
    co.cohort_start,
    co.size,
    ca.period_start,
    ca.period_number - first_ca.period_number AS period_index
  FROM cohorts AS co
  JOIN calendar AS first_ca ON first_ca.period_start = co.cohort_start
  JOIN calendar AS ca ON ca.period_start >= co.cohort_start
),
active_counts AS (
  SELECT cu.cohort_start, a.period_start, COUNT(*) AS active
  FROM activity AS a
  JOIN customers AS cu ON cu.customer_id = a.customer_id
  GROUP BY cu.cohort_start, a.period_start
),
last_counts AS (
  SELECT cohort_start, last_active AS period_start, COUNT(*) AS customers
  FROM customers
  GROUP BY cohort_start, last_active
)
SELECT
  CAST(g.cohort_start AS DATE) AS cohort,
  g.period_index,
  CAST(g.period_start AS DATE) AS period,
  g.size,
  COALESCE(a.active, 0) AS active,
  SUM(COALESCE(l.customers, 0)) OVER (
    PARTITION BY g.cohort_start ORDER BY g.period_start DESC
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  ) AS active_or_later
FROM grid AS g
LEFT JOIN active_counts AS a ON a.cohort_start = g.cohort_start AND a.period_start = g.period_start
LEFT JOIN last_counts AS l ON l.cohort_start = g.cohort_start AND l.period_start = g.period_start
ORDER BY cohort, g.period_index;
