package com.epicorups.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of one message on the tracking-updates queue. Every tracking fact, including the first
 * tracking number of a new label, reaches Epicor only through this message and TrackingWriter.
 *
 * @param eventId          stable id of the source event, used to drop duplicates
 * @param releaseKey       known when the creator sends it; null when only the tracking number is known
 * @param trackingNumbers  all package tracking numbers of the shipment (creator), or the one the event is about
 * @param eventTime        when UPS says it happened (ties between equal-rank statuses go to the later one)
 * @param estimatedDelivery RDD over SDD
 * @param labelLocation    where the label is stored (S3 URI or local path), from the creator only
 */
public record TrackingUpdate(
        String eventId,
        TrackingSource source,
        ReleaseKey releaseKey,
        String shipmentId,
        List<String> trackingNumbers,
        TrackingStatus status,
        String statusDescription,
        Instant eventTime,
        LocalDate estimatedDelivery,
        Instant deliveredAt,
        String labelLocation) {

    public TrackingUpdate {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }
}
