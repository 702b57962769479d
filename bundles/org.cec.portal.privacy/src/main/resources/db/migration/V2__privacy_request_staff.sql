-- A request staff opened for a person who wrote or called: who opened it and how they checked the
-- person's identity (a note without the person's data, such as "called back on the phone number of
-- request 7KQF-..."). Empty for the requests people make themselves.
ALTER TABLE privacy_request ADD COLUMN opened_by VARCHAR(100);
ALTER TABLE privacy_request ADD COLUMN identity_check VARCHAR(500);
