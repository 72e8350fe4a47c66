package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.WeightUnit;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.AddressValidation;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.EpicorReleases;
import com.epicorups.port.PackageLabel;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.port.UpsShipping;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LabelStore;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Small scripted implementations of the connector's own ports, for the use-case tests. */
final class TestDoubles {
    private TestDoubles() {
    }

    static final ReleaseKey KEY = new ReleaseKey("EPIC06", 5001, 1, 1);

    static Address usAddress(String line1) {
        return new Address("Acme Receiving", "Dock 4", List.of(line1), "Atlanta", "GA", "30303", "US",
                "4045550100", null, null);
    }

    static ShippableRelease release(ReleaseKey key, long sysRevId, Address shipTo) {
        return new ShippableRelease(key, sysRevId, "ACME", "PO-77", "WIDGET-1", "Widget", new BigDecimal("4"), "EA",
                new BigDecimal("12.5"), WeightUnit.LBS, new BigDecimal("80.00"), "USD", "MAIN", "MfgSys", "UPSG",
                shipTo);
    }

    static String requestBody(ShippableRelease release) {
        return requestBody(release, null);
    }

    static String requestBody(ShippableRelease release, com.epicorups.model.ReleaseReferences references) {
        try {
            return Json.mapper().writeValueAsString(new ShipmentRequestMessage("poll-1",
                    Instant.parse("2026-11-27T10:00:00Z"), release, references));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failure with the reason of {@code code}, permanent whatever the reason's own kind. */
    static ConnectorException permanent(String code) {
        return new ConnectorException(reason(code), FailureKind.PERMANENT, code + " detail", null);
    }

    /** A failure with the reason of {@code code}, transient whatever the reason's own kind. */
    static ConnectorException transientError(String code) {
        return new ConnectorException(reason(code), FailureKind.TRANSIENT, code + " detail", null);
    }

    private static Reason reason(String code) {
        return Reason.ofCode(code).orElseThrow(() -> new IllegalArgumentException("no reason has code " + code));
    }


    record Sent(String body, Map<String, String> attributes) {
    }

    /** Records what was sent; can be told to fail. */
    static final class RecordingQueue implements MessageQueue {
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger sendAllCalls = new AtomicInteger();
        private final AtomicInteger ids = new AtomicInteger();

        @Override
        public void sendAll(List<String> bodies) {
            sendAllCalls.incrementAndGet();
            MessageQueue.super.sendAll(bodies);
        }

        @Override
        public String send(String body, Map<String, String> attributes) {
            if (failures.get() > 0 && failures.decrementAndGet() >= 0) {
                throw transientError("QUEUE_SEND_FAILED");
            }
            sent.add(new Sent(body, Map.copyOf(attributes)));
            return "msg-" + ids.incrementAndGet();
        }

        List<String> bodies() {
            return sent.stream().map(Sent::body).toList();
        }

        <T> List<T> bodiesAs(Class<T> type) {
            return sent.stream().map(s -> {
                try {
                    return Json.mapper().readValue(s.body(), type);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    /**
     * A UPS that remembers every shipment it made by reference (so findByReference sees them), counts
     * create calls, and can be scripted to fail before or after creating.
     */
    static final class ScriptedUps implements UpsShipping {
        final AtomicInteger creates = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();
        final Map<String, CreatedShipment> byReference = new ConcurrentHashMap<>();
        final List<ShippableRelease> created = new CopyOnWriteArrayList<>();
        /** The releases of each create call, in call order. */
        final List<List<ShippableRelease>> createCalls = new CopyOnWriteArrayList<>();
        /** What {@link #canGroup} answers (the real client: grouping enabled and a US/PR domestic lane). */
        volatile boolean groupable = true;
        volatile RuntimeException failBeforeCreate;
        volatile RuntimeException failAfterCreate;
        volatile RuntimeException failLookup;
        volatile Duration createLatency = Duration.ZERO;
        /** What {@link #checkBeforeAnyCall} refuses, by ship-to country (the real client: the lane, the plan). */
        volatile Function<ShippableRelease, RuntimeException> refusesWithoutCall = r -> null;
        final AtomicInteger checksBeforeCalls = new AtomicInteger();

        @Override
        public void checkBeforeAnyCall(List<ShippableRelease> releases) {
            checksBeforeCalls.incrementAndGet();
            for (ShippableRelease r : releases) {
                RuntimeException refusal = refusesWithoutCall.apply(r);
                if (refusal != null) {
                    throw refusal;
                }
            }
        }

        @Override
        public CreatedShipment create(List<ShippableRelease> releases) {
            creates.incrementAndGet();
            sleep(createLatency);
            RuntimeException before = failBeforeCreate;
            if (before != null) {
                failBeforeCreate = null;
                throw before;
            }
            int n = creates.get();
            String shipmentId = "1ZSHIP" + n;
            List<PackageLabel> packages = new ArrayList<>();
            for (int i = 0; i < releases.size(); i++) {
                String suffix = releases.size() > 1 ? "P" + (i + 1) : "";
                packages.add(new PackageLabel("1Z999AA1012345678" + n + suffix, "GIF", new byte[]{1, 2, 3}));
            }
            CreatedShipment shipment = new CreatedShipment(shipmentId, packages,
                    Map.of("TotalCharges", "12.34 USD"), "{\"ShipmentRequest\":{}}", List.of("AddressLine 3 dropped"),
                    java.util.Collections.nCopies(releases.size(), 1));
            releases.forEach(r -> byReference.put(r.key().reference(), shipment));
            created.addAll(releases);
            createCalls.add(List.copyOf(releases));
            RuntimeException after = failAfterCreate;
            if (after != null) {
                failAfterCreate = null;
                throw after;
            }
            return shipment;
        }

        @Override
        public Optional<CreatedShipment> findByReference(ShippableRelease release) {
            lookups.incrementAndGet();
            RuntimeException fail = failLookup;
            if (fail != null) {
                failLookup = null;
                throw fail;
            }
            CreatedShipment found = byReference.get(release.key().reference());
            return Optional.ofNullable(found).map(s -> new CreatedShipment(s.shipmentId(), s.packages(), s.charges(),
                    null, List.of()));
        }

        @Override
        public boolean canGroup(List<ShippableRelease> releases) {
            return groupable;
        }

        @Override
        public void voidShipment(String shipmentId) {
            throw new UnsupportedOperationException("not used by the pipeline");
        }

        private static void sleep(Duration d) {
            if (!d.isZero()) {
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Epicor as the recheck sees it: the current release per key, or a not-shippable reason, or a failure. */
    static final class ScriptedEpicor implements EpicorReleases {
        final Map<ReleaseKey, ReleaseRecheck> current = new ConcurrentHashMap<>();
        final AtomicInteger rechecks = new AtomicInteger();
        /** The keys of every batched re-read, one list per recheckAll call. */
        final List<List<ReleaseKey>> batchedRechecks = new CopyOnWriteArrayList<>();
        /** The poll's references given with every batched re-read, one list per recheckAll call. */
        final List<List<com.epicorups.model.ReleaseReferences>> batchedReferences = new CopyOnWriteArrayList<>();
        volatile RuntimeException failNext;
        volatile RuntimeException failNextBatch;
        /** Runs at the start of every batched re-read. */
        volatile Runnable beforeBatch = () -> { };

        @Override
        public Map<ReleaseKey, ReleaseRecheck> recheckAll(java.util.Collection<ReleaseKey> keys,
                java.util.Collection<com.epicorups.model.ReleaseReferences> references) {
            batchedReferences.add(List.copyOf(references));
            return recheckAll(keys);
        }

        @Override
        public Map<ReleaseKey, ReleaseRecheck> recheckAll(java.util.Collection<ReleaseKey> keys) {
            beforeBatch.run();
            batchedRechecks.add(List.copyOf(keys));
            RuntimeException fail = failNextBatch;
            if (fail != null) {
                failNextBatch = null;
                throw fail;
            }
            Map<ReleaseKey, ReleaseRecheck> result = new java.util.LinkedHashMap<>();
            for (ReleaseKey key : keys) {
                ReleaseRecheck r = current.get(key);
                result.put(key, r == null ? ReleaseRecheck.notShippable(Reason.RELEASE_GONE, "no such release") : r);
            }
            return result;
        }

        @Override
        public ReleaseRecheck recheck(ReleaseKey key) {
            rechecks.incrementAndGet();
            RuntimeException fail = failNext;
            if (fail != null) {
                failNext = null;
                throw fail;
            }
            ReleaseRecheck r = current.get(key);
            return r == null ? ReleaseRecheck.notShippable(Reason.RELEASE_GONE, "no such release") : r;
        }
    }

    /** Validates US addresses by upper-casing them and flagging them residential; skips other countries. */
    static final class ScriptedAddressValidation implements AddressValidation {
        final List<Address> seen = new CopyOnWriteArrayList<>();
        volatile Function<Address, RuntimeException> rejects = a -> null;

        @Override
        public AddressCheck validate(Address shipTo) {
            seen.add(shipTo);
            RuntimeException rejection = rejects.apply(shipTo);
            if (rejection != null) {
                throw rejection;
            }
            if (!"US".equals(shipTo.countryCode()) && !"PR".equals(shipTo.countryCode())) {
                return new AddressCheck(AddressCheck.Outcome.SKIPPED, shipTo, "outside US/PR");
            }
            List<String> lines = shipTo.lines().stream().map(String::toUpperCase).toList();
            return new AddressCheck(AddressCheck.Outcome.VALIDATED,
                    shipTo.withValidated(lines, shipTo.city().toUpperCase(), shipTo.stateProvince(),
                            shipTo.postalCode() + "-1234", true), "single candidate");
        }
    }

    static final class MemoryLabels implements LabelStore {
        final Map<String, byte[]> stored = new ConcurrentHashMap<>();
        volatile RuntimeException failNext;

        @Override
        public String store(ReleaseKey key, String trackingNumber, String format, byte[] label) {
            return store(key.asString(), trackingNumber, format, label);
        }

        @Override
        public String store(com.epicorups.model.PackKey key, String trackingNumber, String format, byte[] label) {
            return store(key.asString(), trackingNumber, format, label);
        }

        private String store(String key, String trackingNumber, String format, byte[] label) {
            RuntimeException fail = failNext;
            if (fail != null) {
                failNext = null;
                throw fail;
            }
            String location = "mem://labels/" + key + "/" + trackingNumber + "." + format.toLowerCase();
            stored.put(location, label);
            return location;
        }
    }

    /** A ledger whose markShipped fails a given number of times (a crash between UPS and the ledger). */
    static final class FlakyLedger implements ShipmentLedger {
        private final ShipmentLedger delegate;
        final AtomicInteger markShippedFailures = new AtomicInteger();

        FlakyLedger(ShipmentLedger delegate) {
            this.delegate = delegate;
        }

        @Override
        public ClaimResult claim(ReleaseKey key, String owner, Instant now, Duration lease) {
            return delegate.claim(key, owner, now, lease);
        }

        @Override
        public ShipmentRecord markShipped(ReleaseKey key, String owner, String shipmentId,
                                          List<String> trackingNumbers, String labelLocation, Instant now) {
            if (markShippedFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("process died before the ledger write");
            }
            return delegate.markShipped(key, owner, shipmentId, trackingNumbers, labelLocation, now);
        }

        @Override
        public void markNeedsAttention(ReleaseKey key, String owner, String reasonCode, Instant now) {
            delegate.markNeedsAttention(key, owner, reasonCode, now);
        }

        @Override
        public void releaseClaim(ReleaseKey key, String owner) {
            delegate.releaseClaim(key, owner);
        }

        @Override
        public void markWritten(ReleaseKey key, Instant now) {
            delegate.markWritten(key, now);
        }

        @Override
        public Optional<ShipmentRecord> get(ReleaseKey key) {
            return delegate.get(key);
        }

        @Override
        public Optional<ShipmentRecord> findByTrackingNumber(String trackingNumber) {
            return delegate.findByTrackingNumber(trackingNumber);
        }

        @Override
        public boolean recordStatus(ReleaseKey key, TrackingStatus status, Instant eventTime) {
            return delegate.recordStatus(key, status, eventTime);
        }

        @Override
        public void recordSubscription(ReleaseKey key, Instant expiresAt) {
            delegate.recordSubscription(key, expiresAt);
        }

        @Override
        public void recordSubscriptionRefused(ReleaseKey key) {
            delegate.recordSubscriptionRefused(key);
        }

        @Override
        public List<ShipmentRecord> subscriptionsExpiringBefore(Instant before, int limit) {
            return delegate.subscriptionsExpiringBefore(before, limit);
        }
    }

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("m" + i);
        }
        return ids;
    }
}
