package io.floe.standalone.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a command line asks for: a command with its values, its help, the version, or nothing (it is wrong). */
sealed interface CommandLineRead {
    /** The command to run with the values given; options not given have no entry. */
    record Parsed(CommandSyntax command, Map<String, List<String>> options, Optional<String> argument)
            implements CommandLineRead {
        public Parsed {
            options = options.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        }

        /** The value of the option whose first name is {@code key}, if given. */
        Optional<String> value(String key) {
            List<String> v = options.get(key);
            return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
        }

        /** Every value given to the option whose first name is {@code key}, in order. */
        List<String> values(String key) {
            return options.getOrDefault(key, List.of());
        }

        /** A switch: on when given without a value or as {@code =true}. */
        boolean on(String key) {
            return value(key).map(Boolean::parseBoolean).orElse(false);
        }
    }

    record HelpWanted(CommandSyntax command) implements CommandLineRead {}

    record VersionWanted() implements CommandLineRead {}

    /** The command line is wrong: {@code problem} names the token and says what to do. */
    record Refused(CommandSyntax command, String problem) implements CommandLineRead {}
}
