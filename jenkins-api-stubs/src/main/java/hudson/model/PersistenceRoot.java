package hudson.model;

import java.io.File;

/** Stand-in for {@code hudson.model.PersistenceRoot} (compile only): an object with its own folder. */
public interface PersistenceRoot extends Saveable {
    File getRootDir();
}
