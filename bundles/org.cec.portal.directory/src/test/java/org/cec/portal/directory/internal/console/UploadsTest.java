package org.cec.portal.directory.internal.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.testing.ModuleMessages;
import org.junit.jupiter.api.Test;

class UploadsTest {

    /** This bundle's messages files, as the portal's translations give them. */
    private static final Messages TEXTS = new ModuleMessages(Uploads.class);

    @Test
    void aFormUploadIsReadInMemory() throws Exception {
        String body = "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "id,business_name\r\nc-1,A\r\n\r\n--b--\r\n";
        Uploads.File file = Uploads.read(
                request("multipart/form-data; boundary=b", body.getBytes(StandardCharsets.UTF_8), -1), 1000);
        assertEquals("c.csv", file.name());
        assertEquals("id,business_name\r\nc-1,A\r\n", new String(file.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aPlainCsvBodyIsTakenAsItIs() throws Exception {
        byte[] csv = "id\r\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(
                csv, Uploads.read(request("text/csv", csv, csv.length), 1000).bytes());
    }

    @Test
    void aFileOverTheLimitIsRefusedWhateverItsDeclaredLength() throws Exception {
        byte[] big = new byte[2001];
        Uploads.Refused streamed =
                assertThrows(Uploads.Refused.class, () -> Uploads.read(request("text/csv", big, -1), 2000));
        assertTrue(streamed.text().format(TEXTS, Locale.ENGLISH).startsWith("The file is larger than"));
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\n"
                + "x".repeat(2001) + "\r\n--b--\r\n";
        assertThrows(
                Uploads.Refused.class,
                () -> Uploads.read(
                        request("multipart/form-data; boundary=b", multipart.getBytes(StandardCharsets.UTF_8), -1),
                        2000));
        assertThrows(
                Uploads.Refused.class,
                () -> Uploads.read(request("text/csv", new byte[0], 100L * 1024 * 1024), 20 * 1024 * 1024));
    }

    @Test
    void otherContentTypesAndFormsWithoutAFileAreRefused() throws Exception {
        assertThrows(Uploads.Refused.class, () -> Uploads.read(request("application/json", new byte[2], 2), 1000));
        String noFile = "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--b--\r\n";
        Uploads.Refused refused = assertThrows(
                Uploads.Refused.class,
                () -> Uploads.read(
                        request("multipart/form-data; boundary=b", noFile.getBytes(StandardCharsets.UTF_8), -1), 1000));
        assertEquals("Choose a CSV file to upload.", refused.text().format(TEXTS, Locale.ENGLISH));
    }

    /** A request of {@code type} with {@code body}; also for the page's upload in ContractorsConsolePluginTest. */
    static HttpServletRequest request(String type, byte[] body, long length) throws IOException {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getContentType()).thenReturn(type);
        when(request.getContentLengthLong()).thenReturn(length);
        when(request.getContentLength()).thenReturn((int) length);
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        when(request.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {}

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }
        });
        return request;
    }
}
