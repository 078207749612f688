package io.dhcpsuite.config.ha;

import java.util.List;

/**
 * The whole {@code high-availability} list: one relationship for a classic pair, several for a
 * hub-and-spoke hub (hot-standby only, as in Kea 2.5.5+).
 */
public record HaConfig(List<HaRelationship> relationships) {

    public HaConfig {
        relationships = List.copyOf(relationships);
    }

    /** The relationship that names {@code serverName} as a peer, or null. */
    public HaRelationship relationshipOf(String serverName) {
        for (HaRelationship r : relationships) {
            if (r.peer(serverName) != null) {
                return r;
            }
        }
        return null;
    }
}
