package io.floe.engine.artifact;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Flow, run and node ids as single folder names: an id may hold a {@code /} (ids only refuse spaces and full stops),
 * which must not make a folder deeper, so anything but letters, digits, {@code -}, {@code _} and {@code .} is
 * percent-encoded, and the names {@code .} and {@code ..} are refused.
 */
final class FolderNames {
    private FolderNames() {}

    static String of(String id) {
        if (id == null || id.isEmpty() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("'" + id + "' can not name a folder of artifacts");
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }

    static String id(String folderName) {
        return URLDecoder.decode(folderName.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
