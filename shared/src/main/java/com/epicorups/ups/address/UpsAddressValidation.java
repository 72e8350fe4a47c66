package com.epicorups.ups.address;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.AddressValidation;
import com.epicorups.ups.UpsSettings.AddressValidationMode;
import com.epicorups.ups.ship.FieldFitter;
import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.ups.wire.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * UPS street-level Address Validation ({@code POST /api/addressvalidation/v2/3}: validation and
 * classification). Only US and Puerto Rico addresses are validated; others are SKIPPED with a note. What happens when
 * UPS finds no candidate or cannot be asked is ups.addressValidation's: REQUIRED fails, BEST_EFFORT ships the address as
 * Epicor has it (NOT_VALIDATED, with a note), OFF never asks.
 */
public final class UpsAddressValidation implements AddressValidation {
    public static final String OPERATION = "addressValidation";
    static final String PATH = "/api/addressvalidation/v2/3?maximumcandidatelistsize=5";
    private static final Set<String> COVERED = Set.of("US", "PR");

    private final UpsHttp http;
    private final AddressValidationMode mode;

    public UpsAddressValidation(UpsHttp http) {
        this.http = http;
        this.mode = http.settings().addressValidation();
    }

    @Override
    public AddressCheck validate(Address shipTo) {
        if (mode == AddressValidationMode.OFF) {
            return new AddressCheck(AddressCheck.Outcome.OFF, shipTo,
                    "Address Validation is off (ups.addressValidation OFF): shipped to the address as Epicor has it");
        }
        String country = shipTo.countryCode() == null ? "" : shipTo.countryCode().trim().toUpperCase(Locale.ROOT);
        if (!COVERED.contains(country)) {
            return new AddressCheck(AddressCheck.Outcome.SKIPPED, shipTo,
                    "UPS street-level address validation covers only US and PR; country '" + country + "' not validated");
        }
        try {
            return ask(shipTo);
        } catch (ConnectorException e) {
            if (mode != AddressValidationMode.BEST_EFFORT || e.reason() == Reason.ADDRESS_AMBIGUOUS) {
                throw e;
            }
            // UPS still checks city, state and postal code when it ships (RequestOption validate).
            return new AddressCheck(AddressCheck.Outcome.NOT_VALIDATED, shipTo, (e.reason() == Reason.ADDRESS_REJECTED
                    ? e.getMessage() : "UPS Address Validation could not be asked (" + e.reasonCode() + ": "
                    + e.getMessage() + ")") + "; shipped to the address as Epicor has it (ups.addressValidation BEST_EFFORT)");
        }
    }

    private AddressCheck ask(Address shipTo) {
        JsonNode response = http.post(OPERATION, PATH, request(shipTo), null, UpsHttp.Retry.IDEMPOTENT).json();
        JsonNode xav = response.path("XAVResponse");
        List<JsonNode> candidates = Nodes.list(xav.path("Candidate"));
        if (Nodes.indicator(xav, "ValidAddressIndicator") && !candidates.isEmpty()) {
            JsonNode candidate = candidates.get(0);
            Address normalised = normalised(shipTo, candidate, xav);
            List<String> differs = differences(shipTo, candidate.path("AddressKeyFormat"));
            String note = differs.isEmpty() ? "UPS validated the address unchanged"
                    : "UPS validated the address and corrected: " + String.join(", ", differs);
            if (blank(shipTo.stateProvince()) && !blank(normalised.stateProvince())) {
                note += "; the ship-to has no state: " + normalised.stateProvince() + " completed from UPS's candidate";
            }
            return new AddressCheck(AddressCheck.Outcome.VALIDATED, normalised, note + classificationNote(normalised));
        }
        if (Nodes.indicator(xav, "AmbiguousAddressIndicator")) {
            List<String> fields = new ArrayList<>();
            for (JsonNode c : candidates) {
                for (String f : differences(shipTo, c.path("AddressKeyFormat"))) {
                    if (!fields.contains(f)) {
                        fields.add(f);
                    }
                }
            }
            String first = candidates.isEmpty() ? "" : "; first candidate: " + describe(candidates.get(0).path("AddressKeyFormat"));
            throw new ConnectorException(Reason.ADDRESS_AMBIGUOUS, "UPS found " + candidates.size() + " possible addresses for " + describe(shipTo) + "; check "
                            + (fields.isEmpty() ? "street, city, state, postal code" : String.join(", ", fields)) + first);
        }
        if (Nodes.indicator(xav, "NoCandidatesIndicator") || candidates.isEmpty()) {
            throw new ConnectorException(Reason.ADDRESS_REJECTED, "UPS found no address matching " + describe(shipTo) + "; check street, city, state and postal code");
        }
        throw new ConnectorException(Reason.ADDRESS_REJECTED, "UPS address validation gave no verdict for " + describe(shipTo));
    }

