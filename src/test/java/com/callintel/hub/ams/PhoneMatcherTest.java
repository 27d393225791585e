package com.callintel.hub.ams;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * However an agency typed a client's number, the caller is found on it; a client whose numbers are only alike
 * (another area code, seven digits, another country) is never taken for the caller.
 */
class PhoneMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PhoneMatcher matcher = new PhoneMatcher();

    @Property
    void everyWayAnAgencyTypesTheCallersNumberMatches(@ForAll("usNumbers") UsNumber n,
            @ForAll("usWritings") Writing writing, @ForAll("extensions") String extension) {
        String typed = writing.write(n) + extension;

        assertThat(PhoneMatcher.normalize(typed, "US")).as(typed).isEqualTo(n.e164());
        assertThat(matcher.hasNumber(List.of(typed), n.e164(), "US")).as(typed).isTrue();
    }

    @Property
    void anotherNumberNeverMatchesHoweverItIsTyped(@ForAll("usNumbers") UsNumber caller, @ForAll("usNumbers") UsNumber other,
            @ForAll("usWritings") Writing writing, @ForAll("extensions") String extension) {
        Assume.that(!caller.equals(other));

        assertThat(matcher.hasNumber(List.of(writing.write(other) + extension), caller.e164(), "US")).isFalse();
    }

    @Property
    void lookalikesOfTheCallersNumberNeverMatch(@ForAll("usNumbers") UsNumber caller, @ForAll("usNumbers") UsNumber other) {
        Assume.that(!caller.area().equals(other.area()));
        String sameLineOtherArea = "(" + other.area() + ") " + caller.exchange() + "-" + caller.line();
        String sevenDigits = caller.exchange() + "-" + caller.line();

        assertThat(matcher.hasNumber(List.of(sameLineOtherArea, sevenDigits), caller.e164(), "US")).isFalse();
    }

    @Property(tries = 300)
    void keepsExactlyTheCandidatesHoldingTheCallersNumberEachOnceInTheAmsOrder(
            @ForAll("candidateBooks") List<TypedCandidate> book, @ForAll("numberPool") UsNumber caller) {
        ArrayNode candidates = JSON.createArrayNode();
        book.forEach(c -> candidates.add(c.json()));
        Set<String> expected = new LinkedHashSet<>();
        book.stream().filter(c -> c.numbers().contains(caller)).forEach(c -> expected.add(c.id()));

        JsonNode kept = matcher.callersAmong(candidates, caller.e164(), "US");

        assertThat(kept.findValuesAsText("id")).containsExactlyElementsOf(expected);
        kept.forEach(k -> assertThat(k.fieldNames()).toIterable().containsExactly("id", "name"));
    }

    @Example
    void theSandboxBooksNumbersAreReadAsTheCallersNumbers() {
        assertThat(PhoneMatcher.normalize("555.555.0188 x12", "US")).isEqualTo("+15555550188");
        assertThat(PhoneMatcher.normalize("555-555-0179 ext. 3", "US")).isEqualTo("+15555550179");
        assertThat(PhoneMatcher.normalize("1-555-555-0142", "US")).isEqualTo("+15555550142");
        assertThat(PhoneMatcher.normalize("5555550123", "US")).isEqualTo("+15555550123");
        assertThat(PhoneMatcher.normalize("(555) 555-0123", "US")).isEqualTo("+15555550123");
        assertThat(PhoneMatcher.normalize("+1 (555) 555-0178", "US")).isEqualTo("+15555550178");
        assertThat(PhoneMatcher.normalize("555 555 0190", "US")).isEqualTo("+15555550190");
    }

    @Example
    void trunkPrefixesAndDialingPrefixesAreDropped() {
        assertThat(PhoneMatcher.normalize("020 7946 0018", "GB")).isEqualTo("+442079460018");
        assertThat(PhoneMatcher.normalize("+44 (0)20 7946 0018", "GB")).isEqualTo("+442079460018");
        assertThat(PhoneMatcher.normalize("+44 (0)20 7946 0018", "US")).isEqualTo("+442079460018");
        assertThat(PhoneMatcher.normalize("07700 900123", "GB")).isEqualTo("+447700900123");
        assertThat(PhoneMatcher.normalize("011 44 20 7946 0018", "US")).isEqualTo("+442079460018");
        assertThat(PhoneMatcher.normalize("00 1 555 555 0123", "GB")).isEqualTo("+15555550123");
    }

    @Example
    void numbersWithoutCountryCodeAreReadInTheGivenRegion() {
        assertThat(matcher.hasNumber(List.of("(555) 555-0123"), "+15555550123", "GB")).isFalse();
        assertThat(matcher.hasNumber(List.of("020 7946 0018"), "+442079460018", "GB")).isTrue();
        assertThat(matcher.hasNumber(List.of("020 7946 0018"), "+442079460018", "US")).isFalse();
        assertThat(matcher.hasNumber(List.of("020 7946 0018"), "+442079460018", "gb")).as("region in any case").isTrue();
    }

    @Example
    void blankRegionMeansTheDefaultUs() {
        assertThat(matcher.hasNumber(List.of("(555) 555-0123"), "+15555550123", null)).isTrue();
        assertThat(matcher.hasNumber(List.of("(555) 555-0123"), "+15555550123", "")).isTrue();
        assertThat(matcher.callersAmong(candidates("""
                [{"id": "1", "name": "Marcus Bell", "phones": ["(555) 555-0123"]}]"""), "+15555550123", " ")).hasSize(1);
    }

    @Example
    void unknownRegionIsRefusedNotGuessed() {
        assertThatThrownBy(() -> matcher.hasNumber(List.of("(555) 555-0123"), "+15555550123", "USA"))
                .isInstanceOf(AmsRefusedException.class).hasMessageContaining("region setting 'USA'");
    }

    @Example
    void looseMatchesOfTheAmsAreDropped() {
        JsonNode kept = matcher.callersAmong(candidates("""
                [{"id": "A", "name": "Other area code", "phones": ["(312) 555-0123"]},
                 {"id": "B", "name": "Seven digits", "phones": ["555-0123"]},
                 {"id": "C", "name": "Marcus Bell", "phones": ["555-014-2398", "5555550123"]},
                 {"id": "D", "name": "Extension only", "phones": ["x0123"]}]"""), "+15555550123", "US");

        assertThat(kept.toString()).isEqualTo("[{\"id\":\"C\",\"name\":\"Marcus Bell\"}]");
    }

    @Example
    void theSameClientListedTwiceIsOneCandidate() {
        JsonNode kept = matcher.callersAmong(candidates("""
                [{"id": "C", "name": "Marcus Bell", "phones": ["(555) 555-0123"]},
                 {"id": "C", "name": "Marcus Bell", "phones": ["5555550123"]}]"""), "+15555550123", "US");

        assertThat(kept).hasSize(1);
    }

    @Example
    void oddShapesFromTheAmsAreToleratedNeverMatchedByAccident() {
        JsonNode kept = matcher.callersAmong(candidates("""
                [{"id": 10453, "name": null, "phones": ["(555) 555-0123"]},
                 {"name": "No id", "phones": ["(555) 555-0123"]},
                 {"id": "", "name": "Blank id", "phones": ["(555) 555-0123"]},
                 {"id": "S", "name": "One string", "phones": "555-555-0123"},
                 {"id": "N", "name": "No phones"},
                 {"id": "G", "name": "Garbage", "phones": [null, "", "n/a", {"Number": "5555550123"}, ["5555550123"]]},
                 {"id": "J", "name": "JSON number", "phones": [5555550123]}]"""),
                "+15555550123", "US");

        assertThat(kept.findValuesAsText("id")).containsExactly("10453", "S", "J");
        assertThat(kept.get(0).get("name").isNull()).isTrue();
    }

    @Example
    void noCallerOrNoListMatchesNobody() {
        JsonNode marcus = candidates("""
                [{"id": "C", "name": "Marcus Bell", "phones": ["(555) 555-0123"]}]""");

        assertThat(matcher.callersAmong(marcus, null, "US")).isEmpty();
        assertThat(matcher.callersAmong(marcus, "anonymous", "US")).isEmpty();
        assertThat(matcher.callersAmong(null, "+15555550123", "US")).isEmpty();
        assertThat(matcher.callersAmong(JSON.createObjectNode(), "+15555550123", "US")).isEmpty();
        assertThat(matcher.hasNumber(List.of("(555) 555-0123"), null, "US")).isFalse();
    }

    @Provide
    Arbitrary<UsNumber> usNumbers() {
        // NANP shape: area and exchange start 2-9 and are not N11 service codes; the line is any four digits
        Arbitrary<String> area = nxx().filter(a -> a.charAt(1) != '9');
        return Combinators.combine(area, nxx(), Arbitraries.strings().numeric().ofLength(4)).as(UsNumber::new);
    }

    /** A few numbers only, so that candidates share them and the caller is often among them. */
    @Provide
    Arbitrary<UsNumber> numberPool() {
        return Arbitraries.of(new UsNumber("555", "555", "0123"), new UsNumber("555", "555", "0177"),
                new UsNumber("312", "555", "0123"), new UsNumber("555", "555", "0188"));
    }

    @Provide
    Arbitrary<List<TypedCandidate>> candidateBooks() {
        Arbitrary<String> ids = Arbitraries.of("10453", "10454", "10455", "10456");
        Arbitrary<List<UsNumber>> numbers = numberPool().list().ofMaxSize(3);
        Arbitrary<List<String>> typings = Combinators.combine(usWritings(), extensions()).as((w, e) -> w.name() + "|" + e)
                .list().ofSize(3);
        return Combinators.combine(ids, numbers, typings).as(TypedCandidate::new).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Writing> usWritings() {
        return Arbitraries.of(Writing.values());
    }

    @Provide
    Arbitrary<String> extensions() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5);
        return Arbitraries.oneOf(Arbitraries.just(""),
                digits.map(d -> " x" + d), digits.map(d -> "x" + d), digits.map(d -> " X " + d),
                digits.map(d -> " ext. " + d), digits.map(d -> " ext " + d), digits.map(d -> " ext." + d),
                digits.map(d -> " extension " + d), digits.map(d -> " #" + d));
    }

    private static Arbitrary<String> nxx() {
        return Combinators.combine(Arbitraries.integers().between(2, 9), Arbitraries.strings().numeric().ofLength(2))
                .as((first, rest) -> first + rest)
                .filter(code -> !code.endsWith("11"));
    }

    private static JsonNode candidates(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    record UsNumber(String area, String exchange, String line) {
        String e164() {
            return "+1" + area + exchange + line;
        }
    }

    /** How agencies type a North American number: punctuation, trunk prefix 1 or +1, or none. */
    enum Writing {
        PARENTHESES("(%s) %s-%s"), DASHES("%s-%s-%s"), DOTS("%s.%s.%s"), SPACES("%s %s %s"), BARE("%s%s%s"),
        TRUNK_DASHES("1-%s-%s-%s"), TRUNK_PARENTHESES("1 (%s) %s-%s"), TRUNK_BARE("1%s%s%s"),
        PLUS_SPACES("+1 %s %s %s"), PLUS_PARENTHESES("+1 (%s) %s-%s"), PLUS_BARE("+1%s%s%s");

        private final String pattern;

        Writing(String pattern) {
            this.pattern = pattern;
        }

        String write(UsNumber n) {
            return String.format(pattern, n.area(), n.exchange(), n.line());
        }
    }

    /** A candidate the AMS returns: its true numbers and how each was typed ("WRITING|extension"). */
    record TypedCandidate(String id, List<UsNumber> numbers, List<String> typings) {
        ObjectNode json() {
            ObjectNode candidate = JSON.createObjectNode().put("id", id).put("name", "Client " + id);
            List<String> typed = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                String[] how = typings.get(i).split("\\|", -1);
                typed.add(Writing.valueOf(how[0]).write(numbers.get(i)) + how[1]);
            }
            typed.forEach(candidate.putArray("phones")::add);
            return candidate;
        }
    }
}
