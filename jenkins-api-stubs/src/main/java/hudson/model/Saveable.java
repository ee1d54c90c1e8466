package hudson.model;

import java.io.IOException;

/** Stand-in for {@code hudson.model.Saveable} (compile only). */
public interface Saveable {
    void save() throws IOException;
}
