-- Kea's lease4 table (dhcpdb_create.pgsql), with the columns the suite stores. lease-service is the
-- only writer and serves reads from memory, so only the indexes Kea's own queries use are kept.
CREATE TABLE lease4 (
    address        BIGINT PRIMARY KEY NOT NULL,
    hwaddr         BYTEA,
    client_id      BYTEA,
    valid_lifetime BIGINT NOT NULL,
    expire         TIMESTAMPTZ NOT NULL,
    subnet_id      BIGINT NOT NULL,
    pool_id        BIGINT NOT NULL DEFAULT 0,
    fqdn_fwd       BOOLEAN NOT NULL DEFAULT FALSE,
    fqdn_rev       BOOLEAN NOT NULL DEFAULT FALSE,
    hostname       VARCHAR(255),
    state          BIGINT NOT NULL DEFAULT 0,
    user_context   TEXT
);
CREATE INDEX lease4_by_hwaddr_subnet_id ON lease4 (hwaddr, subnet_id);
CREATE INDEX lease4_by_client_id_subnet_id ON lease4 (client_id, subnet_id);
CREATE INDEX lease4_by_state_expire ON lease4 (state ASC, expire ASC);
