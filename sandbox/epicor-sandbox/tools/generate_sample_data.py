#!/usr/bin/env python3
"""Generates src/main/resources/epicor-sample-data.json (run from the module directory).

The JSON file is what the sandbox loads; this script only keeps the sample reproducible and its
scenarios readable. Every field name is a real Epicor column (the sandbox rejects anything else).
"""
import json
from decimal import Decimal

CO = "EPIC06"
WAREHOUSES = {  # WarehouseCode -> (Plant, PlantName, description)
    "CHI": ("MfgSys", "Main Plant Chicago", "Chicago Distribution Center"),
    "ATL": ("ATLDC", "Atlanta DC", "Atlanta Distribution Center"),
    "RNO": ("RNODC", "Reno DC", "Reno Distribution Center"),
}
# The warehouses' ship-from addresses: the ones the local run's connector settings use
# (tools/connector-cli/src/main/resources/local-run/connector-settings.json).
WAREHOUSE_ADDRESSES = {  # WarehouseCode -> (Address1, City, State, Zip)
    "CHI": ("2400 S Halsted St", "Chicago", "IL", "60608"),
    "ATL": ("1000 Fulton Industrial Blvd SW", "Atlanta", "GA", "30336"),
    "RNO": ("4800 Longley Ln", "Reno", "NV", "89502"),
}
SHIP_VIA = {  # ShipViaCode -> (Description, SCAC)
    "UPSG": ("UPS Ground", "UPSN"),
    "UP2D": ("UPS 2nd Day Air", "UPSN"),
    "UPSN": ("UPS Next Day Air", "UPSN"),
    "UPSS": ("UPS Worldwide Saver", "UPSN"),
    "UPSX": ("UPS Worldwide Expedited", "UPSN"),
    "FEDX": ("FedEx Ground", "FDEG"),
}
COUNTRIES = {  # CountryNum -> (Description, ISO code)
    1: ("USA", "US"),
    2: ("Canada", "CA"),
    3: ("Mexico", "MX"),
    4: ("Germany", "DE"),
    5: ("United Kingdom", "GB"),
    6: ("Puerto Rico", "PR"),
}
COUNTRY_NUM = {iso: num for num, (_, iso) in COUNTRIES.items()}

warehouses = [{
    "Company": CO, "WarehouseCode": code, "Description": desc, "Name": "Epicor Demo Manufacturing",
    "Address1": WAREHOUSE_ADDRESSES[code][0], "City": WAREHOUSE_ADDRESSES[code][1],
    "State": WAREHOUSE_ADDRESSES[code][2], "Zip": WAREHOUSE_ADDRESSES[code][3], "Country": COUNTRIES[1][0],
    "CountryNum": 1, "CountryNumDescription": COUNTRIES[1][0], "Plant": plant, "PlantName": plant_name,
    "WarehouseType": "Stock",
} for code, (plant, plant_name, desc) in WAREHOUSES.items()]
# Misc Charge Maintenance (Erp.BO.MiscChrgSvc): FRT is the charge a shop bills freight with on packing slips
# (ShippingAccess); HAND is one not allowed on packing slips, so the sandbox can refuse it there.
MISC_CHARGES = {  # MiscCode -> (Description, ShippingAccess)
    "FRT": ("Freight", True),
    "HAND": ("Handling (orders only)", False),
}
misc_charges = [{
    "Company": CO, "MiscCode": code, "Description": desc, "ShippingAccess": access,
} for code, (desc, access) in MISC_CHARGES.items()]
ship_vias = [{
    "Company": CO, "ShipViaCode": code, "Description": desc, "WebDesc": desc, "SCAC": scac, "Inactive": False,
} for code, (desc, scac) in SHIP_VIA.items()]
countries = [{
    "Company": CO, "CountryNum": num, "Description": desc, "ISOCode": iso,
} for num, (desc, iso) in COUNTRIES.items()]

customers = []
shiptos = []


