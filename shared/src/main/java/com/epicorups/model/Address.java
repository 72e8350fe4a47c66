package com.epicorups.model;

import java.util.List;

/**
 * A postal address as read from Epicor (or normalised by UPS Address Validation), with who to reach there.
 * {@code lines} holds Epicor's Address1..3 without blanks; {@code countryCode} is ISO 3166-1 alpha-2.
 *
 * @param attention         the ship-to's own contact (ShipTo.ContactName, OTSContact)
 * @param phone             the ship-to's phone (ShipTo/Customer.PhoneNum, OTSPhoneNum)
 * @param orderContactName  the order's ship-to contact (OrderRel.ShipToContactName, else OrderHed.ShipToContactName);
 *                          null when unknown
 * @param orderContactPhone the order's ship-to contact phone (OrderHed.ShipToContactPhoneNum); null when unknown
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
        Boolean residential,
        String orderContactName,
        String orderContactPhone) {

    public Address {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** An address without an order contact. */
    public Address(String name, String attention, List<String> lines, String city, String stateProvince,
                   String postalCode, String countryCode, String phone, String email, Boolean residential) {
        this(name, attention, lines, city, stateProvince, postalCode, countryCode, phone, email, residential, null, null);
    }

    public Address withValidated(List<String> newLines, String newCity, String newState, String newPostal,
                                 Boolean newResidential) {
        return new Address(name, attention, newLines, newCity, newState, newPostal, countryCode, phone, email,
                newResidential, orderContactName, orderContactPhone);
    }

    /** The same address with the order's ship-to contact. */
    public Address withOrderContact(String contactName, String contactPhone) {
        return new Address(name, attention, lines, city, stateProvince, postalCode, countryCode, phone, email,
                residential, contactName, contactPhone);
    }
}
