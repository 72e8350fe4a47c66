package com.epicorups.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the shipment creator needs about one release, as read from Epicor by the poller
 * (and read again just before shipping). Weight = part weight x release quantity, already converted;
 * value = release quantity x unit price.
 *
 * @param sysRevId   OrderRel.SysRevID when read: a later re-read with another value means it changed
 * @param warehouse  OrderRel.WarehouseCode: selects the shipper account and ship-from address
 * @param plant      OrderRel.Plant
 * @param shipViaCode OrderRel.ShipViaCode: mapped to a UPS service code by configuration
 * @param notes      what the mapping from Epicor had to adjust (bad data it did not pass on), for the audit entry
 *                   of the shipment; empty when nothing was
 * @param needByDate OrderRel.NeedByDate (the date the customer needs the goods), for a Best Way limit by that date;
 *                   null when Epicor has none (and in messages older than the field)
 */
public record ShippableRelease(
        ReleaseKey key,
        long sysRevId,
        String customerId,
        String poNumber,
        String partNum,
        String partDescription,
        BigDecimal quantity,
        String quantityUom,
        BigDecimal weight,
        WeightUnit weightUnit,
        BigDecimal value,
        String currencyCode,
        String warehouse,
        String plant,
        String shipViaCode,
        Address shipTo,
        // Absent from the queue message when empty, so messages keep the shape they had before notes existed.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes,
        // Absent when the release was read without customs data (and from messages older than issue 16).
        @JsonInclude(JsonInclude.Include.NON_NULL) PartCustoms customs,
        @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate needByDate) {

    public ShippableRelease {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A release without a NeedByDate. */
    public ShippableRelease(ReleaseKey key, long sysRevId, String customerId, String poNumber, String partNum,
                            String partDescription, BigDecimal quantity, String quantityUom, BigDecimal weight,
                            WeightUnit weightUnit, BigDecimal value, String currencyCode, String warehouse,
                            String plant, String shipViaCode, Address shipTo, List<String> notes, PartCustoms customs) {
        this(key, sysRevId, customerId, poNumber, partNum, partDescription, quantity, quantityUom, weight, weightUnit,
                value, currencyCode, warehouse, plant, shipViaCode, shipTo, notes, customs, null);
    }

    /** A release without customs data. */
    public ShippableRelease(ReleaseKey key, long sysRevId, String customerId, String poNumber, String partNum,
                            String partDescription, BigDecimal quantity, String quantityUom, BigDecimal weight,
                            WeightUnit weightUnit, BigDecimal value, String currencyCode, String warehouse,
                            String plant, String shipViaCode, Address shipTo, List<String> notes) {
        this(key, sysRevId, customerId, poNumber, partNum, partDescription, quantity, quantityUom, weight, weightUnit,
                value, currencyCode, warehouse, plant, shipViaCode, shipTo, notes, null);
    }

    /** A release the mapping did not have to adjust. */
    public ShippableRelease(ReleaseKey key, long sysRevId, String customerId, String poNumber, String partNum,
                            String partDescription, BigDecimal quantity, String quantityUom, BigDecimal weight,
                            WeightUnit weightUnit, BigDecimal value, String currencyCode, String warehouse,
                            String plant, String shipViaCode, Address shipTo) {
        this(key, sysRevId, customerId, poNumber, partNum, partDescription, quantity, quantityUom, weight, weightUnit,
                value, currencyCode, warehouse, plant, shipViaCode, shipTo, List.of());
    }

    /** The same release shipped to {@code address} (e.g. the address as UPS Address Validation corrected it). */
    public ShippableRelease withShipTo(Address address) {
        return new ShippableRelease(key, sysRevId, customerId, poNumber, partNum, partDescription, quantity,
                quantityUom, weight, weightUnit, value, currencyCode, warehouse, plant, shipViaCode, address, notes,
                customs, needByDate);
    }

    /** The same release with what customs needs about its goods. */
    public ShippableRelease withCustoms(PartCustoms partCustoms) {
        return new ShippableRelease(key, sysRevId, customerId, poNumber, partNum, partDescription, quantity,
                quantityUom, weight, weightUnit, value, currencyCode, warehouse, plant, shipViaCode, shipTo, notes,
                partCustoms, needByDate);
    }

    /** The same release with the date its customer needs it by (OrderRel.NeedByDate). */
    public ShippableRelease withNeedByDate(LocalDate date) {
        return new ShippableRelease(key, sysRevId, customerId, poNumber, partNum, partDescription, quantity,
                quantityUom, weight, weightUnit, value, currencyCode, warehouse, plant, shipViaCode, shipTo, notes,
                customs, date);
    }
}
