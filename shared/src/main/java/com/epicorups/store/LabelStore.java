package com.epicorups.store;

import com.epicorups.model.PackKey;
import com.epicorups.model.ReleaseKey;

/** Keeps shipping labels (S3 in AWS, a folder locally). */
public interface LabelStore {
    /** Stores the decoded label bytes and returns where they are (an s3:// URI or a file path). */
    String store(ReleaseKey key, String trackingNumber, String format, byte[] label);

    /**
     * Stores a pack's label (pack mode) under {@link LabelPaths#relativePath(PackKey, String, String)}.
     *
     * @throws UnsupportedOperationException when this store keeps release labels only
     */
    default String store(PackKey key, String trackingNumber, String format, byte[] label) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no pack labels");
    }

    /** Where kept webhook events go in the label bucket (or folder): apart from the labels. */
    String KEPT_EVENTS_PREFIX = "webhook-events/";

    /**
     * Keeps a Track Alert event that could be neither enqueued nor audited (SQS and DynamoDB failing together), whole,
     * under {@link #KEPT_EVENTS_PREFIX}{@code name}, and returns where it is.
     *
     * @throws UnsupportedOperationException when this store cannot keep events
     */
    default String keepEvent(String name, String body) {
        throw new UnsupportedOperationException("this label store keeps no webhook events");
    }

    /** A kept event back, by the location {@link #keepEvent} returned (for {@code connector replay --kept}). */
    default String keptEvent(String location) {
        throw new UnsupportedOperationException("this label store keeps no webhook events");
    }
}
