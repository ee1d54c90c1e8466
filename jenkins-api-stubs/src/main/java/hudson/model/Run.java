package hudson.model;

import hudson.security.ACL;
import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;

/** Stand-in for {@code hudson.model.Run} (compile only): one execution of a job. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled {
    protected Run(JobT job) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    protected Run(JobT project, File buildDir) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    /** Picks the artifact manager for this build (the configured factories first), for archiving. */
    public final synchronized jenkins.model.ArtifactManager pickArtifactManager() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public int compareTo(RunT that) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
