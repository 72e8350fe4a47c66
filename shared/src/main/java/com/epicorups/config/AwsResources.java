package com.epicorups.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The AWS resources of one deployment, as template.yaml hands them to every function in environment
 * variables. {@link #from(Map)} checks them all and reports every missing or malformed one together.
 *
 * @param endpointOverride AWS_ENDPOINT_URL: an emulator's endpoint locally and in tests; empty on AWS
 * @param region           AWS_REGION: set by Lambda; empty lets the SDK's default chain decide
 * @param auditRetention   AUDIT_RETENTION_DAYS (default 400 days): how long audit items live before TTL
 * @param maxReceiveCount  MAX_RECEIVE_COUNT (default 5, template.yaml's MaxReceiveCount): the queues'
 *                         RedrivePolicy maxReceiveCount; on that receive a transient failure is final
 */
public record AwsResources(
        String tokenCacheTable,
        String shipmentsTable,
        String auditTable,
        URI shipmentRequestsQueueUrl,
        URI shipmentRequestsDlqUrl,
        URI trackingUpdatesQueueUrl,
        URI trackingUpdatesDlqUrl,
        String epicorSecretId,
        String upsSecretId,
        String webhookSecretId,
        String labelBucket,
        Optional<URI> endpointOverride,
        Optional<String> region,
        Duration auditRetention,
        int maxReceiveCount) {

    public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(400);
    /** template.yaml's MaxReceiveCount default. */
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 5;

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern SECRET_ID = Pattern.compile(
            "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+|[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern BUCKET_NAME = Pattern.compile("(?!xn--)(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern QUEUE_PATH = Pattern.compile("/\\d{12}/[A-Za-z0-9_-]{1,80}(\\.fifo)?");

    public AwsResources {
        Objects.requireNonNull(tokenCacheTable, "tokenCacheTable");
        Objects.requireNonNull(shipmentsTable, "shipmentsTable");
        Objects.requireNonNull(auditTable, "auditTable");
        Objects.requireNonNull(shipmentRequestsQueueUrl, "shipmentRequestsQueueUrl");
        Objects.requireNonNull(shipmentRequestsDlqUrl, "shipmentRequestsDlqUrl");
        Objects.requireNonNull(trackingUpdatesQueueUrl, "trackingUpdatesQueueUrl");
        Objects.requireNonNull(trackingUpdatesDlqUrl, "trackingUpdatesDlqUrl");
        Objects.requireNonNull(epicorSecretId, "epicorSecretId");
        Objects.requireNonNull(upsSecretId, "upsSecretId");
        Objects.requireNonNull(webhookSecretId, "webhookSecretId");
        Objects.requireNonNull(labelBucket, "labelBucket");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(auditRetention, "auditRetention");
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be at least 1");
        }
    }

    /** Reads the process environment. */
    public static AwsResources fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the given variables (tests and the local run pass their own). */
    public static AwsResources from(Map<String, String> env) {
        Reader reader = new Reader(env);
        AwsResources resources = new AwsResources(
                reader.required("TOKEN_CACHE_TABLE", "the name of the token cache DynamoDB table",
                        AwsResources::isTableName),
                reader.required("SHIPMENTS_TABLE", "the name of the shipments DynamoDB table",
                        AwsResources::isTableName),
                reader.required("AUDIT_TABLE", "the name of the audit DynamoDB table", AwsResources::isTableName),
                reader.queueUrl("SHIPMENT_REQUESTS_QUEUE_URL", "the shipment-requests queue"),
                reader.queueUrl("SHIPMENT_REQUESTS_DLQ_URL", "the shipment-requests dead-letter queue"),
                reader.queueUrl("TRACKING_UPDATES_QUEUE_URL", "the tracking-updates queue"),
                reader.queueUrl("TRACKING_UPDATES_DLQ_URL", "the tracking-updates dead-letter queue"),
                reader.required("EPICOR_SECRET_ID", "the name or ARN of the Epicor secret", AwsResources::isSecretId),
                reader.required("UPS_SECRET_ID", "the name or ARN of the UPS secret", AwsResources::isSecretId),
                reader.required("WEBHOOK_SECRET_ID", "the name or ARN of the Track Alert webhook secret",
                        AwsResources::isSecretId),
                reader.required("LABEL_BUCKET", "the name of the S3 bucket that keeps the labels",
                        AwsResources::isBucketName),
                reader.endpoint("AWS_ENDPOINT_URL"),
                reader.optional("AWS_REGION", "an AWS region code such as us-east-1",
                        value -> REGION.matcher(value).matches()),
                reader.retention("AUDIT_RETENTION_DAYS"),
                reader.maxReceiveCount("MAX_RECEIVE_COUNT"));
        reader.throwIfProblems();
        return resources;
    }

    private static boolean isTableName(String value) {
        return TABLE_NAME.matcher(value).matches();
    }

    private static boolean isSecretId(String value) {
        return SECRET_ID.matcher(value).matches();
    }

    private static boolean isBucketName(String value) {
        return value.length() <= 63 && BUCKET_NAME.matcher(value).matches();
    }

    /** Collects every problem instead of stopping at the first. */
    private static final class Reader {
        private static final URI PLACEHOLDER = URI.create("http://invalid/000000000000/invalid");
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
        }

        String required(String name, String expected, Predicate<String> valid) {
            String value = trimmed(name);
            if (value == null) {
                problems.add(name + " is missing: set it to " + expected);
                return "";
            }
            if (!valid.test(value)) {
                problems.add(name + " is malformed ('" + value + "'): set it to " + expected);
            }
            return value;
        }

        Optional<String> optional(String name, String expected, Predicate<String> valid) {
            String value = trimmed(name);
            if (value != null && !valid.test(value)) {
                problems.add(name + " is malformed ('" + value + "'): set it to " + expected + " or leave it unset");
            }
            return Optional.ofNullable(value);
        }

        URI queueUrl(String name, String queue) {
            String expected = "the URL of " + queue + " (https://sqs.<region>.amazonaws.com/<account>/<queue name>)";
            String value = trimmed(name);
            if (value == null) {
                problems.add(name + " is missing: set it to " + expected);
                return PLACEHOLDER;
            }
            URI uri = parseHttpUri(value);
            if (uri == null || uri.getPath() == null || !QUEUE_PATH.matcher(uri.getPath()).matches()) {
                problems.add(name + " is malformed ('" + value + "'): set it to " + expected);
                return PLACEHOLDER;
            }
            return uri;
        }

        Optional<URI> endpoint(String name) {
            String value = trimmed(name);
            if (value == null) {
                return Optional.empty();
            }
            URI uri = parseHttpUri(value);
            if (uri == null) {
                problems.add(name + " is malformed ('" + value
                        + "'): set it to the emulator's http(s) endpoint, e.g. http://127.0.0.1:5000, or leave it unset");
                return Optional.empty();
            }
            return Optional.of(uri);
        }

        Duration retention(String name) {
            return Duration.ofDays(wholeNumber(name, 1, 36_500, DEFAULT_AUDIT_RETENTION.toDays(),
                    "a whole number of days between 1 and 36500, or leave it unset for 400"));
        }

        int maxReceiveCount(String name) {
            return (int) wholeNumber(name, 1, 1000, DEFAULT_MAX_RECEIVE_COUNT, "the queues' maxReceiveCount, a "
                    + "whole number between 1 and 1000, or leave it unset for " + DEFAULT_MAX_RECEIVE_COUNT);
        }

        /** An optional whole number in [min, max]; unset gives {@code fallback}, anything else is a problem. */
        private long wholeNumber(String name, long min, long max, long fallback, String expected) {
            String value = trimmed(name);
            if (value == null) {
                return fallback;
            }
            try {
                long number = Long.parseLong(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(name + " is malformed ('" + value + "'): set it to " + expected);
            return fallback;
        }

        void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }

        private String trimmed(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        private static URI parseHttpUri(String value) {
            try {
                URI uri = new URI(value);
                boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
                return http && uri.getHost() != null ? uri : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
