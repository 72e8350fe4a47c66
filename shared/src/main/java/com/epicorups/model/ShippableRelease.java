package com.epicorups.model;

import java.math.BigDecimal;

/**
 * Everything the shipment creator needs about one release, as read from Epicor by the poller
 * (and read again just before shipping). Weight = part weight x release quantity, already converted;
 * value = release quantity x unit price.
 *
 * @param sysRevId   OrderRel.SysRevID when read: a later re-read with another value means it changed
 * @param warehouse  OrderRel.WarehouseCode: selects the shipper account and ship-from address
 * @param plant      OrderRel.Plant
 * @param shipViaCode OrderRel.ShipViaCode: mapped to a UPS service code by configuration
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
        Address shipTo) {
}
