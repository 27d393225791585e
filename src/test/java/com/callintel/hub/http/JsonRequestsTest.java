package com.callintel.hub.http;

import com.callintel.hub.problem.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API's binding step: a body is the declared record, valid, or a 400 problem naming the field to fix. */
class JsonRequestsTest {

    record Note(@NotBlank(message = JsonRequests.REQUIRED) @Size(max = 5, message = JsonRequests.AT_MOST) String title,
                @Pattern(regexp = JsonRequests.PRESENT, message = JsonRequests.REQUIRED) String tag,
                @NotNull(message = "must be true or false") Boolean pinned) {
    }

    private final JsonRequests requests = new JsonRequests(new ObjectMapper(),
            Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void aValidBodyArrivesAsTheRecordWithItsTextTrimmed() {
        assertThat(requests.body(body("{\"title\":\"  hi \",\"pinned\":true,\"unknown\":1}"), Note.class))
                .isEqualTo(new Note("hi", null, true));
    }

    @Test
    void eachBrokenRuleIsAFourHundredNamingTheField() {
        assertRefused("", "'body' a JSON body is required.");
        assertRefused("{\"title\":", "'body' is not valid JSON.");
        assertRefused("[]", "'body' must be a JSON object.");
        assertRefused("{\"title\":\"   \",\"pinned\":true}", "'title' is required (a non-empty string).");
        assertRefused("{\"title\":\"too long\",\"pinned\":true}", "'title' must be at most 5 characters.");
        assertRefused("{\"title\":42,\"pinned\":true}", "'title' is required (a non-empty string).");
        assertRefused("{\"title\":\"ok\",\"tag\":\" \",\"pinned\":true}", "'tag' is required (a non-empty string).");
        assertRefused("{\"title\":\"ok\",\"pinned\":\"yes\"}", "'pinned' must be true or false.");
        assertRefused("{\"title\":\"ok\"}", "'pinned' must be true or false.");
    }

    @Test
    void theFirstFieldInRecordOrderIsNamed() {
        assertRefused("{\"title\":\"\",\"tag\":\"\"}", "'title' is required (a non-empty string).");
    }

    @Test
    void anArrayIsCheckedLineByLine() {
        assertThatThrownBy(() -> requests.body(body("[{\"title\":\"a\",\"pinned\":true},{\"title\":\"b\"}]"), Note[].class))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail())
                        .isEqualTo("'[1].pinned' must be true or false."));
        assertThatThrownBy(() -> requests.body(body("[null]"), Note[].class))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail())
                        .isEqualTo("'[0]' must be an object."));
    }

    private void assertRefused(String json, String detail) {
        assertThatThrownBy(() -> requests.body(body(json), Note.class))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().type().toString()).endsWith("/invalid-field");
                    assertThat(e.problem().detail()).as(json).isEqualTo(detail);
                });
    }

    private static Exchange body(String json) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(json);
        return exchange;
    }
}
