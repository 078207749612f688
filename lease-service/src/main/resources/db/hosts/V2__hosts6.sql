-- DHCPv6 host reservations of a hosts-database. As in Kea's schema, one hosts database holds both
-- families: a v6 host is a row of hosts6 (its identifier and scope, subnet_id being the subnet6 id,
-- 0 for a global reservation) with its addresses and delegated prefixes as rows of
-- ipv6_reservations (Kea's table of that name: type 0 an IA_NA address, 2 an IA_PD prefix). The
-- v4 table hosts4 is unchanged, so the same database serves Dhcp4 and Dhcp6. Identifiers are kept
-- normalised (lower-case colon hex), one host per identifier type, identifier and subnet;
-- option-data is Kea's list as JSON, so a host reads back as it was given.
CREATE TABLE hosts6 (
    host_id          BIGSERIAL PRIMARY KEY,
    identifier_type  VARCHAR(16)  NOT NULL CHECK (identifier_type IN ('duid', 'hw-address', 'flex-id')),
    identifier       VARCHAR(400) NOT NULL,
    subnet_id        BIGINT       NOT NULL CHECK (subnet_id BETWEEN 0 AND 4294967295),
    hostname         VARCHAR(255),
    client_classes   TEXT         NOT NULL DEFAULT '',
    option_data      TEXT         NOT NULL DEFAULT '[]',
    CONSTRAINT hosts6_identifier_unique UNIQUE (identifier_type, identifier, subnet_id)
);
CREATE INDEX hosts6_by_hostname ON hosts6 (lower(hostname));
CREATE INDEX hosts6_by_subnet ON hosts6 (subnet_id, host_id);

-- A reserved address (prefix_len 128, type 0) or delegated prefix (type 2), in its canonical text
-- form (inet keeps the bits, so '2001:db8::1' and '2001:0db8::0001' are one address). With Kea's
-- ip-reservations-unique, one reservation per address or prefix and subnet: subnet_id is copied
-- from the host so the database enforces it.
CREATE TABLE ipv6_reservations (
    reservation_id   BIGSERIAL PRIMARY KEY,
    host_id          BIGINT   NOT NULL REFERENCES hosts6 (host_id) ON DELETE CASCADE,
    subnet_id        BIGINT   NOT NULL,
    address          INET     NOT NULL CHECK (family(address) = 6),
    prefix_len       SMALLINT NOT NULL CHECK (prefix_len BETWEEN 1 AND 128),
    type             SMALLINT NOT NULL CHECK (type IN (0, 2)),
    CHECK (type = 2 OR prefix_len = 128),
    CONSTRAINT ipv6_reservations_unique UNIQUE (subnet_id, address, prefix_len)
);
CREATE INDEX ipv6_reservations_by_host ON ipv6_reservations (host_id);
