package io.floe.engine.event;

import com.google.gson.annotations.SerializedName;
import java.util.Optional;

/**
 * A run id: the host that adopted the trigger and that host's run counter. Written {@code <host>-<n>}
 * (for example {@code h1-3}), or {@code na} when the number is zero (an event not yet adopted into a run).
 */
public record HostedRef(@SerializedName("HostID") String hostId, @SerializedName("ID") long id) {
    public static final HostedRef NONE = new HostedRef("", 0);

    public HostedRef {
        hostId = hostId == null ? "" : hostId;
    }

    public boolean isZero() {
        return id == 0;
    }

    /**
     * Parses {@code <host>-<n>}. The number follows the <em>last</em> dash, so host names that contain dashes
     * ({@code build-box-2-17}) work, which the original could not do.
     */
    public static Optional<HostedRef> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int dash = text.lastIndexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            return Optional.empty();
        }
        String digits = text.substring(dash + 1);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return Optional.empty();
            }
        }
        try {
            long n = Long.parseLong(digits);
            return n == 0 ? Optional.empty() : Optional.of(new HostedRef(text.substring(0, dash), n));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return id == 0 ? "na" : hostId + "-" + id;
    }
}
