package com.epicorups.model;

import java.util.List;

/**
 * A postal address as read from Epicor (or normalised by UPS Address Validation).
 * {@code lines} holds Epicor's Address1..3 without blanks; {@code countryCode} is ISO 3166-1 alpha-2.
 */
public record Address(
        String name,
        String attention,
        List<String> lines,
        String city,
        String stateProvince,
        String postalCode,
        String countryCode,
        String phone,
        String email,
        Boolean residential) {

    public Address {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public Address withValidated(List<String> newLines, String newCity, String newState, String newPostal,
                                 Boolean newResidential) {
        return new Address(name, attention, newLines, newCity, newState, newPostal, countryCode, phone, email,
                newResidential);
    }
}
