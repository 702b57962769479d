-- The audit log of personal data (api.audit.AuditLog): one row per view, export, change or deletion
-- by staff. Rows are only ever inserted. seq counts 1, 2, 3, ... without gaps; entry_hash is the
-- SHA-256 (hex) of prev_hash and the entry's fields (audit/AuditChain), prev_hash the entry_hash of
-- seq - 1 (64 zeros for the first), so that a changed, removed or inserted row breaks the chain.
-- The one row of audit_head holds the last seq and hash; a writer locks it (SELECT ... FOR UPDATE) in
-- its transaction, so concurrent transactions, on one node or several, append one after the other.
-- The same SQL runs on H2 and PostgreSQL.
CREATE TABLE audit_entry (
    seq BIGINT NOT NULL PRIMARY KEY,
    at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor VARCHAR(100) NOT NULL,
    address VARCHAR(64) NOT NULL,
    module VARCHAR(40) NOT NULL,
    action VARCHAR(40) NOT NULL,
    record VARCHAR(200) NOT NULL,
    detail VARCHAR(500) NOT NULL,
    prev_hash CHAR(64) NOT NULL,
    entry_hash CHAR(64) NOT NULL
);

CREATE INDEX audit_entry_at ON audit_entry (at);
CREATE INDEX audit_entry_record ON audit_entry (module, record);
CREATE INDEX audit_entry_actor ON audit_entry (actor, at);

CREATE TABLE audit_head (
    id INT NOT NULL PRIMARY KEY,
    last_seq BIGINT NOT NULL,
    last_hash CHAR(64) NOT NULL
);

INSERT INTO audit_head (id, last_seq, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
