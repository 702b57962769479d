-- The console's service filter asks, for each request it lists (newest first, by
-- intake_request_created), whether that request has the service, which intake_request_service_request
-- answers; nothing looks services up by service id alone, so that index only cost every submission
-- one more index change per chosen service. PostgreSQL makes no index for a foreign key, so the index
-- by request stays (on H2 it is a duplicate of the foreign key's own; see h2/V6).
DROP INDEX intake_request_service_service;
