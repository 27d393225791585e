package com.callintel.hub.ams;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No dialable number reaches an EZLynx note, whatever form it was written in; dates and durations stay. */
class EzLynxNoteTextTest {

    private static final String NOTE = "Inbound call from Marcus Bell +1 555-555-0123 to +15555550100\\n"
            + "Mon 2 Mar 2026 09:04 CST, duration 5m 30s, call 2026-03-02\\n"
            + "Summary: call him back at (555) 555-0199 or 555.555.0142, UK office +44 20 7946 0958";

    @Test
    void lastFourKeepsOnlyTheLastFourDigitsOfEachNumber() {
        String text = EzLynxNoteText.withoutDialableNumbers(NOTE, "last-four");
        assertThat(text).contains("Marcus Bell (number ending 0123) to (number ending 0100)")
                .contains("at (number ending 0199) or (number ending 0142)").contains("(number ending 0958)")
                .contains("Mon 2 Mar 2026 09:04 CST, duration 5m 30s, call 2026-03-02")
                .doesNotContainPattern("\\\\d{3}[-.\\\\s)]*\\\\d{3}[-.\\\\s]*\\\\d{4}");
    }

    @Test
    void omitLeavesNumbersOut() {
        String text = EzLynxNoteText.withoutDialableNumbers(NOTE, "omit");
        assertThat(text).contains("Marcus Bell (number left out) to (number left out)").doesNotContain("0123", "0958");
    }

    @Test
    void anUnknownSettingIsRefusedRatherThanSendingNumbers() {
        assertThatThrownBy(() -> EzLynxNoteText.withoutDialableNumbers(NOTE, "as-typed"))
                .isInstanceOf(AmsRefusedException.class);
    }
}