def customer(num, cust_id, name, addr1, addr2, city, state, zip_, country, phone, email, ship_via, currency, ship_to_list):
    customers.append({
        "Company": CO, "CustNum": num, "CustID": cust_id, "Name": name,
        "Address1": addr1, "Address2": addr2, "City": city, "State": state, "Zip": zip_,
        "Country": COUNTRIES[country][0], "CountryNum": country, "PhoneNum": phone, "EMailAddress": email,
        "ShipToNum": "", "ShipViaCode": ship_via, "CurrencyCode": currency,
        "BTName": name, "BTAddress1": addr1, "BTCity": city, "BTState": state, "BTZip": zip_,
        "BTCountryNum": country, "BTCountry": COUNTRIES[country][0], "BTPhoneNum": phone,
        "ChangeDate": "2026-10-01T00:00:00", "ChangeTime": 32400, "ChangedBy": "manager",
    })
    for st in ship_to_list:
        row = {
            "Company": CO, "CustNum": num, "ShipToNum": st["num"], "Name": st.get("name", name),
            "Address1": st["a1"], "Address2": st.get("a2", ""), "Address3": st.get("a3", ""),
            "City": st["city"], "State": st["state"], "ZIP": st["zip"],
            "Country": COUNTRIES[st["country"]][0], "CountryNum": st["country"],
            "CountryISOCode": COUNTRIES[st["country"]][1],
            "PhoneNum": st.get("phone", phone), "EMailAddress": st.get("email", email),
            "ContactName": st.get("contact", ""), "ShipViaCode": st.get("via", ship_via),
            "ResDelivery": st.get("res", False), "DeliveryConf": st.get("conf", 1), "Inactive": False,
            "CustNumName": name, "ChangeDate": "2026-10-01T00:00:00", "ChangeTime": 32460, "ChangedBy": "manager",
        }
        shiptos.append(row)


customer(101, "ACME", "Acme Industrial Supply", "1200 W Fulton Market", "", "Chicago", "IL", "60607", 1,
         "312-555-0101", "receiving@acme-industrial.example", "UPSG", "USD",
         [dict(num="", a1="1200 W Fulton Market", city="Chicago", state="IL", zip="60607", country=1, contact="Dana Ruiz"),
          dict(num="DOCK2", name="Acme Industrial Supply - Schaumburg", a1="1850 E Golf Rd", a2="Dock 2",
               city="Schaumburg", state="IL", zip="60173", country=1, contact="Lee Park")])
customer(102, "BRONXREST", "Bronx Restaurant Equipment Co.", "455 E 149th St", "", "Bronx", "NY", "10455", 1,
         "718-555-0102", "orders@bronxrest.example", "UPSG", "USD",
         [dict(num="", a1="455 E 149th St", city="Bronx", state="NY", zip="10455", country=1, contact="Maria Lopez"),
          dict(num="MANH", name="Bronx Restaurant Equipment - Manhattan Showroom", a1="350 5th Ave", a2="Suite 4100",
               city="New York", state="NY", zip="10118", country=1, contact="Sam Cohen", via="UPSN")])
customer(103, "PACWEST", "Pacific West Distributors", "2100 E 7th St", "", "Los Angeles", "CA", "90021", 1,
         "213-555-0103", "shipping@pacwest.example", "UPSG", "USD",
         [dict(num="LA", a1="2100 E 7th St", city="Los Angeles", state="CA", zip="90021", country=1, contact="Kim Nguyen"),
          dict(num="SF", name="Pacific West Distributors - Bay Area", a1="1 Market St", a2="Spear Tower Floor 36",
               city="San Francisco", state="CA", zip="94105", country=1, contact="Alex Chen", via="UP2D"),
          dict(num="HOME", name="Jordan Blake", a1="742 Evergreen Ter", city="Sacramento", state="CA", zip="95814",
               country=1, contact="Jordan Blake", res=True, conf=2)])
customer(104, "MAPLELEAF", "Maple Leaf Hardware Ltd.", "100 King St W", "", "Toronto", "ON", "M5X 1A9", 2,
         "416-555-0104", "receiving@mapleleafhw.example", "UPSS", "CAD",
         [dict(num="", a1="100 King St W", city="Toronto", state="ON", zip="M5X 1A9", country=2, contact="Chloe Tremblay"),
          dict(num="MTL", name="Maple Leaf Hardware - Montreal", a1="1250 Boul Rene-Levesque O", city="Montreal",
               state="QC", zip="H3B 4W8", country=2, contact="Luc Gagnon")])
customer(105, "BAYERNMB", "Bayerische Maschinenbau GmbH", "Leopoldstrasse 180", "", "Muenchen", "BY", "80804", 4,
         "+49 89 5550105", "wareneingang@bayern-mb.example", "UPSS", "EUR",
         [dict(num="", a1="Leopoldstrasse 180", city="Muenchen", state="BY", zip="80804", country=4, contact="Jonas Weber")])
customer(106, "THAMESENG", "Thames Valley Engineering Ltd", "Unit 4, Suttons Business Park", "", "Reading", "", "RG6 1AZ", 5,
         "+44 118 555 0106", "goods-in@thamesvalley.example", "UPSX", "GBP",
         [dict(num="", a1="Unit 4, Suttons Business Park", city="Reading", state="", zip="RG6 1AZ", country=5,
               contact="Oliver Hughes")])
customer(107, "ACEROSMTY", "Aceros y Herramientas de Monterrey S.A. de C.V.", "Av. Constitucion 2050 Pte", "Col. Centro",
         "Monterrey", "NL", "64000", 3, "+52 81 5550 0107", "compras@acerosmty.example", "UPSS", "MXN",
         [dict(num="", a1="Av. Constitucion 2050 Pte", a2="Col. Centro", city="Monterrey", state="NL", zip="64000",
               country=3, contact="Ana Garza")])
