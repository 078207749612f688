package io.dhcpsuite.api.command;

/** Kea's control-channel result codes (src/lib/cc/command_interpreter.h). */
public final class ResultCode {
    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int UNSUPPORTED = 2;
    public static final int EMPTY = 3;
    public static final int CONFLICT = 4;

    private ResultCode() {
    }
}
