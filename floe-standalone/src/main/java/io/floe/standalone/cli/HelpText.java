package io.floe.standalone.cli;

import java.util.ArrayList;
import java.util.List;

/** The {@code --help} of a command, made from its {@link CommandSyntax}: usage, options, commands, exit codes. */
final class HelpText {
    private static final int WIDTH = 80;
    /** Where descriptions of options start; a longer name puts its description on the next line. */
    private static final int COLUMN = 28;

    private HelpText() {}

    static String of(CommandSyntax c) {
        StringBuilder b = new StringBuilder();
        b.append("Usage: ").append(c.name()).append(" [OPTIONS]");
        c.argument().ifPresent(a -> b.append(' ').append(a.label()));
        if (!c.subcommands().isEmpty()) {
            b.append(" [COMMAND]");
        }
        b.append('\n');
        c.description().forEach(d -> wrap(b, d, 0));
        c.argument().ifPresent(a -> {
            b.append("\nArguments:\n");
            row(b, a.label(), a.description(), COLUMN);
        });
        b.append("\nOptions:\n");
        for (OptionSpec o : c.options()) {
            List<String> names = new ArrayList<>(o.names());
            names.set(names.size() - 1, o.usage(o.longName()));
            row(b, String.join(", ", names), o.description()
                    + (o.arity() == OptionSpec.Arity.MANY ? " Repeatable." : ""), COLUMN);
        }
        if (!c.subcommands().isEmpty()) {
            b.append("\nCommands:\n");
            int column = column(c.subcommands().stream().map(CommandSyntax::word).toList());
            c.subcommands().forEach(s -> row(b, s.word(), s.description().get(0), column));
            b.append("Each has its own --help: ").append(c.name()).append(' ')
                    .append(c.subcommands().get(0).word()).append(" --help\n");
        }
        if (!c.exitCodes().isEmpty()) {
            b.append("\nExit codes:\n");
            int column = column(c.exitCodes().stream().map(e -> String.valueOf(e.code())).toList());
            c.exitCodes().forEach(e -> row(b, String.valueOf(e.code()), e.meaning(), column));
        }
        return b.toString();
    }

    /** A short list (commands, exit codes) starts its second column just after its longest first one. */
    private static int column(java.util.List<String> lefts) {
        return Math.min(COLUMN, 2 + lefts.stream().mapToInt(String::length).max().orElse(0) + 3);
    }

    /** {@code left} in the first column, {@code text} wrapped in the second, from {@code column}. */
    private static void row(StringBuilder b, String left, String text, int column) {
        String head = "  " + left;
        if (head.length() + 2 > column) {
            b.append(head).append('\n');
            head = "";
        }
        b.append(head).append(" ".repeat(column - head.length()));
        wrap(b, text, column);
    }

    /** {@code text} wrapped at {@link #WIDTH}, continuation lines indented by {@code indent}; the first is not. */
    private static void wrap(StringBuilder b, String text, int indent) {
        int used = indent;
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && used + 1 + word.length() > WIDTH) {
                b.append('\n').append(" ".repeat(indent));
                used = indent;
                first = true;
            }
            if (!first) {
                b.append(' ');
                used++;
            }
            b.append(word);
            used += word.length();
            first = false;
        }
        b.append('\n');
    }
}
