package com.callintel.hub.processing;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** However a provider writes a North American number, the hub stores one E.164 form. */
class PhoneNumbersTest {

    @Property
    void everyUsWritingOfANumberNormalizesToTheSameE164(@ForAll("usNumbers") UsNumber n) {
        String expected = "+1" + n.area() + n.exchange() + n.line();

        assertThat(inUs("(" + n.area() + ") " + n.exchange() + "-" + n.line())).isEqualTo(expected);
        assertThat(inUs(n.area() + "." + n.exchange() + "." + n.line())).isEqualTo(expected);
        assertThat(inUs("1-" + n.area() + "-" + n.exchange() + "-" + n.line())).isEqualTo(expected);
        assertThat(inUs("+1 " + n.area() + " " + n.exchange() + " " + n.line())).isEqualTo(expected);
    }

    @Property
    void internationalFormIsReadTheSameWhateverTheAgencysRegion(@ForAll("usNumbers") UsNumber n) {
        String e164 = "+1" + n.area() + n.exchange() + n.line();

        assertThat(PhoneNumbers.toE164(e164, "GB")).isEqualTo(e164);
        assertThat(inUs(e164)).isEqualTo(e164);
    }

    @Property
    void internalExtensionsOfUpToFourDigitsAreNoNumber(
            @ForAll @NumericChars @StringLength(min = 1, max = 4) String extension) {
        assertThat(inUs(extension)).isNull();
    }

    @Example
    void nullIsNoNumber() {
        assertThat(inUs(null)).isNull();
    }

    @Example
    void blankIsNoNumber() {
        assertThat(inUs("")).isNull();
        assertThat(inUs("   ")).isNull();
    }

    @Example
    void garbageIsNoNumber() {
        assertThat(inUs("anonymous")).isNull();
        assertThat(inUs("+")).isNull();
        assertThat(inUs("--")).isNull();
    }

    @Example
    void threeDigitExtensionIsNoNumber() {
        assertThat(inUs("101")).isNull();
    }

    @Provide
    Arbitrary<UsNumber> usNumbers() {
        // NANP shape: area and exchange start 2-9 and are not N11 service codes; the line is any four digits
        Arbitrary<String> area = nxx().filter(a -> a.charAt(1) != '9');
        return Combinators.combine(area, nxx(), Arbitraries.strings().numeric().ofLength(4)).as(UsNumber::new);
    }

    private static Arbitrary<String> nxx() {
        return Combinators.combine(Arbitraries.integers().between(2, 9), Arbitraries.strings().numeric().ofLength(2))
                .as((first, rest) -> first + rest)
                .filter(code -> !code.endsWith("11"));
    }

    private static String inUs(String raw) {
        return PhoneNumbers.toE164(raw, "US");
    }

    record UsNumber(String area, String exchange, String line) {
    }
}
