package org.greenwave.sumo.twin;

/** Makes SPEC-valid ids (1-128 letters, digits and {@code _ . : # -}) from SUMO ids, which allow more. */
public final class DetectorIds {

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
        return s.length() > 128 ? s.substring(0, 128) : s.toString();
    }

    private DetectorIds() {
    }
}
