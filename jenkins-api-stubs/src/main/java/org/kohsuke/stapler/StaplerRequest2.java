package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;

/** Stand-in for {@code org.kohsuke.stapler.StaplerRequest2} (compile only): a request, with form binding. */
public interface StaplerRequest2 extends HttpServletRequest {
    <T> T bindJSON(Class<T> type, JSONObject src);

    JSONObject getSubmittedForm() throws ServletException;
}
