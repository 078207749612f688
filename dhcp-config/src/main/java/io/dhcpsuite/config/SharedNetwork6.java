package io.dhcpsuite.config;

import java.util.List;

/** A {@code shared-networks} entry of {@code Dhcp6}: its name and the ids of its subnets in configuration order. */
public record SharedNetwork6(String name, List<Long> subnetIds, List<OptionData> optionData) {
}