customer(108, "CARIBEMED", "Caribe Medical Supply", "1250 Ave Ponce de Leon", "", "San Juan", "PR", "00907", 6,
         "787-555-0108", "almacen@caribemed.example", "UP2D", "USD",
         [dict(num="", a1="1250 Ave Ponce de Leon", city="San Juan", state="PR", zip="00907", country=6, contact="Luis Rivera")])
customer(109, "NWCOOP", "The Northwestern Consolidated Agricultural Machinery and Implement Cooperative of America, Inc.",
         "4500 N Industrial Pkwy", "", "Spokane", "WA", "99216", 1, "509-555-0109", "ap@nwcoop.example", "UPSG", "USD",
         [dict(num="", a1="4500 N Industrial Pkwy", city="Spokane", state="WA", zip="99216", country=1),
          dict(num="YARD7", name="NW Coop Equipment Yard 7",
               a1="Building 7, Loading Dock C, 4500 North Industrial Parkway", a2="Attn: Receiving Supervisor, Gate 3",
               city="Spokane Valley", state="WA", zip="99216-1234", country=1, contact="Pat Olsen")])
customer(110, "PEACHMED", "Peachtree Medical Devices", "1100 Peachtree St NE", "Suite 200", "Atlanta", "GA", "30309", 1,
         "404-555-0110", "dock@peachmed.example", "UP2D", "USD",
         [dict(num="", a1="1100 Peachtree St NE", a2="Suite 200", city="Atlanta", state="GA", zip="30309", country=1,
               contact="Grace Kim")])
customer(111, "SILVERST", "Silver State Hospitality Group", "345 N Virginia St", "", "Reno", "NV", "89501", 1,
         "775-555-0111", "purchasing@silverstate.example", "UPSG", "USD",
         [dict(num="", a1="345 N Virginia St", city="Reno", state="NV", zip="89501", country=1, contact="Chris Doyle")])

parts = []


def part(num, desc, net, net_uom, gross, gross_uom, price, type_code="P", non_stock=False, services=False,
         drop_ship=False, hts="", origin="", dims=(0, 0, 0), dims_uom=""):
    parts.append({
        "Company": CO, "PartNum": num, "PartDescription": desc, "SearchWord": desc[:8].upper(), "TypeCode": type_code,
        "NonStock": non_stock, "IsServices": services, "DropShip": drop_ship, "IUM": "EA", "SalesUM": "EA",
        "SellingFactor": 1, "UnitPrice": price, "PricePerCode": "E", "NetWeight": net, "NetWeightUOM": net_uom,
        "GrossWeight": gross, "GrossWeightUOM": gross_uom, "PartLength": dims[0], "PartWidth": dims[1],
        "PartHeight": dims[2], "PartLengthWidthHeightUM": dims_uom, "HTS": hts, "ISOrigCountry": origin,
        "ISOrigCountryNum": COUNTRY_NUM.get(origin, 0),
        "InActive": False, "ProdCode": "IND", "ClassID": "FG",
        "CreatedOn": "2025-03-01T00:00:00", "ChangedOn": "2026-09-15T00:00:00",
    })


part("BRKT-100", "Steel mounting bracket, zinc plated", Decimal("2.50"), "LB", Decimal("2.80"), "LB", Decimal("14.75"),
     hts="7326.90.8688", origin="US", dims=(8, 6, 2), dims_uom="IN")
part("PUMP-220", "Centrifugal pump 2 HP, cast iron", Decimal("38.00"), "LB", Decimal("41.50"), "LB", Decimal("689.00"),
     type_code="M", hts="8413.70.2004", origin="US", dims=(18, 12, 12), dims_uom="IN")
part("VALVE-075", "Brass ball valve 3/4 in NPT", Decimal("0.90"), "LB", Decimal("1.00"), "LB", Decimal("22.40"),
     hts="8481.80.1030", origin="US", dims=(4, 3, 3), dims_uom="IN")
part("MOTOR-5HP", "Electric motor 5 HP TEFC 230/460V", Decimal("18.50"), "KG", Decimal("20.00"), "KG", Decimal("845.00"),
     hts="8501.52.4000", origin="DE", dims=(45, 30, 30), dims_uom="CM")
part("GASKET-KIT", "Gasket and seal kit, assorted", Decimal("0"), "LB", Decimal("0"), "", Decimal("36.00"),
     origin="US")
part("SVC-INSTALL", "On-site installation service (per hour)", Decimal("0"), "", Decimal("0"), "", Decimal("125.00"),
     non_stock=True, services=True)
