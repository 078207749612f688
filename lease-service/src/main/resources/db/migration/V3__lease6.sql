-- Kea's lease6 table (dhcpdb_create.pgsql of Kea 2.2), with the columns the suite stores and Kea
-- 2.3.8's pool_id. The key is (address, lease_type), as the suite's memory keys v6 leases: an
-- address lease and a delegated prefix may start at the same address. lease-service is the only
-- writer and serves reads from memory, so only the indexes Kea's own queries use are kept.
CREATE TABLE lease6 (
    address        VARCHAR(39) NOT NULL,
    lease_type     SMALLINT NOT NULL,
    duid           BYTEA,
    valid_lifetime BIGINT NOT NULL,
    expire         TIMESTAMPTZ NOT NULL,
    subnet_id      BIGINT NOT NULL,
    pref_lifetime  BIGINT NOT NULL,
    iaid           BIGINT NOT NULL,
    prefix_len     SMALLINT NOT NULL,
    fqdn_fwd       BOOLEAN NOT NULL DEFAULT FALSE,
    fqdn_rev       BOOLEAN NOT NULL DEFAULT FALSE,
    hostname       VARCHAR(255),
    hwaddr         BYTEA,
    hwtype         SMALLINT,
    hwaddr_source  SMALLINT,
    state          BIGINT NOT NULL DEFAULT 0,
    user_context   TEXT,
    pool_id        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (address, lease_type)
);
CREATE INDEX lease6_by_duid_iaid_subnet_id ON lease6 (duid, iaid, lease_type, subnet_id);
CREATE INDEX lease6_by_state_expire ON lease6 (state ASC, expire ASC);
