package org.greenwave.sumo.twin;

/** Makes SPEC-valid ids (1-128 letters, digits and {@code _ . : # -}) from SUMO ids, which allow more. */
public final class DetectorIds {

    /** Longest id SPEC allows. */
    public static final int MAX_LENGTH = 128;

    public static String of(String raw) {
        StringBuilder s = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == ':' || c == '#' || c == '-';
            s.append(ok ? c : '_');
        }
        if (s.length() == 0) {
            return "_";
        }
        return fit(s.toString(), raw);
    }

    /**
     * A valid id within {@link #MAX_LENGTH}: as it is when short enough, else its first characters and a hash of the
     * whole original ({@code -} and eight hex digits), so that two long ids that start alike stay apart.
     */
    public static String fit(String valid, String original) {
        if (valid.length() <= MAX_LENGTH) {
            return valid;
        }
        return valid.substring(0, MAX_LENGTH - 9) + "-"
                + String.format(java.util.Locale.ROOT, "%08x", original.hashCode());
    }

    private DetectorIds() {
    }
}
