package io.dhcpsuite.api.command;

/**
 * Thrown by a command handler to answer with a given result code and text; the dispatcher turns it
 * into a {@link CommandResponse}, so handlers never leak a stack trace to the operator.
 */
public class CommandException extends RuntimeException {
    private final int result;

    public CommandException(int result, String text) {
        super(text);
        this.result = result;
    }

    public static CommandException badArgument(String text) {
        return new CommandException(ResultCode.ERROR, text);
    }

    public int result() {
        return result;
    }
}
