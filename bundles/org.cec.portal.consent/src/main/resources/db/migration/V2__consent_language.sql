-- The language of the page on which a choice was made ('en' or 'es'): a receipt's policy and banner
-- hashes are those of the texts in that language. Receipts and policy versions stored before this
-- column existed were all made on English pages.
ALTER TABLE consent_receipt ADD COLUMN language VARCHAR(8) DEFAULT 'en' NOT NULL;

ALTER TABLE consent_policy_version ADD COLUMN language VARCHAR(8) DEFAULT 'en' NOT NULL;