part("CTRL-PLC8", "PLC controller, 8 I/O", Decimal("1.20"), "KG", Decimal("1.45"), "KG", Decimal("412.00"),
     hts="8537.10.9170", origin="DE", dims=(20, 15, 8), dims_uom="CM")
part("HOSE-25FT", "Hydraulic hose assembly, 25 ft", Decimal("6.20"), "LB", Decimal("6.60"), "LB", Decimal("58.90"),
     hts="4009.42.0050", origin="US", dims=(14, 14, 4), dims_uom="IN")
part("FILTER-HEPA", "HEPA filter 24x24x12", Decimal("4.40"), "LB", Decimal("7.00"), "LB", Decimal("96.00"),
     hts="8421.39.8040", origin="US", dims=(24, 24, 12), dims_uom="IN")
part("RACK-PALLET", "Pallet rack upright 12 ft (vendor direct)", Decimal("95.00"), "LB", Decimal("102.00"), "LB",
     Decimal("310.00"), drop_ship=True, origin="US")

PART = {p["PartNum"]: p for p in parts}
CUST = {c["CustNum"]: c for c in customers}
SHIPTO = {(s["CustNum"], s["ShipToNum"]): s for s in shiptos}
CURRENCY_RATE = {"USD": Decimal("1"), "CAD": Decimal("1.38"), "EUR": Decimal("0.92"), "GBP": Decimal("0.79"),
                 "MXN": Decimal("17.10")}

orders, lines, releases, ship_heads, ship_dtls, cartons = [], [], [], [], [], []


def address_list(st):
    parts_ = [st["Name"], st["Address1"], st["Address2"], st["City"], st["State"], st["ZIP"], st["Country"]]
    return "~".join(p for p in parts_ if p)


