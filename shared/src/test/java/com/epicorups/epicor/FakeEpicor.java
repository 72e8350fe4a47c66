package com.epicorups.epicor;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A scripted Epicor Kinetic REST v2 server for MockWebServer: entity sets with real row shapes, $filter/
 * $orderby/$top/$skip/$select, keyed GET and PATCH (SysRevID bumped on every write), x-api-key and
 * Basic/Bearer checks, TokenResource.svc, an OAuth2 token endpoint, and Epicor's error body. Tests can
 * queue failures and hook every request (to change data mid-poll).
 */
final class FakeEpicor extends Dispatcher {
    static final String COMPANY = "EPIC06";
    static final String API_KEY = "test-api-key";
    static final String USER = "integration";
    static final String PASSWORD = "s3cret";

    final Map<String, List<ObjectNode>> sets = new ConcurrentHashMap<>();
    final Map<String, List<String>> keyFields = Map.of(
            "SalesOrders", List.of("Company", "OrderNum"),
            "OrderDtls", List.of("Company", "OrderNum", "OrderLine"),
            "OrderRels", List.of("Company", "OrderNum", "OrderLine", "OrderRelNum"),
            "Customers", List.of("Company", "CustNum"),
            "ShipToes", List.of("Company", "CustNum", "ShipToNum"),
            "Parts", List.of("Company", "PartNum"),
            "CustShips", List.of("Company", "PackNum"),
            "ShipDtls", List.of("Company", "PackNum", "PackLine"));
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    final AtomicLong sysRev = new AtomicLong(1000);
    final AtomicInteger tokensIssued = new AtomicInteger();
    final List<Function<RecordedRequest, MockResponse>> interceptors = new CopyOnWriteArrayList<>();
    volatile Consumer<RecordedRequest> onRequest = r -> { };
    volatile String instance = "/EpicorLive";

    // ----------------------------------------------------------------------------------- data builders

    synchronized ObjectNode add(String set, ObjectNode row) {
        row.put("Company", COMPANY);
        row.put("SysRevID", sysRev.incrementAndGet());
        row.put("SysRowID", java.util.UUID.randomUUID().toString());
        row.put("RowMod", "");
        sets.computeIfAbsent(set, k -> new CopyOnWriteArrayList<>()).add(row);
        return row;
    }

