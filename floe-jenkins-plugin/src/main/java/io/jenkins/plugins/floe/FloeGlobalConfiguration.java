package io.jenkins.plugins.floe;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The plugin's defaults, under "floe" in Manage Jenkins › System and in JCasC ({@code unclassified: floe:}): the
 * flow file a step reads when it names none, and the host name floe run ids start with.
 */
@Extension
@Symbol("floe")
public final class FloeGlobalConfiguration extends GlobalConfiguration {
    static final String DEFAULT_FILE = "floe.yml";
    static final String DEFAULT_HOST_NAME = "jenkins";

    private String defaultFile = DEFAULT_FILE;
    private String hostName = DEFAULT_HOST_NAME;

    public FloeGlobalConfiguration() {
        load();
    }

    public static FloeGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(FloeGlobalConfiguration.class);
    }

    public String getDefaultFile() {
        return defaultFile == null || defaultFile.isBlank() ? DEFAULT_FILE : defaultFile;
    }

    @DataBoundSetter
    public void setDefaultFile(String defaultFile) {
        this.defaultFile = defaultFile == null ? "" : defaultFile.trim();
        save();
    }

    public String getHostName() {
        return hostName == null || hostName.isBlank() ? DEFAULT_HOST_NAME : hostName;
    }

    @DataBoundSetter
    public void setHostName(String hostName) {
        this.hostName = hostName == null ? "" : hostName.trim();
        save();
    }

    /** A host name is part of run ids ({@code jenkins-12}): letters, digits, dots and dashes keep them readable. */
    @POST
    public FormValidation doCheckHostName(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value != null && !value.isBlank() && !value.trim().matches("[A-Za-z0-9.-]+")) {
            return FormValidation.error("use letters, digits, dots and dashes only");
        }
        return FormValidation.ok();
    }

    @Override
    public String getDisplayName() {
        return "Floe";
    }
}
