package com.epicorups.sandbox.ups;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A shipment the sandbox created, as UPS would remember it. */
final class StoredShipment {

    record Party(String name, List<String> addressLines, String city, String state, String postalCode,
                 String country) {
    }

    final class StoredPackage {
        final String trackingNumber;
        final List<String> references;
        final String weight;
        final String labelFormat;
        final byte[] label;
        final List<PackageEvent> events = new ArrayList<>();

        StoredPackage(String trackingNumber, List<String> references, String weight, String labelFormat, byte[] label) {
            this.trackingNumber = trackingNumber;
            this.references = List.copyOf(references);
            this.weight = weight;
            this.labelFormat = labelFormat;
            this.label = label;
        }

        StoredShipment shipment() {
            return StoredShipment.this;
        }

        PackageEvent latest() {
            return events.get(events.size() - 1);
        }

        Status status() {
            return latest().status();
        }
    }

    final String shipmentId;
    final String shipperNumber;
    final String serviceCode;
    final Party shipper;
    final Party shipTo;
    final List<String> shipmentReferences;
    final Instant createdAt;
    final String weightUnit;
    final String totalCharges;
    final List<StoredPackage> packages = new ArrayList<>();

    StoredShipment(String shipmentId, String shipperNumber, String serviceCode, Party shipper, Party shipTo,
                   List<String> shipmentReferences, Instant createdAt, String weightUnit, String totalCharges) {
        this.shipmentId = shipmentId;
        this.shipperNumber = shipperNumber;
        this.serviceCode = serviceCode;
        this.shipper = shipper;
        this.shipTo = shipTo;
        this.shipmentReferences = List.copyOf(shipmentReferences);
        this.createdAt = createdAt;
        this.weightUnit = weightUnit;
        this.totalCharges = totalCharges;
    }

    boolean voided() {
        return packages.stream().allMatch(p -> p.status() == Status.VOIDED);
    }

    boolean hasReference(String value) {
        return shipmentReferences.contains(value) || packages.stream().anyMatch(p -> p.references.contains(value));
    }

    List<String> allReferences() {
        List<String> all = new ArrayList<>(shipmentReferences);
        packages.forEach(p -> p.references.stream().filter(r -> !all.contains(r)).forEach(all::add));
        return all;
    }
}
