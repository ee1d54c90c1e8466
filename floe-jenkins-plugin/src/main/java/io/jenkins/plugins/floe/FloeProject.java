package io.jenkins.plugins.floe;

import hudson.Extension;
import hudson.model.AbstractProject;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.model.Project;
import hudson.model.TopLevelItem;
import hudson.tasks.Builder;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.model.item_category.StandaloneProjectsCategory;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The "Floe flow" item: a project whose build runs a floe flow. Source control, triggers, the label, parameters,
 * build discarding, wrappers and publishers are Jenkins' own (inherited from {@link Project}); the floe section says
 * which flow to run, and each build runs it with the {@link FloeBuilder} step before any other build step.
 */
public final class FloeProject extends Project<FloeProject, FloeBuild> implements TopLevelItem {
    private FloeBuilder floe;

    @SuppressWarnings("rawtypes") // Jenkins' own signature
    public FloeProject(ItemGroup parent, String name) {
        super(parent, name);
    }

    /** The floe section: the flow and how to start it. */
    public FloeBuilder getFloe() {
        return floe == null ? new FloeBuilder() : floe;
    }

    public void setFloe(FloeBuilder floe) throws IOException {
        this.floe = floe;
        save();
    }

    @Override
    protected Class<FloeBuild> getBuildClass() {
        return FloeBuild.class;
    }

    /** The floe step comes first, so core runs it inside the build wrappers and before the publishers. */
    @Override
    public List<Builder> getBuilders() {
        List<Builder> all = new ArrayList<>();
        all.add(getFloe());
        all.addAll(super.getBuilders());
        return all;
    }

    /** The job's build steps besides the floe step, as the configuration page lists them. */
    public List<Builder> getOtherBuilders() {
        return super.getBuilders();
    }

    @Override
    protected void submit(StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, ServletException, Descriptor.FormException {
        super.submit(req, rsp);
        JSONObject json = req.getSubmittedForm();
        if (!json.has("floe")) {
            throw new Descriptor.FormException("the form has no floe section: reload the page and save again",
                    "floe");
        }
        floe = req.bindJSON(FloeBuilder.class, json.getJSONObject("floe"));
    }

    @Override
    public DescriptorImpl getDescriptor() {
        return (DescriptorImpl) Jenkins.get().getDescriptorOrDie(getClass());
    }

    /** Puts "Floe flow" in the New Item page, next to the freestyle project. */
    @Extension
    @Symbol("floeProject")
    public static final class DescriptorImpl extends AbstractProject.AbstractProjectDescriptor {
        @Override
        public String getDisplayName() {
            return "Floe flow";
        }

        @Override
        public String getDescription() {
            return "Runs a floe workflow (YAML) on an agent and shows its run graph on each build's page.";
        }

        @Override
        public String getCategoryId() {
            return StandaloneProjectsCategory.ID;
        }

        @Override
        public String getIconClassName() {
            return "symbol-freestyle-project";
        }

        @Override
        @SuppressWarnings("rawtypes") // Jenkins' own signature
        public FloeProject newInstance(ItemGroup parent, String name) {
            return new FloeProject(parent, name);
        }
    }
}
