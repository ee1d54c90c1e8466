package io.floe.standalone.webhook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.floe.engine.RepoPush;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a push webhook says: the repository's clone URLs, the branch or tag pushed and the new commit. A push that
 * deletes its branch or tag has a zero {@code after} hash and {@link #deleted}.
 */
record GitPush(PushSource source, List<String> urls, String branch, String tag, String hash, boolean deleted) {
    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";

    GitPush {
        urls = List.copyOf(urls);
    }

    /** The ref as a person writes it: {@code main}, {@code feature/x}, or {@code tag v1.2}. */
    String refName() {
        return tag.isEmpty() ? "branch " + branch : "tag " + tag;
    }

    /**
     * Reads a push payload. GitHub and Gitea name the clone URLs {@code repository.clone_url}, {@code ssh_url} (GitHub
     * also {@code git_url}); GitLab {@code project.git_http_url} and {@code git_ssh_url}.
     *
     * @throws IllegalArgumentException saying what is missing or malformed
     */
    static GitPush parse(PushSource source, String json) {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("the payload must be a JSON object");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("the payload is not JSON: " + c.getMessage());
        }
        String ref = text(root, "ref");
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("the payload has no ref (such as refs/heads/main)");
        }
        Set<String> urls = new LinkedHashSet<>();
        if (source == PushSource.GITLAB) {
            for (String holder : List.of("project", "repository")) {
                JsonObject o = object(root, holder);
                add(urls, text(o, "git_http_url"), text(o, "git_ssh_url"));
            }
        } else {
            JsonObject repo = object(root, "repository");
            add(urls, text(repo, "clone_url"), text(repo, "ssh_url"), text(repo, "git_url"));
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(source == PushSource.GITLAB
                    ? "the payload names no clone URL (project.git_http_url or project.git_ssh_url)"
                    : "the payload names no clone URL (repository.clone_url or repository.ssh_url)");
        }
        String after = text(root, "after");
        String hash = after.isEmpty() ? text(root, "checkout_sha") : after;
        boolean deleted = root.has("deleted") && root.get("deleted").isJsonPrimitive()
                && root.get("deleted").getAsBoolean() || !after.isEmpty() && after.chars().allMatch(c -> c == '0');
        String branch = ref.startsWith(HEADS) ? ref.substring(HEADS.length()) : "";
        String tag = ref.startsWith(TAGS) ? ref.substring(TAGS.length()) : "";
        if (branch.isEmpty() && tag.isEmpty()) {
            branch = ref;
        }
        return new GitPush(source, new ArrayList<>(urls), branch, tag, hash, deleted);
    }

    /** The push as the engine matches it against the git-push triggers; {@code delivery} may be empty. */
    RepoPush repoPush(String delivery) {
        return new RepoPush(urls, branch, tag, hash, delivery);
    }

    private static void add(Set<String> urls, String... candidates) {
        for (String c : candidates) {
            if (!c.isBlank()) {
                urls.add(c);
            }
        }
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }
}