def order(num, cust, day, wh, lines_spec, po=None, ship_to="", via=None, open_order=True, void=False, held=False,
          ready=True, comment=""):
    c = CUST[cust]
    plant = WAREHOUSES[wh][0]
    via = via or SHIPTO[(cust, ship_to)]["ShipViaCode"]
    currency = c["CurrencyCode"]
    rate = CURRENCY_RATE[currency]
    order_date = f"2026-11-{day:02d}T00:00:00"
    total = Decimal("0")
    for line_no, spec in enumerate(lines_spec, start=1):
        p = PART[spec["part"]]
        rels = spec["rels"]
        qty = sum(Decimal(str(r["qty"])) for r in rels)
        price = p["UnitPrice"]
        doc_price = (price * rate).quantize(Decimal("0.01"))
        line_open = spec.get("open", open_order)
        line_void = spec.get("void", void)
        ext = (price * qty).quantize(Decimal("0.01"))
        total += ext
        lines.append({
            "Company": CO, "OrderNum": num, "OrderLine": line_no, "LineType": "PART", "PartNum": p["PartNum"],
            "LineDesc": p["PartDescription"], "XPartNum": spec.get("xpart", ""), "IUM": "EA", "SalesUM": "EA",
            "OrderQty": qty, "SellingQuantity": qty, "UnitPrice": price, "DocUnitPrice": doc_price,
            "ExtPriceDtl": ext, "DocExtPriceDtl": (doc_price * qty).quantize(Decimal("0.01")),
            "OpenLine": line_open and not line_void, "VoidLine": line_void,
            "RequestDate": f"2026-12-{min(day - 14, 28):02d}T00:00:00" if day > 14 else "2026-12-01T00:00:00",
            "NeedByDate": "2026-12-08T00:00:00", "WarehouseCode": wh, "ProdCode": "IND", "CustNum": cust,
            "PartNumPartDescription": p["PartDescription"], "PartNumIUM": "EA", "PartNumSalesUM": "EA",
            "PartNumSellingFactor": 1, "CurrencyCode": currency,
            "ChangeDate": order_date, "ChangeTime": 36000 + num % 7 * 611 + line_no, "ChangedBy": "manager",
        })
        for rel_no, r in enumerate(rels, start=1):
            rel_ship_to = r.get("ship_to", ship_to)
            st = SHIPTO[(cust, rel_ship_to)]
            rel_wh = r.get("wh", wh)
            rqty = Decimal(str(r["qty"]))
            shipped = Decimal(str(r.get("shipped", 0)))
            rel_open = r.get("open", line_open and not line_void)
            rel_void = r.get("void", line_void)
            rel_via = r.get("via", via)
            row = {
                "Company": CO, "OrderNum": num, "OrderLine": line_no, "OrderRelNum": rel_no, "LineType": "PART",
                "PartNum": p["PartNum"], "IUM": "EA", "SalesUM": "EA", "OurReqQty": rqty, "SellingReqQty": rqty,
                "OurStockQty": rqty, "SellingStockQty": rqty,
                "OurStockShippedQty": shipped, "SellingStockShippedQty": shipped,
                "ReqDate": r.get("req", "2026-11-30T00:00:00"), "NeedByDate": "2026-12-04T00:00:00",
                "OpenRelease": rel_open and not rel_void, "VoidRelease": rel_void, "FirmRelease": True,
                "ReadyToFulfill": r.get("ready", ready), "Make": False, "DropShip": r.get("drop", False),
                "Plant": WAREHOUSES[rel_wh][0], "PlantName": WAREHOUSES[rel_wh][1], "WarehouseCode": rel_wh,
                "WarehouseCodeDescription": WAREHOUSES[rel_wh][2],
                "ShipViaCode": rel_via, "ShipViaCodeDescription": SHIP_VIA[rel_via][0],
                "ShipToNum": rel_ship_to, "ShipToCustNum": cust,
                "ShipToAddressList": address_list(st), "ShipToContactName": st["ContactName"],
                "ShipToContactEMailAddress": st["EMailAddress"],
                "CustomerCustID": c["CustID"], "CustomerName": c["Name"],
                "PartNumPartDescription": p["PartDescription"], "OrderLineLineDesc": p["PartDescription"],
                "OpenOrder": open_order and not void, "VoidOrder": void, "CurrencyCode": currency,
                "RelStatus": "Open" if rel_open and not rel_void else "Closed",
                "ChangeDate": order_date, "ChangeTime": 36100 + num % 7 * 611 + line_no * 10 + rel_no,
                "ChangedBy": "manager",
            }
            if "ots" in r:
                o = r["ots"]
                row.update({
                    "UseOTS": True, "OTSName": o["name"], "OTSAddress1": o["a1"], "OTSAddress2": o.get("a2", ""),
                    "OTSCity": o["city"], "OTSState": o["state"], "OTSZIP": o["zip"], "OTSCountryNum": o["country"],
                    "OTSCntryISOCode": COUNTRIES[o["country"]][1], "OTSCntryDescription": COUNTRIES[o["country"]][0],
                    "OTSContact": o.get("contact", ""), "OTSPhoneNum": o.get("phone", ""),
                    "OTSEMailAddress": o.get("email", ""),
                    "ShipToAddressList": "~".join(x for x in [o["name"], o["a1"], o.get("a2", ""), o["city"], o["state"],
                                                               o["zip"], COUNTRIES[o["country"]][0]] if x),
                    "ShipToContactName": o.get("contact", ""),
                })
            row.update(r.get("ud", {}))
            releases.append(row)
    orders.append({
        "Company": CO, "OrderNum": num, "CustNum": cust, "BTCustNum": cust, "CustomerCustID": c["CustID"],
        "CustomerName": c["Name"], "PONum": po or f"PO-{cust}-{num}", "EntryPerson": "manager",
        "OrderDate": order_date, "RequestDate": "2026-11-30T00:00:00", "NeedByDate": "2026-12-04T00:00:00",
        "OpenOrder": open_order and not void, "VoidOrder": void, "OrderHeld": held, "ReadyToFulfill": ready,
        "OrderStatus": "Open" if open_order and not void else "Closed",
        "ShipToNum": ship_to, "ShipToCustNum": cust, "ShipViaCode": via, "Plant": plant,
        "CurrencyCode": currency, "ExchangeRate": rate, "OrderAmt": total,
        "DocOrderAmt": (total * rate).quantize(Decimal("0.01")), "ShipComment": comment,
        "ShipToAddressList": address_list(SHIPTO[(cust, ship_to)]),
        "ChangeDate": order_date, "ChangeTime": 35900 + num % 7 * 611, "ChangedBy": "manager",
    })


R = lambda qty, **kw: dict(qty=qty, **kw)

# --- eligible, plain -------------------------------------------------------------------------
order(5001, 101, 16, "CHI", [dict(part="BRKT-100", rels=[R(40)]), dict(part="VALVE-075", rels=[R(25)]),
                              dict(part="HOSE-25FT", rels=[R(6)])])  # multi-line
order(5002, 103, 16, "RNO", [dict(part="FILTER-HEPA", rels=[R(10, ship_to="LA"), R(8, ship_to="SF", via="UP2D"),
                                                           R(2, ship_to="HOME")])], ship_to="LA")  # multi-release
order(5003, 102, 17, "CHI", [dict(part="PUMP-220", rels=[R(2)]),
                             dict(part="BRKT-100", open=False, rels=[R(12, shipped=12,
                                  ud={"TrackingNumber_c": "1Z999AA10123456784", "UPSStatus_c": "DELIVERED",
                                      "EstDeliveryDate_c": "2026-11-20T00:00:00", "DeliveredDate_c": "2026-11-20T00:00:00",
                                      "LabelLocation_c": "s3://labels/EPIC06/5003/2/1/1Z999AA10123456784.gif"})])])
