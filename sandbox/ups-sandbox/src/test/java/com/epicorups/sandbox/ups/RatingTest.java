package com.epicorups.sandbox.ups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RatingTest extends SandboxTestBase {

    @BeforeEach
    void login() {
        client.login();
    }

    private static String rateRequest(String toCountry, String toState, String toPostal, String weight, boolean negotiated) {
        return """
            {"RateRequest":{"Request":{"RequestOption":"Shop","TransactionReference":{"CustomerContext":"SO-RATE"}},
             "Shipment":{
              "Shipper":{"Name":"ACME DISTRIBUTION","ShipperNumber":"A1B2C3",
                "Address":{"AddressLine":["100 WAREHOUSE PKWY"],"City":"ATLANTA","StateProvinceCode":"GA","PostalCode":"30301","CountryCode":"US"}},
              "ShipTo":{"Name":"CUSTOMER INC",
                "Address":{"AddressLine":["1 MAIN ST"],"City":"SOMEWHERE",%s"PostalCode":"%s","CountryCode":"%s"}},
              "PaymentDetails":{"ShipmentCharge":[{"Type":"01","BillShipper":{"AccountNumber":"A1B2C3"}}]},
              %s
              "Package":[{"PackagingType":{"Code":"02"},"PackageWeight":{"UnitOfMeasurement":{"Code":"LBS","Description":"Pounds"},"Weight":"%s"}}]}}}
            """.formatted(toState == null ? "" : "\"StateProvinceCode\":\"" + toState + "\",", toPostal, toCountry,
                negotiated ? "\"ShipmentRatingOptions\":{\"NegotiatedRatesIndicator\":\"\"}," : "", weight);
    }

    private static Map<String, JsonNode> byService(TestClient.Answer answer) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        answer.json().path("RateResponse").path("RatedShipment").forEach(r -> out.put(r.at("/Service/Code").asText(), r));
        return out;
    }

    @Test
    void shopAnswersEveryServiceOfferedOnTheLaneWithDeterministicChargesAndTransitDays() {
        TestClient.Answer toCanada = client.post("/api/rating/v2409/Shop", rateRequest("CA", "ON", "M5V 2T6", "4.2", true));

        assertThat(toCanada.status()).as(toCanada.json().toString()).isEqualTo(200);
        Map<String, JsonNode> rated = byService(toCanada);
        assertThat(rated.keySet()).containsExactly("07", "08", "11", "54", "65");
        JsonNode standard = rated.get("11");
        assertThat(standard.at("/BillingWeight/Weight").asText()).isEqualTo("5");
        assertThat(standard.at("/TotalCharges/MonetaryValue").asText()).isEqualTo("32.00"); // 25 + 1.40 x 5
        assertThat(standard.at("/NegotiatedRateCharges/TotalCharge/MonetaryValue").asText()).isEqualTo("22.40");
        assertThat(standard.at("/GuaranteedDelivery/BusinessDaysInTransit").asText()).isEqualTo("6");
        assertThat(client.post("/api/rating/v2409/Shop", rateRequest("CA", "ON", "M5V 2T6", "4.2", true)).json())
                .as("the same request, the same answer").isEqualTo(toCanada.json());

        Map<String, JsonNode> toGermany = byService(client.post("/api/rating/v2409/Shop",
                rateRequest("DE", null, "10115", "4.2", false)));
        assertThat(toGermany.keySet()).containsExactly("07", "08", "54", "65");
        assertThat(toGermany.get("65").at("/TotalCharges/MonetaryValue").asText()).isEqualTo("102.50"); // (62 + 20) x 1.25
        assertThat(toGermany.get("65").has("NegotiatedRateCharges")).as("not asked for").isFalse();
        assertThat(toGermany.get("65").at("/GuaranteedDelivery/BusinessDaysInTransit").asText()).isEqualTo("4");

        assertThat(byService(client.post("/api/rating/v2409/Shop", rateRequest("US", "NY", "10001", "1", false))).keySet())
                .containsExactly("01", "02", "03", "12", "13", "14", "59");
        assertThat(ups.requests(Operation.RATING)).isEqualTo(4);
    }

    @Test
    void rateForAServiceNotOfferedOnTheLaneIsRefusedAsShipIs() {
        String groundToGermany = rateRequest("DE", null, "10115", "2", false)
                .replace("\"Package\"", "\"Service\":{\"Code\":\"03\"},\"Package\"").replace("\"Shop\"", "\"Rate\"");

        TestClient.Answer refused = client.post("/api/rating/v2409/Rate", groundToGermany);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(refused)).isEqualTo(ShipRules.SERVICE_NOT_ON_LANE);
        TestClient.Answer saver = client.post("/api/rating/v2409/Rate", groundToGermany.replace("\"03\"}", "\"65\"}"));
        assertThat(byService(saver).keySet()).containsExactly("65");
    }

    /**
     * Shop with additionalinfo=timeintransit and DeliveryTimeInformation: each service's delivery date after its business days, Monday to
     * Friday, from the pickup date (a Friday here: 1 day arrives Monday, 5 days the Friday after).
     */
    @Test
    void shopWithTimeInTransitGivesEachServicesDeliveryDateOnBusinessDays() {
        String domestic = rateRequest("US", "NY", "10001", "3", true)
                .replace("\"Package\"", "\"DeliveryTimeInformation\":{\"PackageBillType\":\"03\",\"Pickup\":{\"Date\":\"20261204\"}},"
                        + "\"Package\"");

        TestClient.Answer answer = client.post("/api/rating/v2409/Shop?additionalinfo=timeintransit", domestic);

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        Map<String, JsonNode> rated = byService(answer);
        assertThat(rated.get("01").at("/TimeInTransit/ServiceSummary/EstimatedArrival/Arrival/Date").asText())
                .isEqualTo("20261207");
        assertThat(rated.get("01").at("/TimeInTransit/ServiceSummary/EstimatedArrival/DayOfWeek").asText()).isEqualTo("MON");
        assertThat(rated.get("12").at("/TimeInTransit/ServiceSummary/EstimatedArrival/Arrival/Date").asText())
                .isEqualTo("20261209");
        assertThat(rated.get("03").at("/TimeInTransit/ServiceSummary/EstimatedArrival/Arrival/Date").asText())
                .isEqualTo("20261211");
        assertThat(rated.get("03").at("/TimeInTransit/PickupDate").asText()).isEqualTo("20261204");
        assertThat(byService(client.post("/api/rating/v2409/Shop", rateRequest("US", "NY", "10001", "3", true)))
                .get("01").has("TimeInTransit")).as("plain Shop: no time in transit").isFalse();
        assertThat(ups.validationFailures()).isEmpty();
    }

    @Test
    void anInternationalTimeInTransitRequestNeedsTheShipmentsTotalWeightAndInvoiceTotal() {
        String toGermany = rateRequest("DE", null, "10115", "2", false)
                .replace("\"Package\"", "\"DeliveryTimeInformation\":{\"PackageBillType\":\"03\",\"Pickup\":{\"Date\":\"20261207\"}},"
                        + "\"Package\"");

        TestClient.Answer noWeight = client.post("/api/rating/v2409/Shop?additionalinfo=timeintransit", toGermany);
        assertThat(noWeight.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(noWeight)).isEqualTo(TimeInTransit.MISSING);
        String weighed = toGermany.replace("\"Package\"", "\"ShipmentTotalWeight\":{\"UnitOfMeasurement\":{\"Code\":\"LBS\","
                + "\"Description\":\"Pounds\"},\"Weight\":\"2\"},\"Package\"");
        assertThat(client.post("/api/rating/v2409/Shop?additionalinfo=timeintransit", weighed).json().toString())
                .contains("InvoiceLineTotal is required");
        TestClient.Answer complete = client.post("/api/rating/v2409/Shop?additionalinfo=timeintransit", weighed.replace("\"Package\"",
                "\"InvoiceLineTotal\":{\"CurrencyCode\":\"USD\",\"MonetaryValue\":\"100\"},\"Package\""));
        assertThat(complete.status()).as(complete.json().toString()).isEqualTo(200);
        assertThat(byService(complete).get("65").at("/TimeInTransit/ServiceSummary/EstimatedArrival/Arrival/Date").asText())
                .as("Saver to Germany: 4 business days from Monday").isEqualTo("20261211");
    }
}
