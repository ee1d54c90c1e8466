package io.jenkins.plugins.floe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Items;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.tasks.Shell;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Form checks are POST and answer only those who may configure the job; older config.xml and the job's page. */
@WithJenkins
class FormChecksTest {
    private static final String BAD = "id: x\ntasks:\n  - {name: a, type: nosuch}\n";

    @Test
    void theYamlCheckAnswersThoseWhoMayConfigureTheJobOnly(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("dev"));
        FreeStyleProject p = r.createFreeStyleProject("p");
        FloeBuilder.DescriptorImpl d = r.jenkins.getDescriptorByType(FloeBuilder.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(hudson.model.User.getById("reader", true).impersonate2())) {
            assertEquals(FormValidation.Kind.OK, d.doCheckYaml(p, BAD).kind);
        }
        try (ACLContext ignored = ACL.as2(hudson.model.User.getById("dev", true).impersonate2())) {
            assertEquals(FormValidation.Kind.ERROR, d.doCheckYaml(p, BAD).kind);
        }
    }

    @Test
    void theYamlCheckIsRefusedOverGet(JenkinsRule r) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.setThrowExceptionOnFailingStatusCode(false);
        String url = "descriptorByName/io.jenkins.plugins.floe.FloeBuilder/checkYaml?value=x";

        // a @POST method does not match a GET: Stapler looks on and finds nothing
        assertEquals(404, wc.goTo(url, null).getWebResponse().getStatusCode());
        WebRequest post = new WebRequest(wc.createCrumbedUrl(url), HttpMethod.POST);
        assertEquals(200, wc.getPage(post).getWebResponse().getStatusCode());
    }

    @Test
    void aStepFromAnOlderConfigXmlHasBlankFieldsNotNull(JenkinsRule r) {
        FloeBuilder old = (FloeBuilder) Items.XSTREAM2.fromXML("<io.jenkins.plugins.floe.FloeBuilder/>");

        assertEquals("", old.getYaml());
        assertEquals("", old.getFile());
        assertEquals("", old.getValues());
    }

    @Test
    void savingTheJobPageKeepsItsOtherBuildStepsAndOneFloeStep(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "steps");
        p.setFloe(Flows.inline(Flows.HELLO));
        p.getBuildersList().add(new Shell("echo after the flow"));

        p = r.configRoundtrip(p);

        assertEquals(1, p.getBuildersList().size());
        assertTrue(p.getBuildersList().get(0) instanceof Shell);
        assertEquals(2, p.getBuilders().size());
        r.assertLogContains("after the flow", r.buildAndAssertSuccess(p));
    }
}
