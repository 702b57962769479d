-- Staff accounts of the Web Console, shared by every node of a cluster (package accounts).
-- password_hash: PBKDF2-HMAC-SHA256 (pbkdf2-sha256$iterations$salt$hash). must_change: the generated first
-- admin (or a password an admin set) must be replaced at the next sign-in. totp_secret: the second factor's
-- secret, sealed with the portal's keys (AES-GCM); totp_last_step: the last time step used (no replays).
CREATE TABLE staff_account (
    username VARCHAR(100) PRIMARY KEY,
    password_hash VARCHAR(300) NOT NULL,
    must_change BOOLEAN NOT NULL,
    disabled BOOLEAN NOT NULL,
    totp_secret VARCHAR(300),
    totp_last_step BIGINT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE staff_role (
    username VARCHAR(100) NOT NULL REFERENCES staff_account (username),
    role_name VARCHAR(40) NOT NULL,
    PRIMARY KEY (username, role_name)
);

-- One-time recovery codes of the second factor, as SHA-256 hashes (the codes are random, 50+ bits).
CREATE TABLE staff_recovery_code (
    username VARCHAR(100) NOT NULL REFERENCES staff_account (username),
    code_hash VARCHAR(64) NOT NULL,
    PRIMARY KEY (username, code_hash)
);

-- Console sessions (cookie cec_staff), by the SHA-256 of the random session id; the cookie is the id,
-- signed. pending_secret: a second factor being enrolled (sealed). stage: what the session still has to do (change-password, totp-enrol, totp) or signed-in.
CREATE TABLE staff_session (
    id_hash VARCHAR(64) PRIMARY KEY,
    username VARCHAR(100) NOT NULL REFERENCES staff_account (username),
    stage VARCHAR(20) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    address VARCHAR(64) NOT NULL,
    pending_secret VARCHAR(300)
);
CREATE INDEX staff_session_user ON staff_session (username);

-- API tokens for scripts (Authorization: Bearer), by the SHA-256 of the token: shown once, never stored.
CREATE TABLE staff_token (
    id VARCHAR(16) PRIMARY KEY,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    username VARCHAR(100) NOT NULL REFERENCES staff_account (username),
    label VARCHAR(100) NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX staff_token_user ON staff_token (username);
