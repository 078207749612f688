package io.dhcpsuite.gateway.routing;

import io.dhcpsuite.api.command.CommandResponse;
import io.dhcpsuite.api.command.ResultCode;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the answers of the suite services that together play one Kea server, so the operator
 * sees the single answer Kea would give: command lists are united, statistic maps joined, and a
 * statistic command succeeds when the service owning the statistic succeeded.
 */
public final class AnswerMerger {

    private AnswerMerger() {
    }

    public static CommandResponse merge(String command, List<CommandResponse> answers) {
        if (answers.size() == 1) {
            return answers.getFirst();
        }
        if (command.equals("status-get")) {
            return withHighAvailability(answers.getFirst(), answers.get(1));
        }
        for (CommandResponse a : answers) {
            if (a.result() == ResultCode.ERROR && a.text() != null && a.text().startsWith("unable to forward")) {
                return a;
            }
        }
        return switch (command) {
            case "list-commands" -> mergeLists(answers);
            case "statistic-get", "statistic-get-all" -> mergeMaps(answers);
            case "config-test", "shutdown" -> allSucceeded(answers);
            default -> firstSuccess(answers);
        };
    }

    /**
     * dhcp-service's status with ha-service's {@code high-availability} list; an unreachable or
     * failing ha-service leaves dhcp-service's answer as it is, as Kea without the HA hook answers.
     */
    private static CommandResponse withHighAvailability(CommandResponse dhcp, CommandResponse ha) {
        if (dhcp.result() != ResultCode.SUCCESS || dhcp.arguments() == null || !dhcp.arguments().isObject()
                || ha.result() != ResultCode.SUCCESS || ha.arguments() == null
                || !ha.arguments().path("high-availability").isArray() || ha.arguments().get("high-availability").isEmpty()) {
            return dhcp;
        }
        ObjectNode merged = ((ObjectNode) dhcp.arguments()).deepCopy();
        merged.set("high-availability", ha.arguments().get("high-availability"));
        return new CommandResponse(dhcp.result(), dhcp.text(), merged);
    }

    private static CommandResponse mergeLists(List<CommandResponse> answers) {
        TreeSet<String> names = new TreeSet<>();
        for (CommandResponse a : answers) {
            if (a.arguments() != null && a.arguments().isArray()) {
                a.arguments().forEach(n -> names.add(n.asString()));
            }
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        names.forEach(list::add);
        return CommandResponse.success(names.size() + " commands found", list);
    }

    private static CommandResponse mergeMaps(List<CommandResponse> answers) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (CommandResponse a : answers) {
            if (a.result() != ResultCode.SUCCESS) {
                return a;
            }
            JsonNode args = a.arguments();
            if (args != null && args.isObject()) {
                merged.setAll((ObjectNode) args);
            }
        }
        return new CommandResponse(ResultCode.SUCCESS, answers.getFirst().text(), merged);
    }

    /** The first refusal, else the first answer: the command holds for kea-dhcp4 only if every part agrees. */
    private static CommandResponse allSucceeded(List<CommandResponse> answers) {
        for (CommandResponse a : answers) {
            if (a.result() != ResultCode.SUCCESS) {
                return a;
            }
        }
        return answers.getFirst();
    }

    /** Success if any service succeeded (the one that owns the named statistic), else the first error. */
    private static CommandResponse firstSuccess(List<CommandResponse> answers) {
        for (CommandResponse a : answers) {
            if (a.result() == ResultCode.SUCCESS) {
                return a;
            }
        }
        return answers.getFirst();
    }
}
