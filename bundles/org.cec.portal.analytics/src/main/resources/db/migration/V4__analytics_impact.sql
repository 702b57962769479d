-- The public page /impact: counts taken from the event log (package impact). No personal data: no
-- name, email address, phone, street, full ZIP code or request reference; a ZIP code's first three
-- digits at most.

-- One count of a month (month_start: its first day): metric is requests (per service), leads (leads shared) or jobs-done (jobs a
-- contractor reported done). zip3 is '' when not known; service is '' for leads and jobs-done.
CREATE TABLE analytics_impact (
    metric VARCHAR(20) NOT NULL,
    month_start DATE NOT NULL,
    zip3 VARCHAR(3) NOT NULL,
    service VARCHAR(64) NOT NULL,
    counted BIGINT NOT NULL,
    PRIMARY KEY (metric, month_start, zip3, service)
);

-- The leads shared (by the directory's disclosure number), so that a job reported done is counted in
-- its lead's ZIP3, and only once however often its contractor reports it.
CREATE TABLE analytics_impact_lead (
    disclosure BIGINT PRIMARY KEY,
    zip3 VARCHAR(3) NOT NULL,
    done BOOLEAN NOT NULL
);

-- The ids of the events already counted: a repeated delivery counts nothing.
CREATE TABLE analytics_impact_seen (
    event_id BIGINT PRIMARY KEY
);
