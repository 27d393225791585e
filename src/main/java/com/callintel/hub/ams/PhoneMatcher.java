package com.callintel.hub.ams;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.callintel.hub.processing.PhoneNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.springframework.stereotype.Component;

/**
 * Lookup step of the generic REST AMS connector: keeps the search candidates that really have the caller's number.
 * The AMS returns numbers as the agency typed them and may match loosely (last digits, any area code), so each
 * typed number is read in the organization's region and only an exact E.164 match counts.
 */
@Component("phoneMatcher")
public class PhoneMatcher {

    /** The region national numbers are read in when the connection's settings name none. */
    static final String DEFAULT_REGION = "US";

    private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();

    /**
     * The lookup answer of a connector: of {@code candidates} ({@code [{id, name, phones: [as typed]}]}), those
     * with a number equal to {@code caller}, as {@code [{id, name}]}, each client once, in the AMS's order.
     */
    public ArrayNode callersAmong(JsonNode candidates, String caller, String region) {
        String where = regionOrDefault(region);
        String callerE164 = PhoneNumbers.toE164(caller, where);
        ArrayNode callers = JsonNodeFactory.instance.arrayNode();
        if (callerE164 == null || candidates == null || !candidates.isArray()) {
            return callers;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode candidate : candidates) {
            String id = text(candidate.path("id"));
            if (id == null || seen.contains(id) || !hasNumber(typedNumbers(candidate.path("phones")), callerE164, where)) {
                continue;
            }
            seen.add(id);
            callers.addObject().put("id", id).put("name", text(candidate.path("name")));
        }
        return callers;
    }

    /** True when one of the numbers as typed, read in {@code region}, is {@code callerE164}. */
    public boolean hasNumber(List<String> typed, String callerE164, String region) {
        String where = regionOrDefault(region);
        return callerE164 != null && typed.stream().map(number -> normalize(number, where)).anyMatch(callerE164::equals);
    }

    /**
     * E.164 of a number as an agency typed it, read in {@code region}: "555.555.0188 x12", "1-555-555-0142" and
     * "(555) 555-0123" all become +1555…; null when it is no possible number.
     */
    static String normalize(String typed, String region) {
        return PhoneNumbers.toE164(typed, regionOrDefault(region));
    }

    private static String regionOrDefault(String region) {
        if (region == null || region.isBlank()) {
            // the request document carries no organization region yet; connections may name one in settings.region
            return DEFAULT_REGION;
        }
        String upper = region.trim().toUpperCase(Locale.ROOT);
        if (!REGIONS.contains(upper)) {
            // matching in a guessed region could write a note on the wrong client; an admin must fix the setting
            throw new AmsRefusedException("the AMS connection's region setting '" + region + "' is not a known region like US or GB");
        }
        return upper;
    }

    private static List<String> typedNumbers(JsonNode phones) {
        if (phones.isTextual()) {
            return List.of(phones.asText());
        }
        if (!phones.isArray()) {
            return List.of();
        }
        return StreamSupport.stream(phones.spliterator(), false)
                .map(PhoneMatcher::text).filter(Objects::nonNull).toList();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.isContainerNode() || node.asText().isBlank()
                ? null : node.asText();
    }
}
