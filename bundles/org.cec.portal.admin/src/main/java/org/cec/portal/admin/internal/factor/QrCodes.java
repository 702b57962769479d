package org.cec.portal.admin.internal.factor;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;

/**
 * A QR code drawn on the server as SVG (no third-party service sees the secret): ZXing encodes the
 * text into modules, this class writes them as one {@code <path>} of dark runs with a quiet zone of
 * four modules. Only presentation attributes, no {@code style}, as the console's CSP requires.
 */
public final class QrCodes {

    private static final int QUIET = 4;

    private QrCodes() {}

    /** {@code text} as an SVG element whose accessible name is {@code label}. */
    public static String svg(String text, String label) {
        ByteMatrix m;
        try {
            m = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
                    .getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code", e);
        }
        int size = m.getWidth() + 2 * QUIET;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (m.get(x, y) == 1) {
                    int start = x;
                    while (x < m.getWidth() && m.get(x, y) == 1) {
                        x++;
                    }
                    path.append('M')
                            .append(start + QUIET)
                            .append(' ')
                            .append(y + QUIET)
                            .append('h')
                            .append(x - start)
                            .append("v1h-")
                            .append(x - start)
                            .append('z');
                } else {
                    x++;
                }
            }
        }
        String name = escape(label);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" width=\"" + size * 5 + "\" height=\"" + size * 5 + "\" role=\"img\" aria-label=\"" + name
                + "\" shape-rendering=\"crispEdges\"><title>" + name + "</title><rect width=\"" + size
                + "\" height=\"" + size + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
