-- Consent module: policy versions, consent receipts, person-level opt-outs and pending opt-ins.
-- No IP address, no user agent, no other identifier of the browser is stored. Receipts are not
-- linked to a person.

CREATE TABLE consent_policy_version (
    id VARCHAR(120) NOT NULL PRIMARY KEY,
    version VARCHAR(32) NOT NULL,
    policy_hash VARCHAR(64) NOT NULL,
    banner_hash VARCHAR(64) NOT NULL,
    first_used_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE consent_receipt (
    receipt_id VARCHAR(32) NOT NULL PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    choice VARCHAR(16) NOT NULL,
    source VARCHAR(16) NOT NULL,
    preferences BOOLEAN NOT NULL,
    analytics BOOLEAN NOT NULL,
    marketing BOOLEAN NOT NULL,
    policy_version VARCHAR(32) NOT NULL,
    policy_hash VARCHAR(64) NOT NULL,
    banner_hash VARCHAR(64) NOT NULL,
    dnt BOOLEAN NOT NULL,
    gpc BOOLEAN NOT NULL
);

CREATE INDEX consent_receipt_created ON consent_receipt (created_at);

CREATE TABLE consent_opt_out (
    id VARCHAR(32) NOT NULL PRIMARY KEY,
    email VARCHAR(254) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT consent_opt_out_person_kind UNIQUE (email, kind)
);

CREATE TABLE consent_opt_in_request (
    id VARCHAR(32) NOT NULL PRIMARY KEY,
    email VARCHAR(254) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status VARCHAR(16) NOT NULL
);

CREATE INDEX consent_opt_in_request_email ON consent_opt_in_request (email);
