package org.cec.portal.directory.internal.console;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.UploadContext;

/**
 * Reads an uploaded file into memory, bounded: a {@code multipart/form-data} form post (its first file
 * part, streamed by Commons FileUpload, never written to disk) or a plain {@code text/csv} body.
 */
final class Uploads {

    /**
     * The upload is refused, with a reason for staff: the page's text {@code
     * console.contractors.upload.<reason>} (the message is its key) and its arguments.
     */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String[] args;

        Refused(String reason, Object... args) {
            super("console.contractors.upload." + reason, null, false, false);
            this.args = Text.of(getMessage(), args).args().toArray(String[]::new);
        }

        /** The reason, as the page shows it. */
        Text text() {
            return new Text(getMessage(), List.of(args));
        }
    }

    /** The bytes of the uploaded file and its name as the browser gave it (or empty). */
    record File(String name, byte[] bytes) {}

    private Uploads() {}

    static File read(HttpServletRequest request, int maxBytes) throws IOException, Refused {
        long length = request.getContentLengthLong();
        if (length > maxBytes + 64L * 1024) {
            throw new Refused("tooLarge", maxBytes / (1024 * 1024));
        }
        String type =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/csv") || type.startsWith("text/plain")) {
            return new File("", bounded(request.getInputStream(), maxBytes));
        }
        if (!type.startsWith("multipart/form-data")) {
            if (length >= 0 && length <= 64L * 1024) {
                // read a small refused body to its end, so that the connection can be reused: otherwise
                // the server may close it under the client's next request on the same connection
                request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            }
            throw new Refused("type");
        }
        FileUpload upload = new FileUpload();
        upload.setSizeMax(maxBytes + 64L * 1024);
        upload.setFileCountMax(5);
        try {
            FileItemIterator items = upload.getItemIterator(new Context(request));
            while (items.hasNext()) {
                FileItemStream item = items.next();
                if (!item.isFormField()) {
                    String name = item.getName() == null ? "" : item.getName();
                    try (InputStream in = item.openStream()) {
                        return new File(name.length() > 200 ? name.substring(0, 200) : name, bounded(in, maxBytes));
                    }
                }
            }
        } catch (FileUploadException e) {
            throw new Refused("unreadable", maxBytes / (1024 * 1024));
        }
        throw new Refused("none");
    }

    private static byte[] bounded(InputStream in, int maxBytes) throws IOException, Refused {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > maxBytes) {
                throw new Refused("tooLarge", maxBytes / (1024 * 1024));
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The request as Commons FileUpload reads it (its servlet adapters are for javax.servlet). */
    private record Context(HttpServletRequest request) implements UploadContext {
        @Override
        public String getCharacterEncoding() {
            return request.getCharacterEncoding();
        }

        @Override
        public String getContentType() {
            return request.getContentType();
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return request.getContentLength();
        }

        @Override
        public long contentLength() {
            return request.getContentLengthLong();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return request.getInputStream();
        }
    }
}
