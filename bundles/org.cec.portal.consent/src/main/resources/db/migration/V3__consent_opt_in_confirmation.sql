-- An opt-in request is confirmed through a signed link sent to its address: the language to write that
-- email in, and when the person confirmed (the opt-out is then withdrawn).
ALTER TABLE consent_opt_in_request ADD COLUMN language VARCHAR(8) DEFAULT 'en' NOT NULL;

ALTER TABLE consent_opt_in_request ADD COLUMN confirmed_at TIMESTAMP WITH TIME ZONE;