order(5004, 101, 17, "CHI", [dict(part="BRKT-100", rels=[R(5)])], void=True)  # void order
order(5005, 110, 17, "ATL", [dict(part="CTRL-PLC8", void=True, rels=[R(3)]),  # void line
                             dict(part="VALVE-075", rels=[R(30)])])
order(5006, 111, 18, "RNO", [dict(part="HOSE-25FT", rels=[R(4, ready=False)])])  # not ready to fulfill
order(5007, 109, 18, "CHI", [dict(part="RACK-PALLET", rels=[R(6, drop=True)]),  # drop-ship
                             dict(part="BRKT-100", rels=[R(24)])], ship_to="YARD7")  # address line > 35 chars
order(5008, 101, 18, "CHI", [dict(part="GASKET-KIT", rels=[R(0), R(10)])], ship_to="DOCK2")  # zero qty release + no weight part
order(5009, 110, 19, "ATL", [dict(part="SVC-INSTALL", rels=[R(8)]),  # service part
                             dict(part="FILTER-HEPA", rels=[R(4)])])
order(5010, 111, 19, "RNO", [dict(part="PUMP-220", rels=[R(1, via="FEDX")])])  # not a UPS ship via
order(5011, 104, 19, "CHI", [dict(part="MOTOR-5HP", rels=[R(2)])])  # Canada, KG part
order(5012, 105, 20, "CHI", [dict(part="CTRL-PLC8", rels=[R(5)]), dict(part="VALVE-075", rels=[R(50)])])  # Germany
order(5013, 106, 20, "ATL", [dict(part="HOSE-25FT", rels=[R(12)])])  # United Kingdom
order(5014, 107, 20, "RNO", [dict(part="BRKT-100", rels=[R(100)]), dict(part="PUMP-220", rels=[R(3)])])  # Mexico
order(5015, 108, 21, "ATL", [dict(part="FILTER-HEPA", rels=[R(6)])])  # Puerto Rico
order(5016, 102, 21, "CHI", [dict(part="VALVE-075", rels=[R(15)])], ship_to="MANH")  # NY, Next Day Air
order(5017, 101, 21, "CHI", [dict(part="BRKT-100", rels=[R(10, ots=dict(
    name="Acme Trade Show Booth 4127", a1="2301 S Lake Shore Dr", a2="McCormick Place North Hall", city="Chicago",
    state="IL", zip="60616", country=1, contact="Dana Ruiz", phone="312-555-0199"))])])  # one-time ship-to (US)
order(5018, 104, 22, "CHI", [dict(part="HOSE-25FT", rels=[R(3, ots=dict(
    name="Chantier Laval", a1="3000 Boul Le Carrefour", city="Laval", state="QC", zip="H7T 2K9", country=2,
    contact="Luc Gagnon", phone="450-555-0118"))])])  # one-time ship-to (Canada)
order(5019, 103, 22, "RNO", [dict(part="PUMP-220", rels=[R(4, shipped=1)])], ship_to="SF")  # partly shipped, still open
order(5020, 109, 22, "CHI", [dict(part="HOSE-25FT", rels=[R(2)])])  # long customer name
order(5021, 110, 23, "ATL", [dict(part="CTRL-PLC8", rels=[R(2)]), dict(part="GASKET-KIT", rels=[R(5)])],
      held=True)  # order held (Epicor: visual flag only)
order(5022, 111, 23, "RNO", [dict(part="FILTER-HEPA", rels=[R(20, wh="CHI"), R(20)])])  # two warehouses on one line
order(5023, 102, 23, "CHI", [dict(part="PUMP-220", rels=[R(1)])], open_order=False)  # closed order (all shipped)
order(5024, 105, 24, "CHI", [dict(part="MOTOR-5HP", rels=[R(1)])], ready=False)  # header + release not ready
order(5025, 103, 24, "RNO", [dict(part="VALVE-075", rels=[R(60)]), dict(part="BRKT-100", rels=[R(60)]),
                             dict(part="HOSE-25FT", rels=[R(10)]), dict(part="FILTER-HEPA", rels=[R(5)])], ship_to="LA")
order(5026, 108, 24, "ATL", [dict(part="VALVE-075", rels=[R(12, void=True), R(12)])])  # void release, open sibling
order(5027, 106, 25, "ATL", [dict(part="CTRL-PLC8", rels=[R(1)]), dict(part="VALVE-075", rels=[R(4)])])
order(5028, 101, 25, "CHI", [dict(part="BRKT-100", rels=[R(8), R(8, req="2026-12-15T00:00:00")])])
order(5029, 107, 26, "RNO", [dict(part="GASKET-KIT", rels=[R(3)])])  # Mexico, weightless part
order(5030, 110, 26, "ATL", [dict(part="PUMP-220", rels=[R(2)]), dict(part="FILTER-HEPA", rels=[R(2)])],
      comment="Deliver to loading dock, call ahead")

