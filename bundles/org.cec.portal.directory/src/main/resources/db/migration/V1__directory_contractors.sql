-- The contractors the portal stores itself: staff's (source built-in) and the demonstration ones
-- (source demo). Partner sources are never stored. The columns search and the console filter on are
-- columns; the collections (services, served ZIPs, languages, certifications, licences) are one JSON
-- document in details (see ContractorJson). The same SQL runs on H2 and PostgreSQL.
CREATE TABLE directory_contractor (
    id VARCHAR(64) PRIMARY KEY,
    source VARCHAR(32) NOT NULL,
    business_name VARCHAR(200) NOT NULL,
    active BOOLEAN NOT NULL,
    base_zip VARCHAR(5),
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    service_radius_miles DOUBLE PRECISION NOT NULL,
    insured_until DATE,
    last_verified DATE,
    website VARCHAR(2000) NOT NULL,
    phone VARCHAR(40) NOT NULL,
    email VARCHAR(254) NOT NULL,
    description VARCHAR(4000) NOT NULL,
    details VARCHAR(1000000) NOT NULL,
    revision BIGINT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX directory_contractor_revision ON directory_contractor (revision);
CREATE INDEX directory_contractor_name ON directory_contractor (business_name);
CREATE INDEX directory_contractor_source ON directory_contractor (source, active);

-- The change marker: one row whose revision every change of directory_contractor increments in its
-- own transaction (and writes into the changed rows). Every portal node polls it: a node that sees a
-- higher revision than it knows reads only the rows with a higher revision. The row lock of the
-- increment also orders concurrent changes, so revisions are committed in increasing order.
CREATE TABLE directory_revision (
    id INT PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO directory_revision (id, revision) VALUES (1, 0);
