package com.callintel.hub.processing;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Normalizes provider phone numbers to E.164 with libphonenumber, reading national formats in the org's region. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /**
     * Numbers already read, by region and raw text: a call's events repeat the same few numbers, and parsing is
     * the costliest step of normalizing an event (a regex-heavy library). Bounded; holds no AMS data.
     */
    private static final Cache<String, Optional<String>> READ = Caffeine.newBuilder().maximumSize(20_000).build();

    private PhoneNumbers() {
    }

    /**
     * E.164 of {@code raw} read in {@code region}, or null when it is not a possible phone number (for example a
     * three-digit internal extension).
     */
    public static String toE164(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return READ.get(region + "|" + raw, key -> Optional.ofNullable(parse(raw, region))).orElse(null);
    }

    private static String parse(String raw, String region) {
        try {
            PhoneNumber number = UTIL.parse(raw.trim(), region);
            if (!UTIL.isPossibleNumber(number)) {
                return null;
            }
            return UTIL.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
