-- Fewer index changes per submission (each submission writes one row per chosen service, and every
-- index of the table is one more B-tree change in the group commit that stores it):
-- * H2 made an index of its own for the foreign key to intake_request when V1 created the table, so
--   V1's intake_request_service_request is a second index on the same column. The foreign key's
--   index stays and serves every look-up by request.
-- * intake_request_service_service is gone: the console's service filter asks, for each request it
--   lists (newest first, by intake_request_created), whether that request has the service, which the
--   index by request answers; nothing looks services up by service id alone.
DROP INDEX intake_request_service_request;
DROP INDEX intake_request_service_service;
