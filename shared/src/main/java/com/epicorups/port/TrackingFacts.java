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
        String labelLocation) {

    public TrackingFacts {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }
}