    ObjectNode order(int orderNum, int custNum) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("OrderNum", orderNum).put("CustNum", custNum).put("CustomerCustID", "C" + custNum)
                .put("PONum", "PO-" + orderNum).put("OpenOrder", true).put("VoidOrder", false)
                .put("CurrencyCode", "USD").put("ShipViaCode", "UPSG").put("ShipToNum", "").put("ShipToCustNum", custNum)
                .put("UseOTS", false).put("ResDelivery", false);
        return add("SalesOrders", r);
    }

    ObjectNode line(int orderNum, int orderLine, String partNum, String docUnitPrice) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("OrderNum", orderNum).put("OrderLine", orderLine).put("PartNum", partNum).put("LineDesc", "Line " + partNum)
                .put("LineType", "PART").put("OpenLine", true).put("VoidLine", false)
                .put("UnitPrice", new BigDecimal(docUnitPrice)).put("DocUnitPrice", new BigDecimal(docUnitPrice))
                .put("PricePerCode", "E").put("IUM", "EA").put("SalesUM", "EA");
        return add("OrderDtls", r);
    }

    ObjectNode release(int orderNum, int orderLine, int relNum, String partNum, String qty, int shipToCustNum,
                       String shipToNum) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("OrderNum", orderNum).put("OrderLine", orderLine).put("OrderRelNum", relNum).put("PartNum", partNum)
                .put("OurReqQty", new BigDecimal(qty)).put("SellingReqQty", new BigDecimal(qty))
                .put("OurStockShippedQty", 0).put("OurJobShippedQty", 0)
                .put("SellingStockShippedQty", 0).put("SellingJobShippedQty", 0)
                .put("IUM", "EA").put("SalesUM", "EA")
                .put("OpenRelease", true).put("VoidRelease", false).put("FirmRelease", true).put("ReadyToFulfill", true)
                .put("DropShip", false).put("Plant", "MfgSys").put("WarehouseCode", "MAIN").put("ShipViaCode", "UPSG")
                .put("ShipToNum", shipToNum).put("ShipToCustNum", shipToCustNum).put("UseOTS", false)
                .put("ResDelivery", false).put("ChangeDate", "2026-11-27T00:00:00").put("ChangeTime", 3600);
        return add("OrderRels", r);
    }

    ObjectNode part(String partNum, String netWeight, String uom) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("PartNum", partNum).put("PartDescription", "Desc " + partNum).put("IsServices", false).put("IUM", "EA")
                .put("NetWeight", new BigDecimal(netWeight)).put("NetWeightUOM", uom)
                .put("GrossWeight", new BigDecimal(netWeight).add(BigDecimal.ONE)).put("GrossWeightUOM", uom)
                .put("TypeCode", "P").put("NonStock", false);
        return add("Parts", r);
    }

    ObjectNode customer(int custNum) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("CustNum", custNum).put("CustID", "C" + custNum).put("Name", "Customer " + custNum)
                .put("Address1", "1 Main St").put("Address2", "").put("Address3", "").put("City", "Minneapolis")
                .put("State", "MN").put("Zip", "55401").put("Country", "USA").put("CountryISOCode", "US")
                .put("PhoneNum", "612-555-0100").put("EMailAddress", "ap@example.com").put("ResDelivery", false);
        return add("Customers", r);
    }

    ObjectNode shipTo(int custNum, String shipToNum) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("CustNum", custNum).put("ShipToNum", shipToNum).put("Name", "Dock " + shipToNum)
                .put("Address1", "200 Warehouse Rd").put("Address2", "Bay 4").put("Address3", "").put("City", "Saint Paul")
                .put("State", "MN").put("ZIP", "55102").put("Country", "USA").put("CountryISOCode", "US")
                .put("PhoneNum", "651-555-0199").put("EMailAddress", "dock@example.com").put("ContactName", "Receiving")
                .put("ResDelivery", true).put("Inactive", false);
        return add("ShipToes", r);
    }

    /** One order with one line and one release of a 2.5 LB part to a ShipTo. */
    ObjectNode simpleRelease(int orderNum, int custNum) {
        order(orderNum, custNum);
        line(orderNum, 1, "P-" + orderNum, "10.00");
        if (find("Parts", r -> r.path("PartNum").asText().equals("P-" + orderNum)) == null) {
            part("P-" + orderNum, "2.5", "LB");
        }
        if (find("ShipToes", r -> r.path("CustNum").asInt() == custNum) == null) {
            shipTo(custNum, "DOCK");
        }
        return release(orderNum, 1, 1, "P-" + orderNum, "4", custNum, "DOCK");
    }

    ObjectNode find(String set, Predicate<JsonNode> p) {
        return sets.getOrDefault(set, List.of()).stream().filter(p).findFirst().orElse(null);
    }

    /** Edits a row like Epicor does: the change and a new SysRevID. */
    synchronized void touch(ObjectNode row, Consumer<ObjectNode> change) {
        change.accept(row);
        row.put("SysRevID", sysRev.incrementAndGet());
    }

    List<RecordedRequest> requestsTo(String pathPart) {
        return requests.stream().filter(r -> r.getPath().contains(pathPart)).toList();
    }

    String root() {
        return instance + "/api/v2/odata/" + COMPANY + "/";
    }

    // ----------------------------------------------------------------------------------- dispatch

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        onRequest.accept(request);
        for (Function<RecordedRequest, MockResponse> i : interceptors) {
            MockResponse r = i.apply(request);
            if (r != null) {
                return r;
            }
        }
        HttpUrl url = request.getRequestUrl();
        String path = url.encodedPath();
        if (path.equals(instance + "/TokenResource.svc/")) {
            return token(request);
        }
        if (path.equals("/oauth/token")) {
            return oauth(request);
        }
        if (!path.startsWith(instance + "/api/v2/odata/")) {
            return new MockResponse().setResponseCode(404).setHeader("Content-Type", "text/html")
                    .setBody("<html><body>404 - File or directory not found.</body></html>");
        }
        if (!API_KEY.equals(request.getHeader("x-api-key"))) {
            return error(401, "Unauthorized", "Invalid or missing API Key", "Ice.Common.ApiKeyException");
        }
        String auth = request.getHeader("Authorization");
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        boolean ok = basic.equals(auth) || (auth != null && auth.startsWith("Bearer ") && validTokens.contains(auth.substring(7)));
        if (!ok) {
            return error(401, "Unauthorized", "Authentication failed: invalid user name or password, or expired token",
                    "Ice.Common.AuthenticationException");
        }
        String rest = path.substring((instance + "/api/v2/odata/").length());
        String company = rest.substring(0, rest.indexOf('/'));
        if (!company.equals(COMPANY)) {
            return error(400, "Bad Request", "Company '" + company + "' is not valid for the current user", "Ice.BLException");
        }
        rest = decode(rest.substring(company.length() + 1));
        try {
            return route(request, rest, url);
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request", "The query specified in the URI is not valid. " + e.getMessage(),
                    "Ice.Common.ODataException");
        }
    }

    private MockResponse route(RecordedRequest request, String rest, HttpUrl url) {
        String set;
        String keys = null;
        if (rest.startsWith("BaqSvc/")) {
            set = "BAQ:" + rest.split("/")[1];
        } else {
            String entity = rest.substring(rest.indexOf('/') + 1);
            int paren = entity.indexOf('(');
            set = paren < 0 ? entity : entity.substring(0, paren);
            keys = paren < 0 ? null : entity.substring(paren + 1, entity.length() - 1);
        }
        List<ObjectNode> rows = sets.getOrDefault(set, List.of());
        if (keys != null) {
            List<Object> keyValues = parseKeys(keys);
            List<String> names = keyFields.get(set);
            ObjectNode row = rows.stream().filter(r -> matches(r, names, keyValues)).findFirst().orElse(null);
            if (row == null) {
                return error(404, "Not Found", "Record not found.", "Ice.Common.RecordNotFoundException");
            }
            if ("PATCH".equals(request.getMethod())) {
                JsonNode body = readJson(request.getBody().clone().readUtf8());
                synchronized (this) {
                    body.fields().forEachRemaining(e -> row.set(e.getKey(), e.getValue()));
                    row.put("SysRevID", sysRev.incrementAndGet());
                }
                return new MockResponse().setResponseCode(204);
            }
            return json(select(row, url.queryParameter("$select")).toString());
        }
        Predicate<JsonNode> filter = ODataFilter.parse(url.queryParameter("$filter"));
        List<ObjectNode> result;
        synchronized (this) {
            result = new ArrayList<>(rows.stream().filter(filter).map(ObjectNode::deepCopy).toList());
        }
        String orderBy = url.queryParameter("$orderby");
        if (orderBy != null) {
            Comparator<JsonNode> cmp = null;
            for (String part : orderBy.split(",")) {
                String[] p = part.trim().split(" ");
                String f = p[0];
                Comparator<JsonNode> c = Comparator.comparing((JsonNode r) -> r.get(f),
                        Comparator.nullsFirst((a, b) -> a.isNumber() ? a.decimalValue().compareTo(b.decimalValue())
                                : a.asText().compareTo(b.asText())));
                if (p.length > 1 && p[1].equals("desc")) {
                    c = c.reversed();
                }
                cmp = cmp == null ? c : cmp.thenComparing(c);
            }
            result.sort(cmp);
        }
        int skip = url.queryParameter("$skip") == null ? 0 : Integer.parseInt(url.queryParameter("$skip"));
        // Epicor caps a set at 100 rows when $top is absent.
        int top = url.queryParameter("$top") == null ? 100 : Integer.parseInt(url.queryParameter("$top"));
        ArrayNode value = Json.mapper().createArrayNode();
        result.stream().skip(skip).limit(top).forEach(r -> value.add(select(r, url.queryParameter("$select"))));
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("@odata.context", "https://fake" + root() + "$metadata#" + set);
        envelope.set("value", value);
        return json(envelope.toString());
    }

    private MockResponse token(RecordedRequest request) {
        if (!USER.equals(request.getHeader("username")) || !PASSWORD.equals(request.getHeader("password"))) {
            return error(401, "Unauthorized", "Incorrect user name or password", "Ice.Common.AuthenticationException");
        }
        if (!"application/json".equals(request.getHeader("Accept"))) {
            return new MockResponse().setBody("<Token><AccessToken>xml</AccessToken></Token>");
        }
        String t = "tok-" + tokensIssued.incrementAndGet();
        validTokens.add(t);
        return json("{\"AccessToken\":\"" + t + "\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\"}");
    }

    private MockResponse oauth(RecordedRequest request) {
        String t = "oauth-" + tokensIssued.incrementAndGet();
        validTokens.add(t);
        return json("{\"access_token\":\"" + t + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
    }

    static MockResponse error(int status, String reason, String message, String type) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("HttpStatus", status).put("ReasonPhrase", "REST API Exception").put("ErrorMessage", message)
                .put("ErrorType", type);
        ArrayNode details = e.putArray("ErrorDetails");
        details.addObject().put("Message", message).put("Type", "Error");
        e.put("CorrelationId", "c0ffee");
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json; charset=utf-8")
                .setBody(e.toString());
    }

    static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
    }

    private static JsonNode select(ObjectNode row, String select) {
        if (select == null) {
            return row;
        }
        ObjectNode out = Json.mapper().createObjectNode();
        for (String f : select.split(",")) {
            if (row.has(f)) {
                out.set(f, row.get(f));
            }
        }
        return out;
    }

    private static boolean matches(JsonNode row, List<String> names, List<Object> values) {
        for (int i = 0; i < names.size(); i++) {
            Object v = values.get(i);
            JsonNode cell = row.get(names.get(i));
            if (cell == null) {
                return false;
            }
            boolean eq = v instanceof BigDecimal n ? cell.decimalValue().compareTo(n) == 0 : cell.asText().equals(v);
            if (!eq) {
                return false;
            }
        }
        return true;
    }

    static List<Object> parseKeys(String keys) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < keys.length()) {
            if (keys.charAt(i) == '\'') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (keys.charAt(j) == '\'') {
                        if (j + 1 < keys.length() && keys.charAt(j + 1) == '\'') {
                            sb.append('\'');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(keys.charAt(j++));
                }
                out.add(sb.toString());
                i = j + 1;
            } else {
                int j = keys.indexOf(',', i);
                if (j < 0) {
                    j = keys.length();
                }
                out.add(new BigDecimal(keys.substring(i, j).trim()));
                i = j;
            }
            if (i < keys.length() && keys.charAt(i) == ',') {
                i++;
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static JsonNode readJson(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
