-- The language the request was made in ('en' or 'es'): the form's language, or the API's "language"
-- member, so that later messages to the person (the email module) use it. Requests stored before
-- the portal spoke Spanish were all made in English.
ALTER TABLE intake_request ADD COLUMN language VARCHAR(8) DEFAULT 'en' NOT NULL
