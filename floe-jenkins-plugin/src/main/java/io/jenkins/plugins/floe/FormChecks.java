package io.jenkins.plugins.floe;

import hudson.model.Item;
import jenkins.model.Jenkins;

/**
 * Who may have a form field checked: whoever may configure the job the form belongs to, or an administrator for a
 * form outside any job. Anyone else gets no answer, so a check can not be used to parse or probe for them.
 */
final class FormChecks {
    private FormChecks() {}

    static boolean mayCheck(Item job) {
        return job == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : job.hasPermission(Item.CONFIGURE);
    }
}
