package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rules that decide the Address Validation (XAV) verdict. An address without a state is in its ZIP's
 * ({@link ZipStates}: UPS validates against USPS data), and its candidates carry that state. Checked in this order: in
 * {@link Environment#CIE}, an address outside New York and California → NoCandidatesIndicator (CIE "will only produce
 * results for addresses in New York (NY) and California (CA)", AddressValidation.yaml); a street line containing
 * the no-candidates marker ("NOWHERE"), or a ZIP that names no state → NoCandidatesIndicator; the ambiguous marker ("AMBIGUOUS") or a
 * postal code mapped to several cities → AmbiguousAddressIndicator with several candidates; a known address
 * (first street line + 5-digit ZIP) → ValidAddressIndicator with its normalised form; otherwise any
 * well-formed US/PR address validates to itself, uppercased, with a ZIP+4.
 */
public final class AddressRules {

    /** UPS AddressClassification codes. */
    public enum Classification {
        UNCLASSIFIED("0", "Unclassified"), COMMERCIAL("1", "Commercial"), RESIDENTIAL("2", "Residential");

        final String code;
        final String description;

        Classification(String code, String description) {
            this.code = code;
            this.description = description;
        }
    }

    /** The normalised address UPS returns as a candidate. */
    public record Candidate(List<String> addressLines, String city, String state, String postalCode,
                            String postalCodeExtension, String countryCode, Classification classification) {
        public Candidate {
            addressLines = List.copyOf(addressLines);
        }
    }

    private final Map<String, Candidate> known = new ConcurrentHashMap<>();
    private final Map<String, List<String>> ambiguousPostalCodes = new ConcurrentHashMap<>();
    private volatile String ambiguousMarker = "AMBIGUOUS";
    private volatile String noCandidatesMarker = "NOWHERE";

    private final Environment environment;

    AddressRules(Environment environment) {
        this.environment = environment;
    }

    /**
     * The XAV answer to one request: street-level validation covers US and PR only (AddressValidation.yaml); UPS
     * ignores every AddressKeyFormat after the first (issue #28); request option 1, 2 or 3.
     */
    Reply validate(JsonNode body, String requestOption, String maximumCandidates) {
        List<JsonNode> addresses = Json.list(body.path("XAVRequest").get("AddressKeyFormat"));
        if (addresses.isEmpty()) {
            return Reply.error(400, "264002", "Missing AddressKeyFormat");
        }
        JsonNode address = addresses.get(0);
        String country = Json.text(address, "CountryCode").toUpperCase(Locale.ROOT);
        if (!country.equals("US") && !country.equals("PR")) {
            return Reply.error(400, "264002", "Country Code is invalid or unsupported: street level validation covers US and PR only");
        }
        int option = requestOption != null && requestOption.matches("\\d") ? Integer.parseInt(requestOption) : 0;
        if (option < 1 || option > 3) {
            return Reply.error(400, "9264028", "Invalid or missing request option");
        }
        int max = maximumCandidates != null && maximumCandidates.matches("\\d+") ? Integer.parseInt(maximumCandidates) : 15;
        ObjectNode out = Json.object();
        out.set("XAVResponse", respond(address, option, max));
        return Reply.ok(out);
    }

    /** A known address: input matching {@code streetLine} and {@code postalCode} validates to {@code normalised}. */
    public AddressRules known(String streetLine, String postalCode, Candidate normalised) {
        known.put(key(streetLine, postalCode), normalised);
        return this;
    }

    public AddressRules ambiguousMarker(String marker) {
        this.ambiguousMarker = marker.toUpperCase(Locale.ROOT);
        return this;
    }

    public AddressRules noCandidatesMarker(String marker) {
        this.noCandidatesMarker = marker.toUpperCase(Locale.ROOT);
        return this;
    }

    /** Any address with this 5-digit ZIP is ambiguous between these cities. */
    public AddressRules ambiguousPostalCode(String postalCode, List<String> cities) {
        ambiguousPostalCodes.put(postalCode, List.copyOf(cities));
        return this;
    }

    public AddressRules clear() {
        known.clear();
        ambiguousPostalCodes.clear();
        ambiguousMarker = "AMBIGUOUS";
        noCandidatesMarker = "NOWHERE";
        return this;
    }

    /** Builds the XAVResponse for one AddressKeyFormat. */
    ObjectNode respond(JsonNode input, int requestOption, int maxCandidates) {
        List<String> lines = new ArrayList<>();
        Json.list(input.get("AddressLine")).forEach(n -> lines.add(n.asText("")));
        String city = Json.text(input, "PoliticalDivision2");
        String state = Json.text(input, "PoliticalDivision1");
        String zip = Json.text(input, "PostcodePrimaryLow");
        String country = Json.text(input, "CountryCode").toUpperCase(Locale.ROOT);
        String region = Json.text(input, "Region");
        if (!region.isBlank()) {
            String[] parts = region.replace(",", " ").trim().split("\\s+");
            if (parts.length >= 3) {
                zip = parts[parts.length - 1];
                state = parts[parts.length - 2];
                city = String.join(" ", java.util.Arrays.copyOf(parts, parts.length - 2));
            }
        }
        String zip5 = zip.length() >= 5 ? zip.substring(0, 5) : zip;
        if (state.isBlank() && ("US".equals(country) || "PR".equals(country))) {
            // Validated against USPS data: a request without a state gets its ZIP's (ZipStates).
            state = ZipStates.of(zip5);
        }
        String street = lines.isEmpty() ? "" : lines.get(0).toUpperCase(Locale.ROOT);
        boolean classify = requestOption == 2 || requestOption == 3;
        boolean validate = requestOption == 1 || requestOption == 3;

        ObjectNode xav = Json.object();
        ObjectNode response = xav.putObject("Response");
        response.putObject("ResponseStatus").put("Code", "1").put("Description", "Success");

        List<Candidate> candidates = new ArrayList<>();
        String indicator;
        boolean outsideCie = environment == Environment.CIE
                && !Set.of("NY", "CA").contains(state.trim().toUpperCase(Locale.ROOT));
        if (outsideCie || street.contains(noCandidatesMarker) || !zip5.matches("\\d{5}") || state.isBlank()) {
            indicator = "NoCandidatesIndicator";
        } else if (street.contains(ambiguousMarker) || ambiguousPostalCodes.containsKey(zip5)) {
            indicator = "AmbiguousAddressIndicator";
            List<String> cities = ambiguousPostalCodes.getOrDefault(zip5, List.of(city.toUpperCase(Locale.ROOT)));
            String cleanStreet = street.replace(ambiguousMarker, "").replaceAll("\\s+", " ").trim();
            for (String candidateCity : cities) {
                for (String suffix : cities.size() > 1 ? List.of("") : List.of(" N", " S")) {
                    candidates.add(normalise(List.of(cleanStreet + suffix), candidateCity, state, zip5, country));
                }
            }
        } else {
            indicator = "ValidAddressIndicator";
            Candidate match = known.get(key(street, zip5));
            candidates.add(match != null ? match : normalise(lines, city, state, zip5, country));
        }
        if (validate) {
            xav.put(indicator, "");
        }
        if (classify) {
            Classification overall = candidates.size() == 1 ? candidates.get(0).classification()
                    : Classification.UNCLASSIFIED;
            putClassification(xav.putObject("AddressClassification"), overall);
        }
        if (validate && !candidates.isEmpty()) {
            var array = xav.putArray("Candidate");
            for (Candidate c : candidates.subList(0, Math.min(candidates.size(), Math.max(1, maxCandidates)))) {
                ObjectNode node = array.addObject();
                if (classify) {
                    putClassification(node.putObject("AddressClassification"), c.classification());
                }
                ObjectNode akf = node.putObject("AddressKeyFormat");
                var addressLines = akf.putArray("AddressLine");
                c.addressLines().forEach(addressLines::add);
                akf.put("PoliticalDivision2", c.city());
                akf.put("PoliticalDivision1", c.state());
                akf.put("PostcodePrimaryLow", c.postalCode());
                akf.put("PostcodeExtendedLow", c.postalCodeExtension());
                akf.put("Region", c.city() + " " + c.state() + " " + c.postalCode() + "-" + c.postalCodeExtension());
                akf.put("CountryCode", c.countryCode());
            }
        }
        return xav;
    }

    private static void putClassification(ObjectNode node, Classification classification) {
        node.put("Code", classification.code).put("Description", classification.description);
    }

    private static Candidate normalise(List<String> lines, String city, String state, String zip5, String country) {
        List<String> upper = lines.stream().map(l -> l.toUpperCase(Locale.ROOT).replaceAll("[.,]", "")
                .replaceAll("\\s+", " ").trim()).filter(l -> !l.isEmpty()).toList();
        String joined = String.join(" ", upper);
        Classification classification = joined.matches(".*\\b(STE|SUITE|FL|FLOOR|PKWY|BLVD|PLZ|PLAZA|BLDG)\\b.*")
                ? Classification.COMMERCIAL : Classification.RESIDENTIAL;
        String plus4 = String.format("%04d", Math.floorMod(joined.hashCode(), 10_000));
        return new Candidate(upper, city.toUpperCase(Locale.ROOT), state.toUpperCase(Locale.ROOT), zip5, plus4,
                country, classification);
    }

    private static String key(String streetLine, String postalCode) {
        String zip5 = postalCode.length() >= 5 ? postalCode.substring(0, 5) : postalCode;
        return streetLine.toUpperCase(Locale.ROOT).replaceAll("[.,]", "").replaceAll("\\s+", " ").trim() + "|" + zip5;
    }
}
