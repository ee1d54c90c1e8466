package io.jenkins.plugins.floe;

/** The flows the JenkinsRule tests run. */
final class Flows {
    private Flows() {}

    /** Says hello and ends good. */
    static final String HELLO = """
            id: hello
            name: Say hello
            triggers:
              - {name: start, type: data}
            tasks:
              - {name: say, listen: trigger.good, type: exec, opts: {shell: "echo hello from $BUILD_TAG"}}
              - {name: done, listen: task.say.good, type: end}
            """;

    /** Its compile step exits 3. */
    static final String FAILS = """
            id: fails
            triggers:
              - {name: start, type: data}
            tasks:
              - {name: compile, listen: trigger.good, type: exec, opts: {shell: "echo compiling; exit 3"}}
              - {name: done, listen: task.compile.good, type: end}
            """;

    /** Writes its shell's pid into the workspace, then sleeps for ten minutes. */
    static final String SLOW = """
            id: slow
            triggers:
              - {name: start, type: data}
            tasks:
              - {name: nap, listen: trigger.good, type: exec, opts: {shell: "echo $$ > pid; echo napping; sleep 600"}}
              - {name: done, listen: task.nap.good, type: end}
            """;

    /** Waits for a version to be given, then ships it. */
    static final String RELEASE = """
            id: release
            triggers:
              - {name: start, type: data}
            tasks:
              - name: approve
                listen: trigger.good
                type: data
                opts:
                  form:
                    title: Release it?
                    fields: [{id: version, prompt: Version, type: text}]
              - {name: ship, listen: task.approve.good, type: exec, opts: {shell: "echo shipping"}}
              - {name: done, listen: task.ship.good, type: end}
            """;

    static FloeBuilder inline(String yaml) {
        FloeBuilder b = new FloeBuilder();
        b.setYaml(yaml);
        return b;
    }

    static FloeBuilder file(String path) {
        FloeBuilder b = new FloeBuilder();
        b.setFile(path);
        return b;
    }
}
