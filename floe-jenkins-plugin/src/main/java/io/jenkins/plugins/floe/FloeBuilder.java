package io.jenkins.plugins.floe;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.floe.engine.config.ConfigException;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.embed.FlowDocument;
import io.floe.engine.embed.FormValues;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The {@code floe} build step: runs one floe flow on the build's agent, in its workspace, and fails the build when the
 * run ends bad. The flow comes from a file in the workspace ({@code floe file: 'flow.yml'} in Pipeline) or from YAML
 * written into the job. Every field is optional, so JCasC, Job DSL and the snippet generator can set any of them.
 */
public final class FloeBuilder extends Builder implements SimpleBuildStep {
    private String file = "";
    private String yaml = "";
    private String flow = "";
    private String trigger = "";
    private String values = "";

    @DataBoundConstructor
    public FloeBuilder() {
        // every field has a setter: none is required
    }

    public String getFile() {
        return file;
    }

    /** The flow file, relative to the workspace; blank: the global default ({@code floe.yml}) unless YAML is given. */
    @DataBoundSetter
    public void setFile(String file) {
        this.file = clean(file);
    }

    public String getYaml() {
        return yaml;
    }

    /** The flow (or a whole floe config) written into the job; used instead of a file when not blank. */
    @DataBoundSetter
    public void setYaml(String yaml) {
        this.yaml = yaml == null ? "" : yaml;
    }

    public String getFlow() {
        return flow;
    }

    /** The id of the flow to run; blank when the YAML holds one flow. */
    @DataBoundSetter
    public void setFlow(String flow) {
        this.flow = clean(flow);
    }

    public String getTrigger() {
        return trigger;
    }

    /** The id of the trigger to fire; blank: the flow's first. */
    @DataBoundSetter
    public void setTrigger(String trigger) {
        this.trigger = clean(trigger);
    }

    public String getValues() {
        return values;
    }

    /** Values for the trigger's form, one {@code name=value} a line; {@code ${VAR}} takes a build variable. */
    @DataBoundSetter
    public void setValues(String values) {
        this.values = values == null ? "" : values;
    }

    /** A config.xml saved before a field existed leaves it null (XStream skips the initialisers): blank it. */
    protected Object readResolve() {
        file = clean(file);
        yaml = yaml == null ? "" : yaml;
        flow = clean(flow);
        trigger = clean(trigger);
        values = values == null ? "" : values;
        return this;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        new FloeStepRun(this, run, workspace, env, launcher, listener).execute();
    }

    private static String clean(String s) {
        return s == null ? "" : s.trim();
    }

    /** Makes the step available to freestyle jobs, Floe flow jobs and Pipeline ({@code floe}). */
    @Extension
    @Symbol("floe")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes") // Jenkins' own signature
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Run a floe flow";
        }

        /** Checks inline YAML as it is typed: every problem with its line, as a build would read it. */
        @POST
        public FormValidation doCheckYaml(@AncestorInPath Item job, @QueryParameter String value) {
            if (!FormChecks.mayCheck(job) || value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                FloeConfig config = FlowDocument.parse(value, "the YAML", BuildNodeTypes.discover());
                BuildNodeTypes.checkFlowFiles(config);
                return config.flows().isEmpty() ? FormValidation.warning("the YAML has no flows")
                        : FormValidation.ok();
            } catch (ConfigException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** Checks that the values are {@code name=value} lines. */
        @POST
        public FormValidation doCheckValues(@AncestorInPath Item job, @QueryParameter String value) {
            if (!FormChecks.mayCheck(job)) {
                return FormValidation.ok();
            }
            try {
                FormValues.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** A path that climbs out of the workspace can not be read there. */
        @POST
        public FormValidation doCheckFile(@AncestorInPath Item job, @QueryParameter String value) {
            if (FormChecks.mayCheck(job) && value != null
                    && (value.startsWith("/") || value.startsWith("../") || value.contains("/../"))) {
                return FormValidation.warning("the flow file is read relative to the build's workspace");
            }
            return FormValidation.ok();
        }
    }
}
