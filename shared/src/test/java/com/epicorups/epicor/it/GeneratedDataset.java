package com.epicorups.epicor.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sandbox dataset of n shippable releases, built in code: orders of four lines with one release each (the last
 * order shorter), 20 customers with one ship-to each, 10 parts with weights; and what a tenant set up for the connector
 * has: the ReadyToShip BAQ over OrderRel (the default eligibility criteria; key, SysRevID, ChangeDate and ChangeTime
 * columns), the CHI warehouse, the UPSG ship via and the five OrderRel UD columns of the default write-back.
 */
final class GeneratedDataset {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int LINES_PER_ORDER = 4;
    private static final int CUSTOMERS = 20;
    private static final int PARTS = 10;

    private GeneratedDataset() {
    }

    static String releases(int n) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("Company", SandboxSupport.COMPANY);
        ObjectNode ud = root.putObject("UDFields").putObject("OrderRel");
        ud.put("TrackingNumber_c", "string").put("UPSStatus_c", "string").put("EstDeliveryDate_c", "date")
                .put("DeliveredDate_c", "date").put("LabelLocation_c", "string");
        ObjectNode baq = root.putObject("BAQs").putObject("ReadyToShip");
        baq.put("from", "OrderRels").put("filter", com.epicorups.epicor.EpicorSettings.DEFAULT_ELIGIBILITY_FILTER);
        ArrayNode baqColumns = baq.putArray("columns");
        for (String column : new String[] {"Company", "OrderNum", "OrderLine", "OrderRelNum", "SysRevID", "ChangeDate",
                "ChangeTime"}) {
            baqColumns.add(column);
        }
        root.putArray("Warehses").addObject().put("WarehouseCode", "CHI").put("Name", "Chicago").put("Plant", "MfgSys");
        root.putArray("ShipVias").addObject().put("ShipViaCode", "UPSG").put("Description", "UPS Ground");
        ArrayNode customers = root.putArray("Customers");
        ArrayNode shipTos = root.putArray("ShipToes");
        for (int c = 1; c <= CUSTOMERS; c++) {
            customers.addObject().put("CustNum", 1000 + c).put("CustID", "GEN" + c).put("Name", "Generated Customer " + c)
                    .put("Address1", c + " Market St").put("City", "Chicago").put("State", "IL").put("Zip", "60607")
                    .put("Country", "USA").put("CountryNum", 1);
            shipTos.addObject().put("CustNum", 1000 + c).put("ShipToNum", "DOCK").put("Name", "Generated Dock " + c)
                    .put("Address1", (100 + c) + " W Fulton Market").put("City", "Chicago").put("State", "IL")
                    .put("ZIP", "60607").put("Country", "USA").put("CountryNum", 1).put("CountryISOCode", "US")
                    .put("PhoneNum", "312-555-01" + String.format("%02d", c));
        }
        ArrayNode parts = root.putArray("Parts");
        for (int p = 1; p <= PARTS; p++) {
            parts.addObject().put("PartNum", "GEN-" + p).put("PartDescription", "Generated part " + p).put("IUM", "EA")
                    .put("SalesUM", "EA").put("NetWeight", 1.5 + p).put("NetWeightUOM", "LB").put("PricePerCode", "E");
        }
        ArrayNode orders = root.putArray("SalesOrders");
        ArrayNode lines = root.putArray("OrderDtls");
        ArrayNode rels = root.putArray("OrderRels");
        for (int i = 0; i < n; i++) {
            int orderNum = 100_000 + i / LINES_PER_ORDER;
            int line = i % LINES_PER_ORDER + 1;
            int custNum = 1000 + (i / LINES_PER_ORDER) % CUSTOMERS + 1;
            String part = "GEN-" + (i % PARTS + 1);
            if (line == 1) {
                orders.addObject().put("OrderNum", orderNum).put("CustNum", custNum).put("PONum", "PO-" + orderNum)
                        .put("OpenOrder", true).put("ReadyToFulfill", true).put("ShipToNum", "DOCK")
                        .put("ShipToCustNum", custNum).put("ShipViaCode", "UPSG").put("CurrencyCode", "USD");
            }
            lines.addObject().put("OrderNum", orderNum).put("OrderLine", line).put("LineType", "PART")
                    .put("PartNum", part).put("LineDesc", "Generated part").put("IUM", "EA").put("SalesUM", "EA")
                    .put("OrderQty", 2).put("SellingQuantity", 2).put("UnitPrice", 10).put("DocUnitPrice", 10)
                    .put("OpenLine", true).put("WarehouseCode", "CHI").put("CustNum", custNum);
            rels.addObject().put("OrderNum", orderNum).put("OrderLine", line).put("OrderRelNum", 1)
                    .put("LineType", "PART").put("PartNum", part).put("IUM", "EA").put("SalesUM", "EA")
                    .put("OurReqQty", 2).put("SellingReqQty", 2).put("OpenRelease", true).put("FirmRelease", true)
                    .put("ReadyToFulfill", true).put("Plant", "MfgSys").put("WarehouseCode", "CHI")
                    .put("ShipViaCode", "UPSG").put("ShipToNum", "DOCK").put("ShipToCustNum", custNum)
                    .put("OpenOrder", true);
        }
        return root.toString();
    }
}
