package com.epicorups.store;

import com.epicorups.model.ReleaseKey;

/** Keeps shipping labels (S3 in AWS, a folder locally). */
public interface LabelStore {
    /** Stores the decoded label bytes and returns where they are (an s3:// URI or a file path). */
    String store(ReleaseKey key, String trackingNumber, String format, byte[] label);
}
