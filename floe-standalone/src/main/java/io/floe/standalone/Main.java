package io.floe.standalone;

import io.floe.standalone.cli.FloeCommand;

/** The {@code floe} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && "run".equals(args[0]) && System.getProperty("floe.log.level") == null) {
            // a one-shot run prints its events; the engine's info logging would only repeat them
            System.setProperty("floe.log.level", "WARN");
        }
        if (args.length > 0 && "run".equals(args[0]) && System.getProperty("jnr.ffi.asm.enabled") == null) {
            // a run starts a few processes: jnr-ffi's reflective posix_spawn binding is ready at once, where the
            // bytecode it generates otherwise took a fifth of the start (a host, starting many, keeps that)
            System.setProperty("jnr.ffi.asm.enabled", "false");
        }
        System.exit(FloeCommand.execute(args));
    }
}
