package com.epicorups.aws;

import com.epicorups.model.ReleaseKey;
import com.epicorups.store.LabelPaths;
import com.epicorups.store.LabelStore;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Labels in the label bucket under {@code labels/<company>/<order>/<line>-<rel>/<tracking>.<ext>}; the
 * bucket's default SSE-KMS encryption applies.
 */
public final class S3LabelStore implements LabelStore {
    private final S3Client s3;
    private final String bucket;

    public S3LabelStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public String store(ReleaseKey key, String trackingNumber, String format, byte[] label) {
        return put(LabelPaths.relativePath(key, trackingNumber, format), format, label);
    }

    @Override
    public String store(com.epicorups.model.PackKey key, String trackingNumber, String format, byte[] label) {
        return put(LabelPaths.relativePath(key, trackingNumber, format), format, label);
    }

    private String put(String objectKey, String format, byte[] label) {
        s3.putObject(r -> r.bucket(bucket).key(objectKey).contentType(LabelPaths.contentType(format)),
                RequestBody.fromBytes(label));
        return "s3://" + bucket + "/" + objectKey;
    }

    @Override
    public String keepEvent(String name, String body) {
        String objectKey = KEPT_EVENTS_PREFIX + name;
        s3.putObject(r -> r.bucket(bucket).key(objectKey).contentType("application/json"),
                RequestBody.fromString(body, java.nio.charset.StandardCharsets.UTF_8));
        return "s3://" + bucket + "/" + objectKey;
    }

    @Override
    public String keptEvent(String location) {
        String prefix = "s3://" + bucket + "/" + KEPT_EVENTS_PREFIX;
        if (location == null || !location.startsWith(prefix)) {
            throw new IllegalArgumentException("not a kept webhook event of this stack: " + location
                    + " (expected " + prefix + "...)");
        }
        String objectKey = location.substring(("s3://" + bucket + "/").length());
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(objectKey)).asUtf8String();
    }
}
