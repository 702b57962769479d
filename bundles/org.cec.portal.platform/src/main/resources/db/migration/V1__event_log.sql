-- The platform's durable event log (see EventStore). Same SQL on H2 and PostgreSQL.

-- One row: the id of the last appended event. Appending transactions update it, and hold its
-- row lock until they commit, so event ids are handed out in commit order.
CREATE TABLE platform_event_counter (
    id INT NOT NULL PRIMARY KEY,
    last_id BIGINT NOT NULL
);
INSERT INTO platform_event_counter (id, last_id) VALUES (1, 0);

CREATE TABLE platform_event (
    id BIGINT NOT NULL PRIMARY KEY,
    type VARCHAR(200) NOT NULL,
    payload VARCHAR NOT NULL,
    appended_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX platform_event_type_id ON platform_event (type, id);

-- Each consumer's position: the id of the last event it handled (or that was parked).
CREATE TABLE platform_consumer (
    consumer_id VARCHAR(200) NOT NULL PRIMARY KEY,
    position BIGINT NOT NULL,
    event_types VARCHAR(4000) NOT NULL,
    attempts INT NOT NULL,
    failing_event_id BIGINT,
    next_attempt_at BIGINT NOT NULL,
    last_error VARCHAR(2000),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Events a consumer failed on too often; an admin can ask for a retry.
CREATE TABLE platform_parked_event (
    consumer_id VARCHAR(200) NOT NULL,
    event_id BIGINT NOT NULL,
    attempts INT NOT NULL,
    last_error VARCHAR(2000),
    parked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    retry_requested BOOLEAN NOT NULL,
    PRIMARY KEY (consumer_id, event_id)
);
