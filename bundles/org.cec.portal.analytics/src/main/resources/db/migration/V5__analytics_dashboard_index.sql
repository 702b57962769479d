-- The console page Analytics reads the rollups of one metric between two days and adds up their
-- events and visitors per day or per item. This index holds every column those queries read, so a
-- year's rows of a metric are read from the index alone (on PostgreSQL an index-only scan), never
-- from the table (bench/analytics-dashboard.sh, docs/benchmarks.md).
CREATE INDEX analytics_daily_metric_day ON analytics_daily (metric, rollup_day, item, events, visitors);
