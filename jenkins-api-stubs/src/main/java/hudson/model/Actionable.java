package hudson.model;

import java.util.List;

/** Stand-in for {@code hudson.model.Actionable} (compile only): a model object with actions. */
public abstract class Actionable {
    protected Actionable() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
