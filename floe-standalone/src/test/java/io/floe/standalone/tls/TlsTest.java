package io.floe.standalone.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.api.RunningHost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from the certificate and key the README's openssl recipe makes. */
class TlsTest {
    @TempDir
    Path dir;

    @Test
    void theReadmesSelfSignedCertificateServesHttpsAndSecureCookies() throws Exception {
        Path key = dir.resolve("server.key");
        Path crt = dir.resolve("server.crt");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-nodes", "-newkey", "rsa:2048",
                "-keyout", key.toString(), "-out", crt.toString(), "-days", "3650",
                "-subj", "/C=GB/ST=London/L=London/O=Global Security/OU=IT Department/CN=*")
                .redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as(said).isZero();

        try (RunningHost h = RunningHost.start("flows: []\n", dir, "tls1", List.of("master"), crt, key)) {
            String url = h.host.server().url();
            assertThat(url).startsWith("https://127.0.0.1:");
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            SSLContext tls = trusting(crt);

            String health = exchange(tls, port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(health).startsWith("HTTP/1.1 200").contains("\"Status\": \"up\"");
            assertThat(health).contains("Strict-Transport-Security: max-age=31536000"); // HSTS under TLS only

            String body = "{\"User\":\"admin\",\"Password\":\"" + RunningHost.ADMIN + "\"}";
            String login = exchange(tls, port, "POST /build/api/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body);
            assertThat(login).startsWith("HTTP/1.1 200").containsPattern("Set-Cookie: floe-sesh=[0-9a-f]{32}; .*Secure");
        }
    }

    private static SSLContext trusting(Path crt) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("floe", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(crt))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** One request over a TLS socket that trusts only the host's certificate (its name is "*", as the recipe has). */
    private static String exchange(SSLContext tls, int port, String request) throws IOException {
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
