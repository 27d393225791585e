package com.callintel.hub.sandbox.ams;

import java.util.Locale;

/**
 * One phone number of a sandbox client, kept exactly as an agency typed it ("(555) 555-0123", "555.555.0188 x12",
 * "1-555-555-0142"), with the readings each simulated vendor derives from it. North American numbers only.
 */
public record SimulatedPhone(PhoneKind kind, String typed, String description) {

    public SimulatedPhone {
        if (kind == null || typed == null || nationalDigits(typed) == null) {
            throw new IllegalArgumentException("not a North American phone number: " + typed);
        }
    }

    public static SimulatedPhone of(PhoneKind kind, String typed) {
        return new SimulatedPhone(kind, typed, null);
    }

    /** The 10-digit national number (area code + 7 digits), without extension or country code. */
    public String national() {
        return nationalDigits(typed);
    }

    /** The E.164 form, as vendors that normalise on entry (Applied Epic) store it. */
    public String e164() {
        return "+1" + national();
    }

    public String areaCode() {
        return national().substring(0, 3);
    }

    /** The 7 digits after the area code, as AMS360 keeps them in its *Phone fields. */
    public String localNumber() {
        return national().substring(3);
    }

    /** The extension digits typed after "x", "ext" or "#", or an empty string. */
    public String extension() {
        int at = extensionStart(typed);
        return at < 0 ? "" : typed.substring(at).replaceAll("\\D", "");
    }

    /** "(555) 555-0123": how AMS360 prints a number back. */
    public String formatted() {
        String n = national();
        return "(" + n.substring(0, 3) + ") " + n.substring(3, 6) + "-" + n.substring(6);
    }

    /**
     * The 10-digit national number of any typed form: extension dropped, punctuation dropped, a leading country
     * code 1 dropped. Null when fewer or more digits remain.
     */
    public static String nationalDigits(String typed) {
        if (typed == null) {
            return null;
        }
        int at = extensionStart(typed);
        String digits = (at < 0 ? typed : typed.substring(0, at)).replaceAll("\\D", "");
        if (digits.length() == 11 && digits.charAt(0) == '1') {
            digits = digits.substring(1);
        }
        return digits.length() == 10 ? digits : null;
    }

    private static int extensionStart(String typed) {
        String lower = typed.toLowerCase(Locale.ROOT);
        int best = -1;
        for (String marker : new String[] {"x", "ext", "#"}) {
            int at = lower.indexOf(marker);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }
}
