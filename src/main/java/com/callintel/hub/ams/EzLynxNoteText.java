package com.callintel.hub.ams;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in an EZLynx note's text, as the agency's {@code noteNumbers} setting wants them. Public clients
 * report that EZLynx's Discussion API refuses phone-number-like note bodies (Z2) and that agency automations dial
 * numbers found in discussion text (Z1), so no dialable number is ever sent: {@code last-four} (the default) keeps
 * only the last four digits ("number ending 0123"), {@code omit} leaves the number out. The caller's number, the
 * agency's own and any number in a transcript or summary are treated alike.
 */
final class EzLynxNoteText {

    /** North American forms (Z1's pattern) and any international number written with its "+". */
    private static final Pattern PHONE_LIKE = Pattern.compile(
            "\\+\\d[\\d\\s().-]{6,}\\d|(?:\\+?1[-.\\s]?)?(?:\\(\\d{3}\\)|\\d{3})[-.\\s]?\\d{3}[-.\\s]?\\d{4}");

    private EzLynxNoteText() {
    }

    /** {@code text} with every phone-like value replaced as {@code mode} ("last-four" or "omit") says. */
    static String withoutDialableNumbers(String text, String mode) {
        if (text == null) {
            return null;
        }
        boolean omit = "omit".equals(mode);
        if (!omit && !"last-four".equals(mode)) {
            throw new AmsRefusedException("the EZLynx connection's noteNumbers setting must be last-four or omit");
        }
        Matcher matcher = PHONE_LIKE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("\\D", "");
            String replacement = omit ? "(number left out)" : "(number ending " + digits.substring(digits.length() - 4) + ")";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
