package com.epicorups.epicor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Epicor service, entity set and column the connector reads or writes, in one place. The $select
 * lists below are exactly what the queries ask for; a test checks each name against Epicor's own field
 * table (fields.json). Write-back columns come from configuration ({@link EpicorSettings.WriteBackMapping}).
 */
public final class EpicorFields {
    private EpicorFields() {
    }

    public static final String SALES_ORDER_SVC = "Erp.BO.SalesOrderSvc";
    public static final String CUSTOMER_SVC = "Erp.BO.CustomerSvc";
    public static final String PART_SVC = "Erp.BO.PartSvc";
    public static final String CUST_SHIP_SVC = "Erp.BO.CustShipSvc";
    public static final String COUNTRY_SVC = "Erp.BO.CountrySvc";

    public static final String SALES_ORDERS = SALES_ORDER_SVC + "/SalesOrders";
    public static final String ORDER_DTLS = SALES_ORDER_SVC + "/OrderDtls";
    public static final String ORDER_RELS = SALES_ORDER_SVC + "/OrderRels";
    public static final String CUSTOMERS = CUSTOMER_SVC + "/Customers";
    public static final String SHIP_TOES = CUSTOMER_SVC + "/ShipToes";
    public static final String PARTS = PART_SVC + "/Parts";
    public static final String CUST_SHIPS = CUST_SHIP_SVC + "/CustShips";
    public static final String SHIP_DTLS = CUST_SHIP_SVC + "/ShipDtls";
    public static final String COUNTRIES = COUNTRY_SVC + "/Countries";
    public static final String CARTON_TRK_DTLS = CUST_SHIP_SVC + "/CartonTrkDtls";
    public static final String SHIP_MISCS = CUST_SHIP_SVC + "/ShipMiscs";
    public static final String MISC_CHRG_SVC = "Erp.BO.MiscChrgSvc";
    public static final String MISC_CHRGS = MISC_CHRG_SVC + "/MiscChrgs";

    /** Table names as fields.json keys them. */
    public static final String T_ORDER_REL = "Erp.BO.SalesOrderSvc/OrderRel";
    public static final String T_ORDER_HED = "Erp.BO.SalesOrderSvc/OrderHed";
    public static final String T_ORDER_DTL = "Erp.BO.SalesOrderSvc/OrderDtl";
    public static final String T_PART = "Erp.BO.PartSvc/Part";
    public static final String T_CUSTOMER = "Erp.BO.CustomerSvc/Customer";
    public static final String T_SHIP_TO = "Erp.BO.CustomerSvc/ShipTo";
    public static final String T_SHIP_HEAD = "Erp.BO.CustShipSvc/ShipHead";
    public static final String T_SHIP_DTL = "Erp.BO.CustShipSvc/ShipDtl";
    public static final String T_CARTON_TRK_DTL = "Erp.BO.CustShipSvc/CartonTrkDtl";

    public static final List<String> RELEASE_KEYS = List.of("OrderNum", "OrderLine", "OrderRelNum");

    public static final List<String> ORDER_REL = List.of(
            "Company", "OrderNum", "OrderLine", "OrderRelNum", "PartNum",
            "OurReqQty", "SellingReqQty", "OurStockShippedQty", "OurJobShippedQty",
            "SellingStockShippedQty", "SellingJobShippedQty", "IUM", "SalesUM",
            "OpenRelease", "VoidRelease", "FirmRelease", "ReadyToFulfill", "DropShip",
            "Plant", "WarehouseCode", "ShipViaCode", "ShipToNum", "ShipToCustNum",
            "UseOTS", "OTSName", "OTSAddress1", "OTSAddress2", "OTSAddress3", "OTSCity", "OTSState", "OTSZIP",
            "OTSCntryISOCode", "OTSPhoneNum", "OTSContact", "OTSEMailAddress", "ResDelivery", "ShipToContactName",
            "SysRevID", "ChangeDate", "ChangeTime", "NeedByDate");

    public static final List<String> ORDER_HED = List.of(
            "Company", "OrderNum", "CustNum", "CustomerCustID", "PONum", "OpenOrder", "VoidOrder", "CurrencyCode",
            "ShipViaCode", "ShipToNum", "ShipToCustNum", "UseOTS", "OTSName", "OTSAddress1", "OTSAddress2",
            "OTSAddress3", "OTSCity", "OTSState", "OTSZIP", "OTSCntryISOCode", "OTSPhoneNum", "OTSContact",
            "ResDelivery", "ShipToContactName", "ShipToContactPhoneNum");

    public static final List<String> ORDER_DTL = List.of(
            "Company", "OrderNum", "OrderLine", "PartNum", "LineDesc", "LineType", "OpenLine", "VoidLine",
            "UnitPrice", "DocUnitPrice", "PricePerCode", "IUM", "SalesUM");

    /** What customs needs of a part (issue 16): tariff code, origin country number, export classification. */
    public static final List<String> PART_CUSTOMS = List.of("HTS", "CommodityCode", "ISOrigCountryNum", "ECCNNumber");
    public static final List<String> PART_NET = List.of(
            "Company", "PartNum", "PartDescription", "IsServices", "IUM", "NetWeight", "NetWeightUOM",
            "HTS", "CommodityCode", "ISOrigCountryNum", "ECCNNumber");
    public static final List<String> PART_GROSS = List.of(
            "Company", "PartNum", "PartDescription", "IsServices", "IUM", "GrossWeight", "GrossWeightUOM",
            "HTS", "CommodityCode", "ISOrigCountryNum", "ECCNNumber");

