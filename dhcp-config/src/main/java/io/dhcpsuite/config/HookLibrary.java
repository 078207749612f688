package io.dhcpsuite.config;

import tools.jackson.databind.JsonNode;

/** A {@code hooks-libraries} entry: the library path and its parameters (null if none). */
public record HookLibrary(String library, JsonNode parameters) {

    /** True when the library file name contains {@code fragment}, e.g. "libdhcp_ha". */
    public boolean is(String fragment) {
        return library != null && library.contains(fragment);
    }

    /** The library's file name without its directory, e.g. {@code libdhcp_ha.so}. */
    public String fileName() {
        return library.substring(library.lastIndexOf('/') + 1).trim();
    }
}
