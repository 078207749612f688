-- Host reservations of a hosts-database (Kea's hosts table, reduced to what a DHCPv4 host carries).
-- The identifier is kept as Kea normalises it (lower-case colon hex), one host per identifier and
-- scope; subnet_id 0 is a global reservation, as in Kea. option-data is Kea's option-data list as
-- JSON, so a host reads back exactly as it was given.
CREATE TABLE hosts4 (
    host_id          BIGSERIAL PRIMARY KEY,
    identifier_type  VARCHAR(16)  NOT NULL,
    identifier       VARCHAR(400) NOT NULL,
    subnet_id        BIGINT       NOT NULL,
    ipv4_address     BIGINT,
    hostname         VARCHAR(255),
    client_classes   TEXT         NOT NULL DEFAULT '',
    next_server      BIGINT       NOT NULL DEFAULT 0,
    server_hostname  VARCHAR(64)  NOT NULL DEFAULT '',
    boot_file_name   VARCHAR(128) NOT NULL DEFAULT '',
    option_data      TEXT         NOT NULL DEFAULT '[]',
    CONSTRAINT hosts4_identifier_unique UNIQUE (identifier_type, identifier, subnet_id)
);
CREATE INDEX hosts4_by_address ON hosts4 (ipv4_address, subnet_id);
CREATE INDEX hosts4_by_hostname ON hosts4 (lower(hostname));
CREATE INDEX hosts4_by_subnet ON hosts4 (subnet_id, host_id);
