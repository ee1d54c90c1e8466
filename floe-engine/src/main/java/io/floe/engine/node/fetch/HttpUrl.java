package io.floe.engine.node.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks a download URL: it must be an absolute http or https URL with a host. */
final class HttpUrl {
    private HttpUrl() {}

    static URI parse(String url) throws FetchException {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new FetchException("url '" + url + "' is not a valid URL (" + e.getMessage()
                    + "): write it encoded, e.g. %20 for a space");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("url '" + url + "' is not an http or https URL");
        }
        if (uri.getHost() == null) {
            throw new FetchException("url '" + url + "' has no host name");
        }
        return uri;
    }
}
