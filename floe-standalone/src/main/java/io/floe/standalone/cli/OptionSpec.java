package io.floe.standalone.cli;

import java.util.List;

/**
 * One option of a command, as its help shows it and as the {@link CommandLineReader} reads it: {@code names} (the
 * first is the key its values are found under), the {@code label} of its value, how many times it may come and
 * what its value must look like.
 */
record OptionSpec(List<String> names, String label, Arity arity, Form form, String description) {
    /** How an option takes values. */
    enum Arity {
        /** No value needed ({@code -dev}); {@code -dev=false} or {@code -dev false} turn it off. */
        SWITCH,
        /** One value, given once. */
        ONE,
        /** One value each time; may be given again for more. */
        MANY
    }

    /** What a value must look like. */
    enum Form {
        TEXT,
        /** {@code name=value}, the name not empty. */
        KEY_VALUE
    }

    static final OptionSpec HELP = new OptionSpec(List.of("-h", "--help"), "", Arity.SWITCH, Form.TEXT,
            "Show this help and exit.");
    static final OptionSpec VERSION = new OptionSpec(List.of("-V", "--version"), "", Arity.SWITCH, Form.TEXT,
            "Print the version and exit.");

    OptionSpec {
        names = List.copyOf(names);
    }

    static OptionSpec value(List<String> names, String label, String description) {
        return new OptionSpec(names, label, Arity.ONE, Form.TEXT, description);
    }

    String key() {
        return names.get(0);
    }

    /** The longest name, the one shown in messages ({@code --conf} rather than {@code -conf}). */
    String longName() {
        return names.get(names.size() - 1);
    }

    /** How to give it, for help and for messages: {@code --flow=ID}, {@code -dev[=true|false]}. */
    String usage(String name) {
        return switch (arity) {
            case SWITCH -> label.isEmpty() ? name : name + "[=" + label + "]";
            case ONE, MANY -> name + "=" + label;
        };
    }
}
