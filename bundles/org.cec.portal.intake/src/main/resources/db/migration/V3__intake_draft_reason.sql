-- Why a draft is kept: 'asked' (the visitor pressed "Email me a link to finish later") or 'preferences'
-- (kept as they typed, because they gave the preferences consent). A draft kept for the preferences
-- consent is deleted when the consent is withdrawn; one the visitor asked for stays until it is sent,
-- erased or expires. Drafts saved before this column existed were all asked for.
ALTER TABLE intake_draft ADD COLUMN reason VARCHAR(20) DEFAULT 'asked' NOT NULL
