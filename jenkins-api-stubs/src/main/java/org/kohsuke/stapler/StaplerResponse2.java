package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Stand-in for {@code org.kohsuke.stapler.StaplerResponse2} (compile only). */
public interface StaplerResponse2 extends HttpServletResponse {
    void sendRedirect2(String url) throws IOException;
}
