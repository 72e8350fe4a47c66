package com.epicorups.ups.track;

import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One package's state per the UPS Track API.
 *
 * @param statusType        UPS currentStatus.type (M, I, X, D, ...)
 * @param statusCode        UPS currentStatus.code (MP, OT, FS, ...)
 * @param eventTime         time of the newest activity (GMT fields), null when UPS gives none
 * @param estimatedDelivery rescheduled (RDD) over scheduled (SDD) delivery date
 * @param deliveredAt       delivery date/time when delivered
 */
public record TrackingSnapshot(String trackingNumber, TrackingStatus status, String statusType, String statusCode,
                               String statusDescription, Instant eventTime, LocalDate estimatedDelivery,
                               Instant deliveredAt) {

    public TrackingUpdate toUpdate() {
        String id = "track:" + trackingNumber + ":" + (statusType == null ? "" : statusType) + ":"
                + (statusCode == null ? "" : statusCode) + ":" + (eventTime == null ? "" : eventTime.toEpochMilli());
        return new TrackingUpdate(id, TrackingSource.TRACK_API, null, null, List.of(trackingNumber), status,
                statusDescription, eventTime, estimatedDelivery, deliveredAt, null);
    }
}
