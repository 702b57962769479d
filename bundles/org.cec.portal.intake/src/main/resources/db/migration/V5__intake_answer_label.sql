-- The label of a chosen answer as the form showed it (a choice question's option), kept next to the
-- option's value: staff still read "Under $50,000" rather than "under-50k" once the plugin that asked
-- the question is gone. Empty for text and number answers, and for answers stored before.
ALTER TABLE intake_request_answer ADD COLUMN answer_label VARCHAR(200) DEFAULT '' NOT NULL
