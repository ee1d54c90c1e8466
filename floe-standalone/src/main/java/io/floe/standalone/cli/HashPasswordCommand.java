package io.floe.standalone.cli;

import io.floe.standalone.auth.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code floe hash-password}: reads a password (without echo at a terminal, else one line of stdin) and prints the
 * salted hash to put in {@code common.users[].password-hash}.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Print a salted hash of a password for common.users in the config.",
                "The password is asked twice at a terminal, without echo; otherwise it is the first line of "
                        + "standard input (echo \"$PASSWORD\" | floe hash-password). At least 8 characters."})
public final class HashPasswordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (password == null || again == null || !java.util.Arrays.equals(password, again)) {
                spec.commandLine().getErr().println("floe hash-password: the two passwords differ");
                return ExitCodes.USAGE;
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 8) {
            spec.commandLine().getErr().println("floe hash-password: use at least 8 characters");
            return ExitCodes.USAGE;
        }
        spec.commandLine().getOut().println(PasswordHash.hash(password));
        spec.commandLine().getOut().flush();
        return ExitCodes.GOOD;
    }
}
