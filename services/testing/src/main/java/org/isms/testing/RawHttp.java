package org.isms.testing;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand (to the application under test, on RestAssured's port), for what a client library would not send: a request line exactly as given (raw
 * dot segments, backslashes, encoded slashes), a body that stops half-way, a connection dropped mid-request.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;

    public RawHttp() throws IOException {
        this.socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(30_000);
    }

    /** An answer: status line's code and the whole text. */
    public record Answer(int status, String text) {
        public String body() {
            int i = text.indexOf("\r\n\r\n");
            return i < 0 ? "" : text.substring(i + 4);
        }
    }

    /** Sends {@code method path} with the headers and an empty body, and reads the answer to the end. */
    public static Answer get(String path, String... headers) throws IOException {
        try (RawHttp http = new RawHttp()) {
            http.write("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + String.join("", headers)
                    + "\r\n");
            return http.read();
        }
    }

    public void write(String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public Answer read() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0;) {
                all.write(buf, 0, n);
                String text = all.toString(StandardCharsets.UTF_8);
                if (complete(text)) {
                    break;
                }
            }
        } catch (java.net.SocketException reset) {
            // the server may close at once after answering
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
        return new Answer(status, text);
    }

    /** Whether a response with a Content-Length has arrived whole (so keep-alive answers need no close). */
    private static boolean complete(String text) {
        int head = text.indexOf("\r\n\r\n");
        if (head < 0) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                .matcher(text.substring(0, head));
        return m.find() && text.length() - head - 4 >= Integer.parseInt(m.group(1));
    }

    public static String bearer(String token) {
        return "Authorization: Bearer " + token + "\r\n";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
