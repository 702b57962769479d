-- Hard bounces reported for an address (POST /email/bounces), counted until the address is put on the
-- suppression list (email_suppression) after hard.bounces.to.suppress of them (PID
-- org.cec.portal.email.bounces). Normalised addresses; times are epoch milliseconds. Taking an address
-- off the suppression list clears its count. The same SQL runs on H2 and PostgreSQL.
CREATE TABLE email_bounce (
    address VARCHAR(254) PRIMARY KEY,
    hard_bounces INT NOT NULL,
    first_at BIGINT NOT NULL,
    last_at BIGINT NOT NULL,
    last_reason VARCHAR(200) NOT NULL
);
