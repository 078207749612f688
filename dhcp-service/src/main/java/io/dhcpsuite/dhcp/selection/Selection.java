package io.dhcpsuite.dhcp.selection;

import io.dhcpsuite.config.Subnet4;
import java.util.List;

/**
 * A selected subnet and the candidates lease-service may allocate from: the subnet itself first,
 * then the other subnets of its shared network that the client's classes allow.
 *
 * @param how which rule selected it, for logs and subnet4-select-test
 */
public record Selection(Subnet4 subnet, List<Subnet4> candidates, String how) {

    public List<Long> candidateIds() {
        return candidates.stream().map(Subnet4::id).toList();
    }
}
