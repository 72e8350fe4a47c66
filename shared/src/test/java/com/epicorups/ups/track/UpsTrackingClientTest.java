package com.epicorups.ups.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.ups.UpsTestSupport;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpsTrackingClientTest {
    private final UpsTestSupport ups = new UpsTestSupport();
    private final UpsTrackingClient tracking = new UpsTrackingClient(ups.http(ups.settingsBuilder().build()));

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    static String response(String type, String code, String description, String deliveryDates, String deliveryTime) {
        return "{\"trackResponse\":{\"shipment\":[{\"inquiryNumber\":\"1Z023E2X0214323462\",\"package\":[{"
                + "\"trackingNumber\":\"1Z023E2X0214323462\",\"currentStatus\":{\"type\":\"" + type + "\",\"code\":\"" + code
                + "\",\"description\":\"" + description + "\",\"simplifiedTextDescription\":\"x\",\"statusCode\":\"003\"},"
                + "\"deliveryDate\":[" + deliveryDates + "]," + (deliveryTime == null ? "" : "\"deliveryTime\":" + deliveryTime + ",")
                + "\"activity\":[{\"location\":{\"address\":{\"city\":\"Atlanta\"}},\"status\":{\"type\":\"" + type
                + "\",\"code\":\"" + code + "\",\"description\":\"" + description + "\"},\"date\":\"20261126\",\"time\":\"091500\","
                + "\"gmtDate\":\"20261126\",\"gmtOffset\":\"-05:00\",\"gmtTime\":\"141500\"},"
                + "{\"status\":{\"type\":\"M\",\"code\":\"MP\",\"description\":\"Shipper created a label\"},\"date\":\"20261125\","
                + "\"time\":\"080000\",\"gmtDate\":\"20261125\",\"gmtTime\":\"130000\"}]}]}]}}";
    }

    @ParameterizedTest
    @CsvSource({
            "M,MP,Shipper created a label UPS has not received the package yet.,LABEL_CREATED",
            "P,PU,Pickup Scan,PICKED_UP",
            "I,OR,Origin Scan,PICKED_UP",
            "I,DP,Departed from Facility,IN_TRANSIT",
            "I,OT,Out For Delivery Today,OUT_FOR_DELIVERY",
            "O,OF,Out For Delivery,OUT_FOR_DELIVERY",
            "X,SR,Your package was released by the customs agency.,EXCEPTION",
            "D,FS,Delivered,DELIVERED",
            "D,YP,Loaded on Delivery Vehicle,OUT_FOR_DELIVERY",
            "D,OT,Out For Delivery Today,OUT_FOR_DELIVERY",
            "D,ZX,Delivered,DELIVERED",
            "D,ZZ,Preparing for Delivery,OUT_FOR_DELIVERY",
            "RS,RS,Returned to Sender,RETURNED",
            "MV,MV,Shipment voided,VOIDED",
            "U,UD,Delivery date updated,IN_TRANSIT"
    })
    void mapsCurrentStatus(String type, String code, String description, TrackingStatus expected) {
        ups.on("/api/track/v1/details/", r -> UpsTestSupport.json(200, response(type, code, description, "", null)));
        TrackingSnapshot s = tracking.track("1Z023E2X0214323462").orElseThrow();
        assertThat(s.status()).isEqualTo(expected);
        assertThat(s.statusCode()).isEqualTo(code);
    }

    @Test
    void readsEventTimeAndPrefersRescheduledDelivery() {
        ups.on("/api/track/v1/details/", r -> UpsTestSupport.json(200, response("I", "DP", "Departed",
                "{\"type\":\"SDD\",\"date\":\"20261128\"},{\"type\":\"RDD\",\"date\":\"20261130\"}", null)));
        TrackingSnapshot s = tracking.track("1z023e2x0214323462").orElseThrow();
        assertThat(s.eventTime()).isEqualTo(Instant.parse("2026-11-26T14:15:00Z"));
        assertThat(s.estimatedDelivery()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(s.deliveredAt()).isNull();
        assertThat(s.toUpdate().source()).isEqualTo(TrackingSource.TRACK_API);
        assertThat(s.toUpdate().trackingNumbers()).containsExactly("1Z023E2X0214323462");
        assertThat(ups.requestsTo("/api/track/v1/details/1Z023E2X0214323462").get(0).getHeader("transId")).isNotBlank();
    }

    @Test
    void scheduledDeliveryWhenNoReschedule() {
        ups.on("/api/track/v1/details/", r -> UpsTestSupport.json(200, response("I", "DP", "Departed",
                "{\"type\":\"SDD\",\"date\":\"20261128\"}", null)));
        assertThat(tracking.track("1Z023E2X0214323462").orElseThrow().estimatedDelivery()).isEqualTo(LocalDate.of(2026, 11, 28));
    }

    @Test
    void deliveredDateAndTimeUseTheActivityOffset() {
        ups.on("/api/track/v1/details/", r -> UpsTestSupport.json(200, response("D", "FS", "DELIVERED",
                "{\"type\":\"DEL\",\"date\":\"20261126\"}", "{\"type\":\"DEL\",\"endTime\":\"091500\"}")));
        TrackingSnapshot s = tracking.track("1Z023E2X0214323462").orElseThrow();
        assertThat(s.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(s.deliveredAt()).isEqualTo(Instant.parse("2026-11-26T14:15:00Z"));
    }

    @Test
    void tw0001WarningIsNotFoundNotAnError() {
        ups.on("/api/track/v1/details/", r -> UpsTestSupport.json(200, "{\"trackResponse\":{\"shipment\":[{\"inquiryNumber\":"
                + "\"1Z0000000000000000\",\"warnings\":[{\"code\":\"TW0001\",\"message\":\"Tracking Information Not Found\"}]}]}}"));
        assertThat(tracking.track("1Z0000000000000000")).isEmpty();
    }

    @Test
    void http404IsNotFound() {
        ups.on("/api/track/v1/details/", r -> UpsTestSupport.error(404, "TV0001", "not found"));
        assertThat(tracking.track("1Z0000000000000000")).isEmpty();
    }

    @Test
    void invalidInquiryNumberIsRejectedLocally() {
        assertThatThrownBy(() -> tracking.track("1Z/../x")).hasMessageContaining("not a UPS inquiry number");
        assertThat(ups.requests).isEmpty();
    }
}
