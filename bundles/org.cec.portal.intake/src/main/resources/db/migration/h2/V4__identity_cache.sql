-- H2 writes an identity column's sequence to disk, with a commit of its own, every time the
-- sequence's cache of values runs out (32 by default). A submission takes three values, so under
-- load that cost more disk writes than the submissions' own commits. With 1000 cached values it is
-- rare; values cached but unused when the process dies are skipped (ids are internal, references are
-- not derived from them).
ALTER TABLE intake_request ALTER COLUMN id SET CACHE 1000;
ALTER TABLE intake_request_service ALTER COLUMN id SET CACHE 1000;
ALTER TABLE intake_request_answer ALTER COLUMN id SET CACHE 1000;
ALTER TABLE intake_audit ALTER COLUMN id SET CACHE 1000;
