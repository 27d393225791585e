package com.callintel.hub.ams;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The AMS360 endpoint is the same whichever form of base URL an agency was given. */
class Ams360EndpointTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://wsapi.ams360.com",
            "https://wsapi.ams360.com/",
            "https://wsapi.ams360.com/v3",
            "https://wsapi.ams360.com/v3/",
            "https://wsapi.ams360.com/v3/WSAPIService.svc",
            "https://wsapi.ams360.com/v3/WSAPIService.svc/"})
    void everyFormIntegratorsGiveEndsAtTheOneServiceEndpoint(String baseUrl) {
        assertThat(Ams360Endpoint.of(baseUrl, "/v3/WSAPIService.svc"))
                .isEqualTo("https://wsapi.ams360.com/v3/WSAPIService.svc");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://wsapi.ams360.com/V3, https://wsapi.ams360.com/V3/WSAPIService.svc",
            "https://wsapi.ams360.com/v2, https://wsapi.ams360.com/v2/v3/WSAPIService.svc"})
    void onlyTheServicePathsOwnLeadingSegmentsCountAsPresent(String baseUrl, String endpoint) {
        assertThat(Ams360Endpoint.of(baseUrl, "/v3/WSAPIService.svc")).isEqualTo(endpoint);
    }
}