    /**
     * Country rows: a part's ISOrigCountryNum names one, its ISOCode is the origin the invoice names. The Country
     * table is not in the reference's fields.json; its columns are those of Epicor's CountrySvc as the Epicor sandbox
     * vendors them (epicor-tables.json, Erp.BO.CountrySvc/Country).
     */
    public static final List<String> COUNTRY = List.of("Company", "CountryNum", "ISOCode");

    public static final List<String> SHIP_TO = List.of(
            "Company", "CustNum", "ShipToNum", "Name", "Address1", "Address2", "Address3", "City", "State", "ZIP",
            "CountryISOCode", "PhoneNum", "EMailAddress", "ContactName", "ResDelivery", "Inactive");

    public static final List<String> CUSTOMER = List.of(
            "Company", "CustNum", "CustID", "Name", "Address1", "Address2", "Address3", "City", "State", "Zip",
            "CountryISOCode", "PhoneNum", "EMailAddress", "ResDelivery");

    public static final List<String> SHIP_DTL = List.of(
            "Company", "PackNum", "PackLine", "OrderNum", "OrderLine", "OrderRelNum");

    /** The ShipHead columns read besides the mapped write-back columns. */
    public static final List<String> SHIP_HEAD = List.of("Company", "PackNum", "Voided", "ShipStatus");

    /** The ShipHead columns the pack poll reads (pack mode, issue 18). */
    public static final List<String> PACK_HEAD = List.of(
            "Company", "PackNum", "SysRevID", "ShipViaCode", "Plant", "CustNum", "ShipToCustNum", "ShipToNum",
            "UseOTS", "OTSOrderNum", "Weight", "WeightUOM", "DeclaredAmt", "CurrencyCode");

    /** The columns the pack poll's ready filter always holds, besides the configured ready criteria. */
    public static final List<String> PACK_READY = List.of("Voided", "ReadyToInvoice", "TrackingNumber", "ShipStatus");

    /** The ShipDtl columns of a pack's lines. */
    public static final List<String> PACK_LINE = List.of(
            "Company", "PackNum", "PackLine", "OrderNum", "OrderLine", "OrderRelNum", "PartNum", "LineDesc",
            "OurInventoryShipQty", "OurJobShipQty", "IUM", "WarehouseCode");

    /** The CartonTrkDtl columns of a pack's cartons. */
    public static final List<String> PACK_CARTON = List.of(
            "Company", "ShipmentType", "PackNum", "CaseNum", "PkgWeight", "ManifestWtUOM", "PkgLength", "PkgWidth",
            "PkgHeight", "ManifestSizeUOM", "DeclaredValue", "TrackingNumber");

    /** The ShipHead columns pack write-back reads and writes (the manifest fields Epicor's interface fills). */
    public static final List<String> PACK_WRITTEN = List.of(
            "Company", "PackNum", "Voided", "TrackingNumber", "MFTransNum", "MFFreightAmt", "ReadyToInvoice");

    /** The CartonTrkDtl columns pack write-back reads and writes. */
    public static final List<String> PACK_CARTON_WRITTEN = List.of(
            "Company", "ShipmentType", "PackNum", "CaseNum", "TrackingNumber", "PkgWeight", "ManifestWtUOM");

    /**
     * The ShipMisc columns of a pack's misc charges (the customer's freight charge, epicor.packs.customerFreight).
     * ShipMisc and MiscChrg are not in the reference's fields.json; their columns are those of Epicor's CustShipSvc
     * and MiscChrgSvc swagger as the Epicor sandbox vendors them (epicor-tables.json), keys as the swagger declares.
     */
    public static final List<String> PACK_MISC = List.of(
            "Company", "PackNum", "PackLine", "SeqNum", "SysRowID", "MiscCode", "MiscAmt");

    /** The MiscChrg columns the preflight reads of the customer freight charge's code. */
    public static final List<String> MISC_CHRG = List.of("Company", "MiscCode", "Description", "ShippingAccess");

    /** Every standard Epicor column the connector names, by fields.json table. */
    public static Map<String, List<String>> byTable() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(T_ORDER_REL, ORDER_REL);
        m.put(T_ORDER_HED, ORDER_HED);
        m.put(T_ORDER_DTL, ORDER_DTL);
        List<String> part = new ArrayList<>(PART_NET);
        part.addAll(PART_GROSS);
        m.put(T_PART, List.copyOf(part));
        m.put(T_SHIP_TO, SHIP_TO);
        m.put(T_CUSTOMER, CUSTOMER);
        m.put(T_SHIP_DTL, union(SHIP_DTL, PACK_LINE));
        m.put(T_SHIP_HEAD, union(SHIP_HEAD, PACK_HEAD, PACK_READY, PACK_WRITTEN));
        m.put(T_CARTON_TRK_DTL, union(PACK_CARTON, PACK_CARTON_WRITTEN));
        return m;
    }

    @SafeVarargs
    private static List<String> union(List<String>... lists) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return List.copyOf(all);
    }
}
