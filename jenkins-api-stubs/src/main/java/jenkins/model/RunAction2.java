package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/** Stand-in for {@code jenkins.model.RunAction2} (compile only): an action told which run it belongs to. */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
