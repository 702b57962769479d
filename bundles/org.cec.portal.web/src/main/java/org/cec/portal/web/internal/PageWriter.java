package org.cec.portal.web.internal;

import java.io.Writer;
import java.util.Arrays;

/**
 * A {@link Writer} into a growing {@code char[]}, without the lock {@link java.io.StringWriter} takes
 * on every write (Freemarker writes a page in hundreds of small pieces). Templates' static text
 * arrives as {@code char[]}, which is copied as it is; a {@link StringBuilder} would narrow it to
 * Latin-1 character by character. Not thread-safe: one page, one thread.
 */
final class PageWriter extends Writer {

    private char[] buf;
    private int count;

    /** A writer that starts filling {@code buf} (and replaces it with a larger array when full). */
    PageWriter(char[] buf) {
        this.buf = buf;
    }

    private void ensure(int more) {
        int needed = count + more;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    @Override
    public void write(int c) {
        ensure(1);
        buf[count++] = (char) c;
    }

    @Override
    public void write(char[] chars, int off, int len) {
        ensure(len);
        System.arraycopy(chars, off, buf, count, len);
        count += len;
    }

    @Override
    public void write(String s) {
        write(s, 0, s.length());
    }

    @Override
    public void write(String s, int off, int len) {
        ensure(len);
        s.getChars(off, off + len, buf, count);
        count += len;
    }

    @Override
    public Writer append(CharSequence s) {
        write(String.valueOf(s));
        return this;
    }

    @Override
    public Writer append(CharSequence s, int start, int end) {
        write(String.valueOf(s == null ? "null" : s.subSequence(start, end)));
        return this;
    }

    @Override
    public Writer append(char c) {
        write(c);
        return this;
    }

    /**
     * The array written into (the one given, unless it had to grow), with what was written wiped: a
     * page may hold personal data, and the array is kept for the thread's next page.
     */
    char[] wipedBuffer() {
        Arrays.fill(buf, 0, count, '\0');
        count = 0;
        return buf;
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** What was written, as a string (compact when it is all Latin-1). */
    @Override
    public String toString() {
        return new String(buf, 0, count);
    }
}