# Closed release 5003/2/1 and shipped part of 5019/1/1 have customer shipments (pack slips).
def pack(pack_num, order_num, cust, ship_to, via, ship_date, lines_, tracking, weight, status="Shipped", voided=False):
    ship_heads.append({
        "Company": CO, "PackNum": pack_num, "OrderNum": order_num, "CustNum": cust, "ShipToNum": ship_to,
        "ShipToCustNum": cust, "ShipDate": ship_date, "ShipViaCode": via, "TrackingNumber": tracking,
        "ShipStatus": status, "ReadyToInvoice": not voided, "Voided": voided, "Invoiced": False,
        "Weight": weight, "WeightUOM": "LB", "Plant": "MfgSys", "ShipPerson": "manager",
        "ChangeDate": ship_date, "ChangeTime": 50400, "ChangedBy": "manager", "ChangeDateTime": ship_date,
    })
    for pack_line, (line, rel, part_num, qty) in enumerate(lines_, start=1):
        p = PART[part_num]
        ship_dtls.append({
            "Company": CO, "PackNum": pack_num, "PackLine": pack_line, "OrderNum": order_num, "OrderLine": line,
            "OrderRelNum": rel, "PartNum": part_num, "LineDesc": p["PartDescription"], "CustNum": cust,
            "ShipToNum": ship_to, "OurInventoryShipQty": qty, "SellingInventoryShipQty": qty, "IUM": "EA",
            "SalesUM": "EA", "WarehouseCode": "CHI", "ShipCmpl": True, "ReadyToInvoice": not voided,
            "TotalNetWeight": p["NetWeight"] * qty,
        })
    cartons.append({"Company": CO, "ShipmentType": "Sales", "PackNum": pack_num, "CaseNum": 1,
                    "CaseID": f"{pack_num}-1", "TrackingNumber": tracking, "PkgWeight": weight,
                    "ManifestWtUOM": "LB", "PackStatus": status})


pack(1001, 5003, 102, "", "UPSG", "2026-11-18T00:00:00", [(2, 1, "BRKT-100", Decimal(12))], "1Z999AA10123456784",
     Decimal("33.6"))
pack(1002, 5019, 103, "SF", "UPSG", "2026-11-23T00:00:00", [(1, 1, "PUMP-220", Decimal(1))], "1Z999AA10123456791",
     Decimal("41.5"))
pack(1003, 5023, 102, "", "UPSG", "2026-11-24T00:00:00", [(1, 1, "PUMP-220", Decimal(1))], "", Decimal("41.5"),
     status="Void", voided=True)

# Packs waiting for a label (pack mode, issue 18): built in Customer Shipment Entry and freighted (ShipStatus
# "Freighted", the status a pack has when it is handed to a manifest interface), no tracking number yet. Each takes
# every open release of its order. Cartons: (weight LB, length, width, height IN); none = the pack's Weight only.
def ready_pack(pack_num, order_num, weight, cartons_=(), status="Freighted", ots=False):
    o = next(x for x in orders if x["OrderNum"] == order_num)
    rels = [r for r in releases if r["OrderNum"] == order_num and r["OpenRelease"]]
    cust, ship_to, via, wh = o["CustNum"], rels[0]["ShipToNum"], rels[0]["ShipViaCode"], rels[0]["WarehouseCode"]
    ship_heads.append({
        "Company": CO, "PackNum": pack_num, "OrderNum": order_num, "CustNum": cust, "ShipToNum": ship_to,
        "ShipToCustNum": cust, "ShipDate": "2026-12-01T00:00:00", "ShipViaCode": via, "TrackingNumber": "",
        "ShipStatus": status, "ReadyToInvoice": False, "Voided": False, "Invoiced": False,
        "UseOTS": ots, "OTSOrderNum": order_num if ots else 0,
        "Weight": weight, "WeightUOM": "LB", "PkgSizeUOM": "IN", "Plant": WAREHOUSES[wh][0],
        "ShipPerson": "packer", "EntryPerson": "packer", "CurrencyCode": o.get("CurrencyCode", "USD"),
        "ChangeDate": "2026-12-01T00:00:00", "ChangeTime": 30000 + pack_num, "ChangedBy": "packer",
        "ChangeDateTime": "2026-12-01T00:00:00",
    })
    for pack_line, r in enumerate(rels, start=1):
        p = PART[r["PartNum"]]
        ship_dtls.append({
            "Company": CO, "PackNum": pack_num, "PackLine": pack_line, "OrderNum": order_num,
            "OrderLine": r["OrderLine"], "OrderRelNum": r["OrderRelNum"], "PartNum": r["PartNum"],
            "LineDesc": p["PartDescription"], "CustNum": cust, "ShipToNum": ship_to,
            "OurInventoryShipQty": r["OurReqQty"], "SellingInventoryShipQty": r["OurReqQty"], "IUM": "EA",
            "SalesUM": "EA", "WarehouseCode": r["WarehouseCode"], "ShipCmpl": True, "ReadyToInvoice": False,
            "TotalNetWeight": p["NetWeight"] * r["OurReqQty"],
        })
    for case_num, (w, ln, wd, ht) in enumerate(cartons_, start=1):
        cartons.append({"Company": CO, "ShipmentType": "Sales", "PackNum": pack_num, "CaseNum": case_num,
                        "CaseID": f"{pack_num}-{case_num}", "TrackingNumber": "", "PkgWeight": w,
                        "PkgLength": ln, "PkgWidth": wd, "PkgHeight": ht, "ManifestWtUOM": "LB",
                        "ManifestSizeUOM": "IN", "PackStatus": status})