    static ObjectNode request(Address a) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode xav = root.putObject("XAVRequest");
        ObjectNode akf = xav.putObject("AddressKeyFormat");
        // No control characters reach UPS (issue 12): line breaks and tabs as spaces, the rest removed.
        String name = FieldFitter.sendable(a.name());
        if (name != null) {
            akf.put("ConsigneeName", cut(name, 40));
        }
        ArrayNode lines = akf.putArray("AddressLine");
        a.lines().stream().map(FieldFitter::sendable).filter(l -> l != null).limit(3).forEach(l -> lines.add(cut(l, 100)));
        put(akf, "PoliticalDivision2", FieldFitter.sendable(a.city()));
        put(akf, "PoliticalDivision1", FieldFitter.sendable(a.stateProvince()));
        String postal = a.postalCode() == null ? "" : a.postalCode().replaceAll("[^0-9]", "");
        if (postal.length() >= 5) {
            akf.put("PostcodePrimaryLow", postal.substring(0, 5));
            if (postal.length() == 9) {
                akf.put("PostcodeExtendedLow", postal.substring(5));
            }
        } else if (a.postalCode() != null) {
            akf.put("PostcodePrimaryLow", a.postalCode().trim());
        }
        akf.put("CountryCode", a.countryCode().trim().toUpperCase(Locale.ROOT));
        return root;
    }

    private static Address normalised(Address input, JsonNode candidate, JsonNode xav) {
        JsonNode akf = candidate.path("AddressKeyFormat");
        List<String> lines = Nodes.texts(akf.path("AddressLine"));
        String city = Nodes.text(akf, "PoliticalDivision2");
        String state = Nodes.text(akf, "PoliticalDivision1");
        String zip = Nodes.text(akf, "PostcodePrimaryLow");
        String plus4 = Nodes.text(akf, "PostcodeExtendedLow");
        String postal = zip == null ? input.postalCode() : plus4 == null ? zip : zip + "-" + plus4;
        JsonNode classification = candidate.has("AddressClassification")
                ? candidate.path("AddressClassification") : xav.path("AddressClassification");
        String code = Nodes.text(classification, "Code");
        Boolean residential = "2".equals(code) ? Boolean.TRUE : "1".equals(code) ? Boolean.FALSE : input.residential();
        return input.withValidated(lines.isEmpty() ? input.lines() : lines, city == null ? input.city() : city,
                state == null ? input.stateProvince() : state, postal, residential);
    }

    /** Which of street, city, state, postal code a candidate changes (case and spacing ignored). */
    static List<String> differences(Address input, JsonNode akf) {
        List<String> out = new ArrayList<>();
        String inStreet = norm(String.join(" ", input.lines()));
        String candStreet = norm(String.join(" ", Nodes.texts(akf.path("AddressLine"))));
        if (!candStreet.isEmpty() && !candStreet.equals(inStreet)) {
            out.add("street");
        }
        String candCity = norm(Nodes.text(akf, "PoliticalDivision2"));
        if (!candCity.isEmpty() && !candCity.equals(norm(input.city()))) {
            out.add("city");
        }
        String candState = norm(Nodes.text(akf, "PoliticalDivision1"));
        if (!candState.isEmpty() && !candState.equals(norm(input.stateProvince()))) {
            out.add("state");
        }
        String candZip = norm(Nodes.text(akf, "PostcodePrimaryLow"));
        String inZip = input.postalCode() == null ? "" : input.postalCode().replaceAll("[^0-9A-Za-z]", "");
        if (!candZip.isEmpty() && !inZip.toUpperCase(Locale.ROOT).startsWith(candZip)) {
            out.add("postal code");
        }
        return out;
    }

    private static String classificationNote(Address a) {
        return a.residential() == null ? "" : a.residential() ? " (residential)" : " (commercial)";
    }

    private static String describe(Address a) {
        return "'" + String.join(", ", a.lines()) + ", " + a.city() + ", " + a.stateProvince() + " " + a.postalCode()
                + ", " + a.countryCode() + "'";
    }

    private static String describe(JsonNode akf) {
        String zip = Nodes.text(akf, "PostcodePrimaryLow");
        String plus4 = Nodes.text(akf, "PostcodeExtendedLow");
        return "'" + String.join(", ", Nodes.texts(akf.path("AddressLine"))) + ", " + Nodes.text(akf, "PoliticalDivision2")
                + ", " + Nodes.text(akf, "PoliticalDivision1") + " " + zip + (plus4 == null ? "" : "-" + plus4) + "'";
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().replaceAll("[.,]", "").replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.trim());
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
