-- Customer counts for consecutive calendar periods (monthly by default),
-- computed the way periodCountsSeries computes them.
-- Dialect: Snowflake. Recipe from retention-metrics, docs/sql/README.md.
-- Translated from docs/sql/duckdb/, with only the dialect changed; the tests
-- parse it (test/sql/dialects.test.ts) but cannot run it. Check it against the
-- library once on your own data. Instants are TIMESTAMP_NTZ values holding UTC
-- wall-clock time; weeks are ISO weeks whatever the WEEK_START parameter says.
--
-- Input: one row per lifecycle (subscription, contract): customer_id,
-- started_at, ended_at (NULL while still active), all UTC timestamps. A
-- lifecycle is active from started_at up to, not including, ended_at. A
-- customer may have any number of lifecycles; those that overlap or touch
-- (one ends at the instant the next starts) are merged into one stretch first.
--
-- Output: one row per period [period_start, period_end), oldest first, each
-- counted as docs/sql/snowflake/period-counts.sql counts one period:
--   customers_at_start      S: active at period_start, in a stretch that began before it
--   customers_at_end        E: active at period_end, in a stretch that began before it
--   new_customers           N: not in S, and a stretch begins in [period_start, period_end)
--   lost_customers          S + N - E (new customers who left within the period included)
--   retained_customers      in S and in E
--   new_and_lost_customers  in N, not in E
--   returning_customers     in N, with an earlier stretch that ended by period_start
-- One period's customers_at_end is the next one's customers_at_start.
--
-- Edit the params CTE (first period, how many, their length) and the
-- lifecycles CTE (your table). Periods are UTC calendar periods: 'day',
-- 'week' (ISO weeks, from Monday), 'month', 'quarter' or 'year'.
-- Cost: about one row per customer and period in which the customer is active.
WITH params AS (
  SELECT
    TO_TIMESTAMP_NTZ('2026-01-01 00:00:00') AS first_period, -- any instant in the first period (UTC)
    12 AS periods, -- how many consecutive periods
    'month' AS unit -- 'day', 'week', 'month', 'quarter' or 'year'
),
lifecycles AS (
  -- Your table. Columns of type TIMESTAMP_LTZ or TIMESTAMP_TZ: convert with
  -- CAST(CONVERT_TIMEZONE('UTC', started_at) AS TIMESTAMP_NTZ).
  SELECT
    customer_id,
    started_at,
    COALESCE(ended_at, TO_TIMESTAMP_NTZ('9999-12-31 00:00:00')) AS ended_at -- still active: an open end
  FROM subscriptions
),
periods AS (
  SELECT
    DATEADD(day, g.i * s.step_days, DATEADD(month, g.i * s.step_months, s.first_start)) AS period_start,
    DATEADD(day, (g.i + 1) * s.step_days, DATEADD(month, (g.i + 1) * s.step_months, s.first_start)) AS period_end
  FROM params AS p
  CROSS JOIN (
    SELECT
      CASE unit
        WHEN 'day' THEN DATE_TRUNC('DAY', first_period)
        WHEN 'week' THEN DATEADD(day, 1 - DAYOFWEEKISO(first_period), DATE_TRUNC('DAY', first_period))
        WHEN 'month' THEN DATE_TRUNC('MONTH', first_period)
        WHEN 'quarter' THEN DATE_TRUNC('QUARTER', first_period)
        WHEN 'year' THEN DATE_TRUNC('YEAR', first_period)
      END AS first_start,
      -- The period length in whole months and days.
      CASE unit WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'year' THEN 12 ELSE 0 END AS step_months,
      CASE unit WHEN 'day' THEN 1 WHEN 'week' THEN 7 ELSE 0 END AS step_days
    FROM params
  ) AS s
  CROSS JOIN (
    SELECT CAST(f.value AS INTEGER) AS i
    FROM params AS q, LATERAL FLATTEN(INPUT => ARRAY_GENERATE_RANGE(0, q.periods)) AS f
  ) AS g
),
-- Merge each customer's overlapping or touching lifecycles into stretches
-- (gaps and islands): a lifecycle begins a new stretch when it starts after
-- every earlier one (in the order started_at, ended_at) has ended.
ordered AS (
  SELECT
    customer_id,
    started_at,
    ended_at,
    MAX(ended_at) OVER (
      PARTITION BY customer_id ORDER BY started_at, ended_at
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ) AS earlier_end
  FROM lifecycles
),
numbered AS (
  SELECT
    customer_id,
    started_at,
    ended_at,
    SUM(CASE WHEN earlier_end IS NULL OR started_at > earlier_end THEN 1 ELSE 0 END) OVER (
      PARTITION BY customer_id ORDER BY started_at, ended_at
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS stretch_number
  FROM ordered
),
stretches AS (
  SELECT customer_id, MIN(started_at) AS stretch_start, MAX(ended_at) AS stretch_end
  FROM numbered
  GROUP BY customer_id, stretch_number
),
-- The end of each customer's first stretch: a customer whose first stretch
-- ended by a period's start had been a customer before it.
first_ends AS (
  SELECT customer_id, MIN(stretch_start) AS first_start, MIN(stretch_end) AS first_end
  FROM stretches
  GROUP BY customer_id
),
-- One row per period and customer with a stretch that reaches into the
-- period (begins before its end, ends at or after its start).
flags AS (
  SELECT
    pe.period_start,
    s.customer_id,
    MAX(CASE WHEN s.stretch_start < pe.period_start AND s.stretch_end > pe.period_start THEN 1 ELSE 0 END) AS at_start,
    MAX(CASE WHEN s.stretch_start < pe.period_end AND s.stretch_end > pe.period_end THEN 1 ELSE 0 END) AS at_end,
    MAX(CASE WHEN s.stretch_start >= pe.period_start THEN 1 ELSE 0 END) AS started
  FROM periods AS pe
  JOIN stretches AS s ON s.stretch_start < pe.period_end AND s.stretch_end >= pe.period_start
  GROUP BY pe.period_start, s.customer_id
),
classified AS (
  SELECT
    f.period_start,
    f.at_start,
    f.at_end,
    -- Active at the start, left and came back within the period: retained, not new.
    CASE WHEN f.at_start = 1 THEN 0 ELSE f.started END AS is_new,
    -- An earlier stretch: it began before the period and ended by its start.
    CASE WHEN fe.first_start < f.period_start AND fe.first_end <= f.period_start THEN 1 ELSE 0 END AS left_before
  FROM flags AS f
  JOIN first_ends AS fe ON fe.customer_id = f.customer_id
)
SELECT
  pe.period_start,
  pe.period_end,
  COALESCE(SUM(c.at_start), 0) AS customers_at_start,
  COALESCE(SUM(c.at_end), 0) AS customers_at_end,
  COALESCE(SUM(c.is_new), 0) AS new_customers,
  COALESCE(SUM(c.at_start) + SUM(c.is_new) - SUM(c.at_end), 0) AS lost_customers,
  COALESCE(SUM(c.at_start * c.at_end), 0) AS retained_customers,
  COALESCE(SUM(c.is_new * (1 - c.at_end)), 0) AS new_and_lost_customers,
  COALESCE(SUM(c.is_new * c.left_before), 0) AS returning_customers
FROM periods AS pe
LEFT JOIN classified AS c ON c.period_start = pe.period_start
GROUP BY pe.period_start, pe.period_end
ORDER BY pe.period_start;
