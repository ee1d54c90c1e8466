package hudson.model;

import hudson.tasks.Builder;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.List;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** Stand-in for {@code hudson.model.Project} (compile only): the freestyle project. */
public abstract class Project<P extends Project<P, B>, B extends Build<P, B>> extends AbstractProject<P, B> {
    protected Project(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public List<Builder> getBuilders() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    protected void submit(StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, ServletException, Descriptor.FormException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
