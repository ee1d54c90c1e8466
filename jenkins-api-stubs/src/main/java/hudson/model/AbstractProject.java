package hudson.model;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** Stand-in for {@code hudson.model.AbstractProject} (compile only). */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>>
        extends Job<P, R> implements BuildableItem {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    protected abstract Class<R> getBuildClass();

    @Override
    protected void submit(StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, ServletException, Descriptor.FormException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    /** Stand-in for {@code hudson.model.AbstractProject.AbstractProjectDescriptor} (compile only). */
    public abstract static class AbstractProjectDescriptor extends TopLevelItemDescriptor {
        /** Jenkins declares no constructor: the implicit public one. */
        public AbstractProjectDescriptor() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
