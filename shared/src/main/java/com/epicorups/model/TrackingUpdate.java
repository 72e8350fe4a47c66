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
 * @param customsFormsLocation where the international forms image is stored (beside the label), from the creator
 *                         only and only when UPS returned one
 * @param shippedService   the UPS service Best Way chose (issue 20), from the creator only
 * @param shippingCharge   its rated charge, "68.40 USD", from the creator only
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
        String labelLocation,
        // Absent from messages of shipments without international forms (and from messages older than issue 16).
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String customsFormsLocation,
        // Absent unless Best Way chose the service (and from messages older than issue 20).
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String shippedService,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String shippingCharge) {

    public TrackingUpdate {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }

    /** An update without a Best Way choice. */
    public TrackingUpdate(String eventId, TrackingSource source, ReleaseKey releaseKey, String shipmentId,
                          List<String> trackingNumbers, TrackingStatus status, String statusDescription,
                          Instant eventTime, LocalDate estimatedDelivery, Instant deliveredAt, String labelLocation,
                          String customsFormsLocation) {
        this(eventId, source, releaseKey, shipmentId, trackingNumbers, status, statusDescription, eventTime,
                estimatedDelivery, deliveredAt, labelLocation, customsFormsLocation, null, null);
    }

    /** An update without a customs forms location (every source but the creator of an international shipment). */
    public TrackingUpdate(String eventId, TrackingSource source, ReleaseKey releaseKey, String shipmentId,
                          List<String> trackingNumbers, TrackingStatus status, String statusDescription,
                          Instant eventTime, LocalDate estimatedDelivery, Instant deliveredAt, String labelLocation) {
        this(eventId, source, releaseKey, shipmentId, trackingNumbers, status, statusDescription, eventTime,
                estimatedDelivery, deliveredAt, labelLocation, null, null, null);
    }
}
