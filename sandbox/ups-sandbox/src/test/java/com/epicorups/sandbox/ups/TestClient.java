package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** A minimal UPS client for the sandbox tests (the connector has its own). */
final class TestClient {

    record Answer(int status, JsonNode json) {
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final String base;
    private String token;

    TestClient(String base) {
        this.base = base;
    }

    Answer token(String clientId, String secret) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/security/v1/oauth/token"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        Answer answer = send(request);
        if (answer.status() == 200) {
            token = answer.json().get("access_token").asText();
        }
        return answer;
    }

    TestClient login() {
        Answer answer = token("client-id", "client-secret");
        if (answer.status() != 200) {
            throw new IllegalStateException("login failed: " + answer);
        }
        return this;
    }

    String bearer() {
        return token;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("transId", UUID.randomUUID().toString().replace("-", ""))
                .header("transactionSrc", "sandbox-test");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer post(String path, String json, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), parse(response.body()));
    }

    Answer get(String path) {
        return send(request(path).GET().build());
    }

    Answer delete(String path) {
        return send(request(path).DELETE().build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    static String errorCode(Answer answer) {
        return answer.json().path("response").path("errors").path(0).path("code").asText();
    }

    // ---------------------------------------------------------------- request bodies

    static String shipRequest(String shipper, String shipToLine, String postalCode, String labelFormat, String reference,
                              int packages) {
        StringBuilder pkgs = new StringBuilder();
        for (int i = 0; i < packages; i++) {
            if (i > 0) {
                pkgs.append(',');
            }
            pkgs.append("""
                {"Packaging":{"Code":"02"},"PackageWeight":{"UnitOfMeasurement":{"Code":"LBS"},"Weight":"5"},
                 "ReferenceNumber":[{"Value":"%s"}]}""".formatted(reference));
        }
        return """
            {"ShipmentRequest":{"Request":{"RequestOption":"nonvalidate","TransactionReference":{"CustomerContext":"%4$s"}},
             "Shipment":{"Description":"%4$s",
              "Shipper":{"Name":"ACME DISTRIBUTION","ShipperNumber":"%1$s","Phone":{"Number":"4045551234"},
                "Address":{"AddressLine":["100 WAREHOUSE PKWY"],"City":"ATLANTA","StateProvinceCode":"GA","PostalCode":"30301","CountryCode":"US"}},
              "ShipTo":{"Name":"CUSTOMER INC","AttentionName":"RECEIVING","Phone":{"Number":"2125550100"},
                "Address":{"AddressLine":["%2$s","STE 200"],"City":"NEW YORK","StateProvinceCode":"NY","PostalCode":"%3$s","CountryCode":"US"}},
              "PaymentInformation":{"ShipmentCharge":[{"Type":"01","BillShipper":{"AccountNumber":"%1$s"}}]},
              "Service":{"Code":"03"},
              "Package":[%6$s]},
             "LabelSpecification":{"LabelImageFormat":{"Code":"%5$s"},"LabelStockSize":{"Height":"6","Width":"4"}}}}
            """.formatted(shipper, shipToLine, postalCode, reference, labelFormat, pkgs);
    }

    static String shipRequest(String reference) {
        return shipRequest("A1B2C3", "1 MAIN ST", "10001", "ZPL", reference, 1);
    }

    static String xavRequest(String line, String city, String state, String zip, String country) {
        return """
            {"XAVRequest":{"AddressKeyFormat":{"ConsigneeName":"CUSTOMER INC","AddressLine":["%s"],
              "PoliticalDivision2":"%s","PoliticalDivision1":"%s","PostcodePrimaryLow":"%s","CountryCode":"%s"}}}
            """.formatted(line, city, state, zip, country);
    }

    /** An address without PoliticalDivision1 (the spec wants none rather than an empty one). */
    static String xavRequestWithoutState(String line, String city, String zip, String country) {
        return """
            {"XAVRequest":{"AddressKeyFormat":{"ConsigneeName":"CUSTOMER INC","AddressLine":["%s"],
              "PoliticalDivision2":"%s","PostcodePrimaryLow":"%s","CountryCode":"%s"}}}
            """.formatted(line, city, zip, country);
    }

    static String labelRecoveryByReference(String reference, String shipper) {
        return """
            {"LabelRecoveryRequest":{"Request":{"TransactionReference":{"CustomerContext":"recover"}},"LabelSpecification":{"LabelImageFormat":{"Code":"ZPL"}},
              "ReferenceValues":{"ReferenceNumber":{"Value":"%s"},"ShipperNumber":"%s"}}}
            """.formatted(reference, shipper);
    }

    static String labelRecoveryByTrackingNumber(String trackingNumber) {
        return """
            {"LabelRecoveryRequest":{"Request":{"TransactionReference":{"CustomerContext":"recover"}},"LabelSpecification":{"LabelImageFormat":{"Code":"ZPL"}},"TrackingNumber":"%s"}}
            """.formatted(trackingNumber);
    }

    static String quantumViewRequest(String subscription, String bookmark) {
        return """
            {"QuantumViewRequest":{"Request":{"RequestAction":"QVEvents","TransactionReference":{"CustomerContext":"poll"}},
              "SubscriptionRequest":[{"Name":"%s"}]%s}}
            """.formatted(subscription, bookmark == null ? "" : ",\"Bookmark\":\"" + bookmark + "\"");
    }
}
