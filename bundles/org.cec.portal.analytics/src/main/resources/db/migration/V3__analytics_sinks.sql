-- Partner analytics sinks (package rollups): each sink by its component.name (or service.pid), the day it
-- was first seen (deliveries start there) and the last day it confirmed; a sink that failed waits until
-- retry_at (backoff) and gets the same day again.
CREATE TABLE analytics_sink (
    sink_id VARCHAR(200) PRIMARY KEY,
    first_day DATE NOT NULL,
    delivered_through DATE,
    failures INT NOT NULL,
    retry_at TIMESTAMP,
    last_error VARCHAR(500),
    updated_at TIMESTAMP NOT NULL
);

-- Event-log events counted into analytics_daily (email opens and clicks, consent choices), by event id:
-- delivery is at least once, an event counted before is not counted again. day is the day it was counted
-- into (counted_day); the ids are deleted with the rollups of their day.
CREATE TABLE analytics_counted_event (
    event_id BIGINT PRIMARY KEY,
    counted_day DATE NOT NULL
);
CREATE INDEX analytics_counted_event_day ON analytics_counted_event (counted_day);
