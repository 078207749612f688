-- Where each HA partner's incremental sync got to (a suite extension; Kea has no such table).
-- Keys are the partner's (cltt, address) order; floor is set while a sync is unfinished.
CREATE TABLE ha_sync_cursor (
    partner VARCHAR(255) PRIMARY KEY NOT NULL,
    cltt    BIGINT NOT NULL,
    address BIGINT,
    floor   BIGINT
);
