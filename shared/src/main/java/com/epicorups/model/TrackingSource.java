package com.epicorups.model;

/** Where a tracking fact came from. */
public enum TrackingSource {
    SHIPMENT_CREATOR, QUANTUM_VIEW, TRACK_ALERT, TRACK_API
}
