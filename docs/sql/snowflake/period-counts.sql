-- Customer counts for one period, computed the way periodCounts computes them.
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
-- Output: one row for the period [period_start, period_end):
--   customers_at_start      S: active at period_start, in a stretch that began before it
--   customers_at_end        E: active at period_end, in a stretch that began before it
--   new_customers           N: not in S, and a stretch begins in [period_start, period_end)
--   lost_customers          S + N - E (new customers who left within the period included)
--   retained_customers      in S and in E
--   new_and_lost_customers  in N, not in E
--   returning_customers     in N, with an earlier stretch that ended by period_start
-- Pass customers_at_start, customers_at_end and new_customers (or
-- lost_customers) to retentionRate and churnRate.
--
-- Edit the params CTE (the period) and the lifecycles CTE (your table).
-- Cost: one pass over the lifecycles, plus a sort per customer to merge them.
WITH params AS (
  SELECT
    TO_TIMESTAMP_NTZ('2026-03-01 00:00:00') AS period_start, -- first instant of the period (UTC), included
    TO_TIMESTAMP_NTZ('2026-04-01 00:00:00') AS period_end -- first instant after the period (UTC), excluded
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
-- One row per customer: where the customer stands in the period.
flags AS (
  SELECT
    s.customer_id,
    MAX(CASE WHEN s.stretch_start < p.period_start AND s.stretch_end > p.period_start THEN 1 ELSE 0 END) AS at_start,
    MAX(CASE WHEN s.stretch_start < p.period_end AND s.stretch_end > p.period_end THEN 1 ELSE 0 END) AS at_end,
    MAX(CASE WHEN s.stretch_start >= p.period_start AND s.stretch_start < p.period_end THEN 1 ELSE 0 END) AS started,
    MAX(CASE WHEN s.stretch_start < p.period_start AND s.stretch_end <= p.period_start THEN 1 ELSE 0 END) AS left_before
  FROM stretches AS s
  CROSS JOIN params AS p
  GROUP BY s.customer_id
),
classified AS (
  SELECT
    customer_id,
    at_start,
    at_end,
    -- Active at the start, left and came back within the period: retained, not new.
    CASE WHEN at_start = 1 THEN 0 ELSE started END AS is_new,
    left_before
  FROM flags
)
SELECT
  p.period_start,
  p.period_end,
  COALESCE(SUM(c.at_start), 0) AS customers_at_start,
  COALESCE(SUM(c.at_end), 0) AS customers_at_end,
  COALESCE(SUM(c.is_new), 0) AS new_customers,
  COALESCE(SUM(c.at_start) + SUM(c.is_new) - SUM(c.at_end), 0) AS lost_customers,
  COALESCE(SUM(c.at_start * c.at_end), 0) AS retained_customers,
  COALESCE(SUM(c.is_new * (1 - c.at_end)), 0) AS new_and_lost_customers,
  COALESCE(SUM(c.is_new * c.left_before), 0) AS returning_customers
FROM params AS p
LEFT JOIN classified AS c ON TRUE
GROUP BY p.period_start, p.period_end;
