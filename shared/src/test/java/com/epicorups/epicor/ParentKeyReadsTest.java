package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Child sets read by their parent's key, the wanted rows picked from the answer (decision 0025). */
class ParentKeyReadsTest extends EpicorTestSupport {
    private static final List<String> SELECT = List.of("Company", "OrderNum", "OrderLine", "PartNum");

    private void lines(int orderNum, int count) {
        for (int line = 1; line <= count; line++) {
            ObjectNode row = Json.mapper().createObjectNode();
            row.put("OrderNum", orderNum).put("OrderLine", line).put("PartNum", "P-" + line);
            fake.add("OrderDtls", row);
        }
    }

    private Map<List<Integer>, JsonNode> read(ParentKeyReads reads, List<List<Integer>> wanted) {
        return reads.read(ParentKeyReads.ORDER_DTLS, wanted, k -> k.get(0),
                r -> List.of(r.path("OrderNum").asInt(), r.path("OrderLine").asInt()), k -> List.of(k.get(0), k.get(1)),
                k -> true, SELECT, FakeEpicor.COMPANY);
    }

    @Test
    void theChildSetIsFilteredOnItsParentsKeyOnlyAndTheWantedRowsArePickedFromTheAnswer() {
        lines(5001, 3);
        lines(5002, 2);
        lines(5003, 4);
        ParentKeyReads reads = new ParentKeyReads(client(settings()), 40);

        Map<List<Integer>, JsonNode> found = read(reads, List.of(List.of(5001, 2), List.of(5002, 1)));

        assertThat(found).containsOnlyKeys(List.of(5001, 2), List.of(5002, 1));
        assertThat(found.get(List.of(5001, 2)).path("PartNum").asText()).isEqualTo("P-2");
        assertThat(fake.requests).singleElement().satisfies(r -> {
            assertThat(r.getRequestUrl().queryParameter("$filter")).isEqualTo("OrderNum eq 5001 or OrderNum eq 5002");
            assertThat(r.getRequestUrl().queryParameter("$orderby")).isEqualTo("OrderNum,OrderLine");
            assertThat(r.getRequestUrl().queryParameter("$top")).isEqualTo(String.valueOf(ParentKeyReads.PAGE));
        });
    }

    @Test
    void aWantedRowMissingFromAnAnswerOfOnePageIsMissingWithoutAnotherCall() {
        lines(5001, 3);
        ParentKeyReads reads = new ParentKeyReads(client(settings()), 40);

        assertThat(read(reads, List.of(List.of(5001, 9), List.of(7777, 1)))).isEmpty();
        assertThat(fake.requests).hasSize(1);
    }

    @Test
    void parentsAreChunked() {
        for (int order = 6000; order < 6005; order++) {
            lines(order, 1);
        }
        ParentKeyReads reads = new ParentKeyReads(client(settings()), 2);

        assertThat(read(reads, List.of(List.of(6000, 1), List.of(6001, 1), List.of(6002, 1), List.of(6003, 1),
                List.of(6004, 1)))).hasSize(5);
        assertThat(fake.requests).hasSize(3);
    }

    @Test
    void anAnswerOfSeveralPagesIsPagedAndAWantedRowItLostIsReadByKey() {
        int count = ParentKeyReads.PAGE * 2 + 1;
        lines(5001, count);
        // Line 1 is deleted between the first page and the second: every row behind it moves up one place, so the
        // second page starts one row later and the first row it should have held, line PAGE + 1, is in neither.
        fake.onRequest = r -> {
            if ("500".equals(r.getRequestUrl().queryParameter("$skip"))) {
                fake.sets.get("OrderDtls").removeIf(row -> row.path("OrderLine").asInt() == 1);
            }
        };
        ParentKeyReads reads = new ParentKeyReads(client(settings()), 40);
        int lost = ParentKeyReads.PAGE + 1;

        Map<List<Integer>, JsonNode> found = read(reads, List.of(List.of(5001, lost), List.of(5001, count),
                List.of(5001, count + 5)));

        assertThat(found).containsOnlyKeys(List.of(5001, lost), List.of(5001, count));
        List<RecordedRequest> pages = fake.requests.stream().filter(r -> r.getRequestUrl().queryParameter("$filter") != null)
                .toList();
        assertThat(pages).extracting(r -> r.getRequestUrl().queryParameter("$skip")).containsExactly(null, "500", "1000");
        List<String> keyed = fake.requests.stream().filter(r -> r.getRequestUrl().queryParameter("$filter") == null)
                .map(RecordedRequest::getPath).map(p -> p.substring(p.indexOf("OrderDtls"), p.indexOf(')') + 1)).toList();
        assertThat(keyed).as("only the wanted rows an answer of several pages lacked are read by key")
                .containsExactly("OrderDtls('EPIC06'," + "5001," + lost + ")", "OrderDtls('EPIC06',5001," + (count + 5) + ")");
    }
}
