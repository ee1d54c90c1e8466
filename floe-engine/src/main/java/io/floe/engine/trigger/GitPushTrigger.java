package io.floe.engine.trigger;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.spi.TriggerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code git-push} trigger, fired by a git server's push webhook ({@code POST <base>/push/git}). Its opts:
 * {@code url}, the repository (any clone URL form: https, ssh or scp-like; without it every repository matches);
 * {@code branch}, an exact branch name or a glob such as {@code release/*} (without it every branch); and {@code tag},
 * a tag glob: a trigger with {@code tag} fires on pushed tags instead of branches. The event opts are {@code url}
 * (the clone URL this trigger named, in its form), {@code urls} (all the push's clone URLs), {@code branch},
 * {@code tag} (for tag pushes) and {@code hash} (the pushed commit).
 */
public final class GitPushTrigger implements TriggerType {
    public static final String NAME = "git-push";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean matches(NodeConfig trigger, Map<String, Object> eventOpts) {
        String url = Opts.string(trigger.opts(), "url");
        if (!url.isBlank() && pushUrls(eventOpts).stream().noneMatch(u -> RepoUrl.same(url, u))) {
            return false;
        }
        String tag = Opts.string(eventOpts, "tag");
        String tagGlob = Opts.string(trigger.opts(), "tag");
        if (!tag.isEmpty() || !tagGlob.isEmpty()) {
            return !tag.isEmpty() && !tagGlob.isEmpty() && RefGlob.matches(tagGlob, tag);
        }
        String branch = Opts.string(trigger.opts(), "branch");
        return branch.isBlank() || RefGlob.matches(branch, Opts.string(eventOpts, "branch"));
    }

    /** The trigger's flow gets the repository in the form its trigger names: its checkout may only reach that one. */
    @Override
    public Map<String, Object> eventOpts(NodeConfig trigger, Map<String, Object> eventOpts) {
        String wanted = Opts.string(trigger.opts(), "url");
        if (wanted.isBlank() || wanted.equals(eventOpts.get("url"))) {
            return eventOpts;
        }
        Map<String, Object> out = new TreeMap<>(eventOpts);
        out.put("url", wanted);
        return out;
    }

    @Override
    public List<String> check(NodeConfig trigger) {
        List<String> problems = new ArrayList<>();
        for (String key : List.of("url", "branch", "tag")) {
            Object v = trigger.opts().get(key);
            if (v != null && !(v instanceof String)) {
                problems.add("git-push opt '" + key + "' must be text, not " + v);
            }
        }
        return problems;
    }

    /**
     * The clone URLs of a push event: its {@code urls} list, or {@code url} when it has no list. The {@code url} of an
     * event from the webhook is the form one flow's trigger asked for, so it must not decide a match itself.
     */
    static List<String> pushUrls(Map<String, Object> eventOpts) {
        List<String> urls = Opts.strings(eventOpts, "urls");
        if (!urls.isEmpty()) {
            return urls;
        }
        String url = Opts.string(eventOpts, "url");
        return url.isBlank() ? List.of() : List.of(url);
    }
}
