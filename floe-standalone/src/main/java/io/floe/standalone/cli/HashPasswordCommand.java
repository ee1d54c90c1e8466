package io.floe.standalone.cli;

import io.floe.standalone.auth.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code floe hash-password}: reads a password (without echo at a terminal, else one line of stdin) and prints the
 * salted hash to put in {@code common.users[].password-hash}.
 */
public final class HashPasswordCommand {
    static final CommandSyntax SYNTAX = new CommandSyntax("floe hash-password",
            List.of("Print a salted hash of a password for common.users in the config.",
                    "The password is asked twice at a terminal, without echo; otherwise it is the first line of "
                            + "standard input (echo \"$PASSWORD\" | floe hash-password). At least 8 characters."),
            List.of(), Optional.empty(), List.of(), List.of());

    /** Reads the password and prints its hash to {@code out}; the exit code. */
    int call(PrintWriter out, PrintWriter err) throws IOException {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (password == null || again == null || !java.util.Arrays.equals(password, again)) {
                err.println("floe hash-password: the two passwords differ");
                return ExitCodes.USAGE;
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 8) {
            err.println("floe hash-password: use at least 8 characters");
            return ExitCodes.USAGE;
        }
        out.println(PasswordHash.hash(password));
        out.flush();
        return ExitCodes.GOOD;
    }
}
