package com.epicorups.app;

import com.epicorups.aws.S3LabelStore;
import com.epicorups.config.AwsResources;
import com.epicorups.store.LabelStore;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the S3 label store; kept apart so that functions without the S3 SDK never load it. */
final class S3Labels {
    private S3Labels() {
    }

    static LabelStore create(AwsParts aws, AwsResources resources) {
        S3Client s3 = aws.configure(S3Client.builder(), resources.endpointOverride())
                .forcePathStyle(resources.endpointOverride().isPresent())
                .build();
        return new S3LabelStore(s3, resources.labelBucket());
    }
}
