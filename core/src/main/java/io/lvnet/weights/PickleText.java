package io.lvnet.weights;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import net.razorvine.pickle.PickleUtils;

/**
 * The arguments that protocol-0 opcodes write as a line of text (GLOBAL's names, INT, LONG,
 * FLOAT, GET and PUT), each read no further than its longest sensible value: a line is
 * refused, with nothing more read, once it runs past that.
 */
final class PickleText {
    /** Characters of a number written as text: the digits, a sign and LONG's 'L'. */
    private static final int MAX_NUMBER_CHARS = PickleLimits.MAX_INT_DIGITS + 2;
    private static final int MAX_INDEX_CHARS = 12;

    private PickleText() {
    }

    /** A module or global name. */
    static String name(InputStream in) throws IOException {
        String text = line(in, PickleLimits.MAX_NAME_CHARS);
        if (text == null) {
            throw new PickleFormatError("pickle names a global of more than "
                    + PickleLimits.MAX_NAME_CHARS + " characters");
        }
        return text;
    }

    /**
     * INT's argument: {@code 00} and {@code 01} are False and True (protocol 0), anything
     * else a number, as an Integer, Long or BigInteger by size.
     */
    static Object intValue(InputStream in) throws IOException {
        String text = integerText(in);
        if ("00".equals(text) || "01".equals(text)) {
            return "01".equals(text);
        }
        BigInteger value = new BigInteger(text);
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /** LONG's argument (digits and a trailing 'L'), as a Long or BigInteger by size. */
    static Number longValue(InputStream in) throws IOException {
        String text = integerText(in);
        if (text.endsWith("L")) {
            text = text.substring(0, text.length() - 1);
        }
        return PickleUtils.optimizeBigint(new BigInteger(text));
    }

    /** FLOAT's argument. */
    static double floatValue(InputStream in) throws IOException {
        String text = line(in, MAX_NUMBER_CHARS);
        if (text == null) {
            throw new PickleFormatError("pickle has a float written with more than "
                    + MAX_NUMBER_CHARS + " characters");
        }
        return Double.parseDouble(text);
    }

    /** GET's or PUT's memo index. */
    static int memoIndex(InputStream in) throws IOException {
        String text = line(in, MAX_INDEX_CHARS);
        if (text == null) {
            throw new PickleFormatError("pickle has a memo index of more than " + MAX_INDEX_CHARS
                    + " characters");
        }
        return Integer.parseInt(text.strip());
    }

    /**
     * An integer's text, refused beyond {@link PickleLimits#MAX_INT_DIGITS} digits: Java, like
     * Python, converts decimal text to a big integer in quadratic time.
     */
    private static String integerText(InputStream in) throws IOException {
        String text = line(in, MAX_NUMBER_CHARS);
        if (text == null || text.chars().filter(c -> c >= '0' && c <= '9').count()
                > PickleLimits.MAX_INT_DIGITS) {
            throw new PickleFormatError("pickle has an integer of more than "
                    + PickleLimits.MAX_INT_DIGITS + " digits (Python's limit for converting text"
                    + " to int)");
        }
        return text.strip();
    }

    /**
     * A line without its newline, each byte one character, or null when it runs past
     * {@code maxChars}.
     */
    private static String line(InputStream in, int maxChars) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("premature end of file");
            }
            if (c == '\n') {
                return line.toString();
            }
            if (line.length() == maxChars) {
                return null;
            }
            line.append((char) c);
        }
    }
}
