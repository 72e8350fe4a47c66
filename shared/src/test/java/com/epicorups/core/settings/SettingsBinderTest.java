package com.epicorups.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict reader on its own, with a small document declared for the test. */
class SettingsBinderTest {
    enum Colour { RED, GREEN }

    record Inner(Integer size, @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> names) {
        private Inner(SettingsBinder.Components c) {
            this(c.next(), c.next());
        }
    }

    record Doc(@JsonAlias("oldName") String name, @JsonIgnore String derived, Integer count, Long big, Boolean flag,
               Colour colour, Duration pause, Map<String, String> labels, Map<String, Inner> inners,
               @Expected("a JSON array of codes") List<String> codes) {
        private Doc(SettingsBinder.Components c) {
            this(c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next());
        }
    }

    record NoReaderConstructor(String name) {
    }

    private static final Wording STRICT = Wording.of("DOC", path -> "setting '" + path + "'");

    private final List<String> problems = new ArrayList<>();

    private Doc bind(String json, Wording wording) throws Exception {
        return SettingsBinder.bind(Json.mapper().readTree(json), Doc.class, "doc", wording, problems);
    }

    @Test
    void bindsWhatItChecksAndNormalisesTheWrittenForms() throws Exception {
        Doc doc = bind("""
                {"name": "n", "count": 3, "big": 9000000000, "flag": false, "colour": " green ", "pause": "pt5m",
                 "labels": {"any key": "x", "off": null}, "inners": {"A": {"size": 1, "names": "one"}}, "codes": []}
                """, STRICT);

        assertThat(problems).isEmpty();
        assertThat(doc.colour()).isEqualTo(Colour.GREEN);
        assertThat(doc.pause()).isEqualTo(Duration.ofMinutes(5));
        assertThat(doc.big()).isEqualTo(9_000_000_000L);
        assertThat(doc.labels()).containsEntry("any key", "x").containsEntry("off", null);
        assertThat(doc.inners().get("A").names()).as("a single value where the declaration accepts one").containsExactly("one");
    }

    @Test
    void anAliasIsAcceptedAndTheKeysOwnNameWins() throws Exception {
        assertThat(bind("{\"oldName\": \"old\"}", STRICT).name()).isEqualTo("old");
        assertThat(bind("{\"oldName\": \"old\", \"name\": \"new\"}", STRICT).name()).isEqualTo("new");
        assertThat(problems).isEmpty();
    }

    @Test
    void aComponentTheRecordDerivesIsNoKey() throws Exception {
        Doc doc = bind("{\"derived\": \"x\"}", STRICT);

        assertThat(doc.derived()).isNull();
        assertThat(problems).containsExactly("DOC has an unknown key \"doc.derived\": the known keys are \"name\", \"count\", "
                + "\"big\", \"flag\", \"colour\", \"pause\", \"labels\", \"inners\" and \"codes\"");
    }

    @Test
    void everyWrongValueIsNamedAndLeftOutWhileTheRestIsBound() throws Exception {
        Doc doc = bind("""
                {"name": {"first": "n"}, "count": 2.5, "big": "12", "flag": "true", "colour": "BLUE", "pause": "soon",
                 "labels": [], "inners": {"A": null, "B": {"size": 4000000000, "nmes": []}}, "codes": "X"}
                """, STRICT);

        assertThat(problems).containsExactly(
                "setting 'doc.name' must be a string",
                "setting 'doc.count' must be a whole number, was 2.5",
                "setting 'doc.big' must be a whole number, was \"12\"",
                "setting 'doc.flag' must be true or false, was \"true\"",
                "setting 'doc.colour' must be one of [RED, GREEN], was 'BLUE'",
                "setting 'doc.pause' must be seconds or an ISO-8601 duration (PT5M), was \"soon\"",
                "setting 'doc.labels' must be a JSON object",
                "setting 'doc.inners.A' must be a JSON object",
                "setting 'doc.inners.B.size' must be a whole number, was 4000000000",
                "DOC has an unknown key \"doc.inners.B.nmes\": did you mean \"names\"?",
                "setting 'doc.codes' must be a JSON array of codes");
        assertThat(doc.name()).isNull();
        assertThat(doc.inners()).containsOnlyKeys("B");
    }

    @Test
    void aWordingThatAcceptsScalarStringsReadsDigitsAndBooleansWrittenAsText() throws Exception {
        Doc doc = bind("{\"big\": \" 12 \", \"flag\": \"TRUE\", \"pause\": \"90\", \"colour\": \"blue\"}",
                STRICT.acceptingScalarStrings().listingChoices());

        assertThat(doc.big()).isEqualTo(12L);
        assertThat(doc.flag()).isTrue();
        assertThat(doc.pause()).isEqualTo(Duration.ofSeconds(90));
        assertThat(problems).containsExactly("setting 'doc.colour' must be RED or GREEN, was blue");
    }

    @Test
    void missingOrNullMeansEveryComponentAbsent() throws Exception {
        assertThat(SettingsBinder.bind(null, Doc.class, "doc", STRICT, problems)).isEqualTo(
                new Doc(null, null, null, null, null, null, null, null, null, null));
        assertThat(bind("{\"count\": null}", STRICT).count()).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void aRecordWithoutTheReadersConstructorIsADeclarationErrorNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SettingsBinder.bind(null, NoReaderConstructor.class, "x",
                        STRICT, problems))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NoReaderConstructor(SettingsBinder.Components)");
    }

    @Test
    void theNearestKeyIsCloseOrContainedAndNothingFarFetched() {
        List<String> known = List.of("groupReleasesByOrder", "claimLeaseSeconds", "city", "accountNumber");
        assertThat(NearestKey.of("groupReleasesByOrdr", known)).hasValue("groupReleasesByOrder");
        assertThat(NearestKey.of("GROUPRELEASESBYORDER", known)).as("case is ignored").hasValue("groupReleasesByOrder");
        assertThat(NearestKey.of("claimLease", known)).as("contained").hasValue("claimLeaseSeconds");
        assertThat(NearestKey.of("citty", known)).hasValue("city");
        assertThat(NearestKey.of("account", known)).hasValue("accountNumber");
        assertThat(NearestKey.of("zip", known)).isEmpty();
        assertThat(NearestKey.of("phone", known)).isEmpty();
        assertThat(NearestKey.distance("kitten", "sitting")).isEqualTo(3);
    }

}
