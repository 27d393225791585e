package com.callintel.hub.ams.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract comparison sees each kind of drift the issue 15 findings were made of, and no false ones. */
class ContractComparisonTest {

    private static final String LOGIN = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
            + "<Login xmlns=\"http://www.WSAPI.AMS360.com/v3.0\"><Request xmlns:a=\"http://www.WSAPI.AMS360.com/v3.0/DataContract\""
            + " xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><a:AgencyNo>1</a:AgencyNo><a:EmployeeCode%s</Request></Login>"
            + "</s:Body></s:Envelope>";

    @Test
    void nilIsNotAnEmptyElement() {
        String recorded = LOGIN.formatted("/>");
        assertThat(ContractComparison.body("text/xml", recorded, LOGIN.formatted(" i:nil=\"true\"/>")))
                .singleElement().asString().contains("EmployeeCode").contains("nil");
        assertThat(ContractComparison.body("text/xml", recorded, LOGIN.formatted("></a:EmployeeCode>"))).isEmpty();
    }

    @Test
    void namespacePrefixesAndFormattingDoNotMatterButNamespacesAndOrderDo() {
        String recorded = LOGIN.formatted("/>");
        String reprefixed = recorded.replace("a:", "dc:").replace("xmlns:a=", "xmlns:dc=").replace("><", ">\n  <");
        assertThat(ContractComparison.body("text/xml", recorded, reprefixed)).isEmpty();
        assertThat(ContractComparison.body("text/xml", recorded, recorded.replace("v3.0/DataContract", "v3.0"))).isNotEmpty();
        String swapped = recorded.replace("<a:AgencyNo>1</a:AgencyNo><a:EmployeeCode/>", "<a:EmployeeCode/><a:AgencyNo>1</a:AgencyNo>");
        assertThat(ContractComparison.body("text/xml", recorded, swapped)).singleElement().asString().contains("order");
    }

    @Test
    void formWithoutTheAudienceOrWithCredentialsInTheBodyDiffers() {
        String recorded = "grant_type=client_credentials&audience=api.myappliedproducts.com/epic";
        assertThat(ContractComparison.body("application/x-www-form-urlencoded", recorded,
                "grant_type=client_credentials&audience=api.myappliedproducts.com%2Fepic")).isEmpty();
        assertThat(ContractComparison.body("application/x-www-form-urlencoded", recorded,
                "grant_type=client_credentials&client_id=a&client_secret=b")).isNotEmpty();
    }

    @Test
    void jsonMembersMayNeitherBeMissingNorExtraAndWildcardsMatchOnlyText() {
        String recorded = "{\"note\":{\"accessLevel\":{\"id\":\"2\"},\"content\":\"{{*}}\"}}";
        assertThat(ContractComparison.body("application/json", recorded,
                "{\"note\":{\"accessLevel\":{\"id\":\"2\"},\"content\":\"anything\"}}")).isEmpty();
        assertThat(ContractComparison.body("application/json", recorded,
                "{\"note\":{\"accessLevel\":{\"id\":\"6\"},\"content\":\"x\"}}")).singleElement().asString().contains("id");
        assertThat(ContractComparison.body("application/json", recorded,
                "{\"note\":{\"accessLevel\":{\"id\":\"2\"},\"content\":\"x\",\"extra\":1}}")).isNotEmpty();
        assertThat(ContractComparison.body("application/json", "{\"id\":\"65536\"}", "{\"id\":65536}")).isNotEmpty();
    }
}
