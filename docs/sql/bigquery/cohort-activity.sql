-- Activity events reduced to one row per customer and period: the smallest
-- input from which cohortRetention computes the same table as from every event.
-- Dialect: BigQuery (GoogleSQL). Recipe from retention-metrics, docs/sql/README.md.
-- Translated from docs/sql/duckdb/, with only the dialect changed; the tests
-- parse it (test/sql/dialects.test.ts) but cannot run it. Check it against the
-- library once on your own data. Instants are TIMESTAMP values, truncated and
-- cut into days in UTC (the explicit 'UTC' arguments).
--
-- cohortRetention only needs to know in which periods each customer was
-- active. Ten million events of 400,000 customers over two years become at
-- most 400,000 x 24 rows, usually far fewer. Pass each row to cohortRetention
-- as { customerId: customer_id, at: period_start } with the same period
-- length (and, when you give one, the same asOf) as here.
--
-- Output: customer_id, period_start (the first instant of a period in which
-- the customer had at least one event, UTC), one row per pair.
--
-- Edit the params CTE (the period length, as_of) and the event_rows CTE (your table).
WITH params AS (
  SELECT
    'month' AS unit, -- 'day', 'week', 'month', 'quarter' or 'year'
    CAST(NULL AS TIMESTAMP) AS as_of -- last instant observed (UTC), or NULL: every event
),
event_rows AS (
  -- Your table. AT is a reserved keyword in BigQuery: quote the column as `at`.
  -- Columns of type DATETIME holding UTC: convert with TIMESTAMP(`at`, 'UTC').
  SELECT customer_id, `at` AS occurred_at
  FROM events
)
-- Events after as_of are left out here, as cohortRetention leaves them out:
-- an event later in the as_of period must not bring its period start back in.
SELECT DISTINCT
  e.customer_id,
  CASE p.unit
    WHEN 'day' THEN TIMESTAMP_TRUNC(e.occurred_at, DAY, 'UTC')
    WHEN 'week' THEN TIMESTAMP_TRUNC(e.occurred_at, ISOWEEK, 'UTC')
    WHEN 'month' THEN TIMESTAMP_TRUNC(e.occurred_at, MONTH, 'UTC')
    WHEN 'quarter' THEN TIMESTAMP_TRUNC(e.occurred_at, QUARTER, 'UTC')
    WHEN 'year' THEN TIMESTAMP_TRUNC(e.occurred_at, YEAR, 'UTC')
  END AS period_start
FROM event_rows AS e
CROSS JOIN params AS p
WHERE p.as_of IS NULL OR e.occurred_at <= p.as_of
ORDER BY customer_id, period_start;
