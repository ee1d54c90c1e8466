package io.floe.standalone.host;

import java.nio.file.Path;
import java.util.List;

/** The flags a host was started with (floe-spec §1, plus {@code -root}). Cert and key paths may be null. */
public record HostOptions(
        Path conf,
        String hostName,
        List<String> tags,
        String adminToken,
        String pubBind,
        Path pubCert,
        Path pubKey,
        String prvBind,
        Path prvCert,
        Path prvKey,
        Path root,
        boolean dev) {

    public HostOptions {
        tags = List.copyOf(tags);
        adminToken = adminToken == null ? "" : adminToken;
        prvBind = prvBind == null ? "" : prvBind;
    }

    /** A private server runs when its bind is set and differs from the public one. */
    public boolean hasPrivateServer() {
        return !prvBind.isBlank() && !prvBind.equals(pubBind);
    }
}
