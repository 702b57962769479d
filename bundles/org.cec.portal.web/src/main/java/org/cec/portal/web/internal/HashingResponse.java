package org.cec.portal.web.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Holds back a console response until it is complete, so that the Content-Security-Policy of an
 * HTML page can name the hashes of its inline code ({@link InlineHashes}). The content type is
 * only looked at at the end, because a servlet may set it after it took the writer.
 */
final class HashingResponse extends HttpServletResponseWrapper {

    private final String policy;
    private ByteArrayOutputStream buffer;
    private ServletOutputStream stream;
    private PrintWriter writer;

    HashingResponse(HttpServletResponse response, String policy) {
        super(response);
        this.policy = policy;
    }

    private boolean isHtml() {
        String type = getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
    }

    private boolean buffering() {
        return buffer != null;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was already called");
        }
        if (stream == null) {
            buffer = new ByteArrayOutputStream(16384);
            stream = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("asynchronous output is not supported here");
                }

                @Override
                public void write(int b) {
                    buffer.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    buffer.write(b, off, len);
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (stream != null) {
            throw new IllegalStateException("getOutputStream() was already called");
        }
        if (writer == null) {
            buffer = new ByteArrayOutputStream(16384);
            writer = new PrintWriter(new OutputStreamWriter(buffer, charset()));
        }
        return writer;
    }

    private Charset charset() {
        String enc = getCharacterEncoding();
        try {
            return enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!buffering()) {
            super.flushBuffer();
        }
    }

    @Override
    public void setContentLength(int len) {
        // set in finish(), from what was really written
    }

    @Override
    public void setContentLengthLong(long len) {
        // set in finish(), from what was really written
    }

    /** Sends what was held back, with the policy for its inline code. */
    void finish() throws IOException {
        if (!buffering()) {
            return;
        }
        if (writer != null) {
            writer.flush();
        }
        byte[] body = buffer.toByteArray();
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (!response.isCommitted()) {
            if (isHtml()) {
                response.setHeader(
                        "Content-Security-Policy", InlineHashes.policyFor(policy, new String(body, charset())));
            }
            response.setContentLength(body.length);
        }
        response.getOutputStream().write(body);
    }
}
