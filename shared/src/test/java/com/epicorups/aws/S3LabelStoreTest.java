package com.epicorups.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.model.ReleaseKey;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.AwsEmulatorExtension;
import com.epicorups.testing.aws.ProvisionedResources;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulatorExtension.class)
class S3LabelStoreTest {
    private final AwsEmulator aws;
    private final ProvisionedResources resources;

    S3LabelStoreTest(AwsEmulator aws, ProvisionedResources resources) {
        this.aws = aws;
        this.resources = resources;
    }

    @Test
    void storesTheLabelUnderTheReleaseAndReturnsItsS3Uri() {
        S3LabelStore store = new S3LabelStore(aws.s3(), resources.labelBucket());
        byte[] gif = "GIF89a-label-bytes".getBytes(StandardCharsets.US_ASCII);

        String location = store.store(new ReleaseKey("EPIC06", 5001, 2, 3), "1Z999AA10123456784", "GIF", gif);

        String key = "labels/EPIC06/5001/2-3/1Z999AA10123456784.gif";
        assertThat(location).isEqualTo("s3://" + resources.labelBucket() + "/" + key);
        var object = aws.s3().getObjectAsBytes(r -> r.bucket(resources.labelBucket()).key(key));
        assertThat(object.asByteArray()).isEqualTo(gif);
        assertThat(object.response().contentType()).isEqualTo("image/gif");
    }

    @Test
    void aTrackingNumberCannotStepOutOfItsFolder() {
        S3LabelStore store = new S3LabelStore(aws.s3(), resources.labelBucket());
        assertThatThrownBy(() -> store.store(new ReleaseKey("EPIC06", 1, 1, 1), "../1Z", "ZPL", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
