package com.epicorups.port;

import com.epicorups.model.TrackingStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What TrackingWriter writes into the configured Epicor fields for one release. */
public record TrackingFacts(
        List<String> trackingNumbers,
        TrackingStatus status,
        String statusDescription,
        LocalDate estimatedDelivery,
        Instant deliveredAt,
        String labelLocation,
        String customsFormsLocation,
        String shippedService,
        String shippingCharge) {

    public TrackingFacts {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }

    /** Facts without a Best Way choice. */
    public TrackingFacts(List<String> trackingNumbers, TrackingStatus status, String statusDescription,
                         LocalDate estimatedDelivery, Instant deliveredAt, String labelLocation,
                         String customsFormsLocation) {
        this(trackingNumbers, status, statusDescription, estimatedDelivery, deliveredAt, labelLocation,
                customsFormsLocation, null, null);
    }

    /** Facts without a customs forms location. */
    public TrackingFacts(List<String> trackingNumbers, TrackingStatus status, String statusDescription,
                         LocalDate estimatedDelivery, Instant deliveredAt, String labelLocation) {
        this(trackingNumbers, status, statusDescription, estimatedDelivery, deliveredAt, labelLocation, null, null, null);
    }
}
