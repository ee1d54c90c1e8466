package hudson.model;

import hudson.ExtensionPoint;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Collection;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** Stand-in for {@code hudson.model.Job} (compile only). */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem
        implements ExtensionPoint {
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public Collection<? extends Job> getAllJobs() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    protected void submit(StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, ServletException, Descriptor.FormException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