ready_pack(1004, 5001, Decimal("23.5"))                                     # no cartons
ready_pack(1005, 5025, Decimal("61.0"), [(Decimal("20.5"), 18, 12, 10), (Decimal("22.0"), 18, 12, 10),
                                         (Decimal("18.5"), 16, 12, 8)])     # three cartons
ready_pack(1006, 5017, Decimal("28.0"), [(Decimal("28.0"), 20, 14, 12)], ots=True)  # one-time address
ready_pack(1007, 5012, Decimal("34.0"), [(Decimal("12.0"), 14, 10, 8), (Decimal("22.0"), 20, 14, 12)])  # Germany
ready_pack(1008, 5030, Decimal("45.0"), [(Decimal("45.0"), 24, 18, 14)])    # voided after its label in tests
ready_pack(1009, 5010, Decimal("12.0"))                                     # FEDX: not a UPS pack
ready_pack(1010, 5028, Decimal("8.0"), status="Open")                       # still being packed
ready_pack(1011, 5020, Decimal("320.0"))                                    # no cartons, above 150 LB

# 5023 is closed because its only release shipped (on a pack later voided and re-shipped outside the sample).
for r in releases:
    if r["OrderNum"] == 5023:
        r["OurStockShippedQty"] = r["SellingStockShippedQty"] = r["OurReqQty"]
        r["OpenRelease"] = False
        r["RelStatus"] = "Closed"
for l in lines:
    if l["OrderNum"] == 5023:
        l["OpenLine"] = False

data = {
    "_comment": "Epicor sandbox sample: company EPIC06, warehouses CHI (MfgSys), ATL (ATLDC), RNO (RNODC). "
                "Generated by tools/generate_sample_data.py; scenarios are listed in README.md. UDFields declares "
                "the OrderRel UD columns the sample connector settings write back; without it the tenant has none.",
    "Company": CO,
    "UDFields": {"OrderRel": {"TrackingNumber_c": "string", "UPSStatus_c": "string", "EstDeliveryDate_c": "date",
                              "DeliveredDate_c": "date", "LabelLocation_c": "string"}},
    "BAQs": {
        "ReadyToShip": {
            "from": "OrderRels",
            # The criteria the connector's setup step recommends (docs/configuration.md, "The ReadyToShip BAQ"):
            # what decides readiness; void and closed orders and lines, drop-ship, service items and quantities are
            # the connector's to check and audit.
            "filter": "OpenRelease eq true and VoidRelease eq false and FirmRelease eq true and ReadyToFulfill eq true",
            "columns": ["Company", "OrderNum", "OrderLine", "OrderRelNum", "PartNum", "OurReqQty",
                        "OurStockShippedQty", "WarehouseCode", "Plant", "ShipViaCode", "ShipToNum", "ShipToCustNum",
                        "UseOTS", "ReqDate", "SysRevID"],
        }
    },
    "SalesOrders": orders,
    "OrderDtls": lines,
    "OrderRels": releases,
    "Customers": customers,
    "ShipToes": shiptos,
    "Parts": parts,
    "CustShips": ship_heads,
    "ShipDtls": ship_dtls,
    "CartonTrkDtls": cartons,
    "Warehses": warehouses,
    "ShipVias": ship_vias,
    "Countries": countries,
    "MiscChrgs": misc_charges,
}


class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return float(o) if o != o.to_integral_value() else int(o)
        return super().default(o)


with open("src/main/resources/epicor-sample-data.json", "w") as f:
    json.dump(data, f, indent=1, cls=Enc)
    f.write("\n")
print(len(orders), "orders,", len(lines), "lines,", len(releases), "releases,", len(customers), "customers,",
      len(shiptos), "ship-tos,", len(parts), "parts,", len(warehouses), "warehouses,", len(ship_vias), "ship vias,",
      len(countries), "countries")
