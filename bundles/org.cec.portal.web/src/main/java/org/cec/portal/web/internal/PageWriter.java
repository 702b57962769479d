package org.cec.portal.web.internal;

import java.io.Writer;

/**
 * A {@link Writer} into a {@link StringBuilder}, without the lock {@link java.io.StringWriter} takes
 * on every write (Freemarker writes a page in hundreds of small pieces). Not thread-safe: one page,
 * one thread. {@link #truncate} takes back what was written since a mark, so a fragment that fails
 * half-way leaves nothing behind.
 */
final class PageWriter extends Writer {

    private final StringBuilder out;

    PageWriter(StringBuilder out) {
        this.out = out;
    }

    @Override
    public void write(int c) {
        out.append((char) c);
    }

    @Override
    public void write(char[] chars, int off, int len) {
        out.append(chars, off, len);
    }

    @Override
    public void write(String s) {
        out.append(s);
    }

    @Override
    public void write(String s, int off, int len) {
        out.append(s, off, off + len);
    }

    @Override
    public Writer append(CharSequence s) {
        out.append(s);
        return this;
    }

    @Override
    public Writer append(CharSequence s, int start, int end) {
        out.append(s, start, end);
        return this;
    }

    @Override
    public Writer append(char c) {
        out.append(c);
        return this;
    }

    /** How much has been written so far. */
    int length() {
        return out.length();
    }

    /** Takes back everything written after {@code length}. */
    void truncate(int length) {
        out.setLength(length);
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
