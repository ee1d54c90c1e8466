package hudson.model;

import hudson.security.ACL;
import java.io.File;
import java.io.IOException;
import java.util.Collection;

/**
 * Stand-in for {@code hudson.model.AbstractItem} (compile only): implements what the real class implements, with its
 * {@code final} methods final, and leaves {@code getAllJobs} abstract as it does.
 */
public abstract class AbstractItem extends Actionable implements Item {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public ItemGroup getParent() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public abstract Collection<? extends Job> getAllJobs();

    @Override
    public String getName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public final String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getShortUrl() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void onLoad(ItemGroup<? extends Item> parent, String name) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void onCopiedFrom(Item src) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
