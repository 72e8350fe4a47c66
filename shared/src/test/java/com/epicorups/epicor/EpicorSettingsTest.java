package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.config.ConfigException;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorSettings.WriteBackMapping;
import com.epicorups.model.WeightUnit;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EpicorSettingsTest {
    private static JsonNode json(String s) {
        try {
            return Json.mapper().readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The epicor section of CONNECTOR_SETTINGS (the whole document when it has an "epicor" key). */
    private static EpicorSettings settings(String json) {
        String document = json.replace('\'', '"');
        return ConnectorSettings.parse(document.contains("\"epicor\"") ? document : "{\"epicor\":" + document + "}").epicor();
    }

    /** The epicor section as written, quotes and all (a filter holds OData's single quotes). */
    private static EpicorSettings exact(String epicorSection) {
        return ConnectorSettings.parse("{\"epicor\":" + epicorSection + "}").epicor();
    }

    private static EpicorSecret secret(String json) {
        return EpicorSecret.parse(json(json));
    }

    private static final String SECRET = "{'baseUrl':'https://erp.example.com/EpicorLive/','company':'EPIC06','apiKey':'k',"
            + "'authMode':'token','username':'u','password':'p','plant':'MfgSys'}";

    @Test
    void defaultsWhenNoEpicorSettingsAreGiven() {
        EpicorSecret secret = secret(SECRET);
        assertThat(secret.baseUrl().toString()).isEqualTo("https://erp.example.com/EpicorLive");
        assertThat(secret.odataRoot()).isEqualTo("https://erp.example.com/EpicorLive/api/v2/odata/EPIC06/");
        assertThat(secret.tokenResourceUrl()).isEqualTo("https://erp.example.com/EpicorLive/TokenResource.svc/");
        assertThat(secret.authMode()).isEqualTo(EpicorSecret.AuthMode.TOKEN);
        assertThat(secret.plant()).isEqualTo("MfgSys");
        assertThat(secret.toString()).doesNotContain("'p'").doesNotContain("apiKey").doesNotContain("password");
        EpicorSettings s = settings("{}");
        assertThat(s.pageSize()).isEqualTo(100);
        assertThat(s.eligibilityFilter()).isEqualTo(
                "OpenRelease eq true and VoidRelease eq false and FirmRelease eq true and ReadyToFulfill eq true");
        assertThat(s.source()).isEqualTo(EpicorSettings.Source.BAQ);
        assertThat(s.baqId()).isEqualTo("ReadyToShip");
        assertThat(s.weightSource()).isEqualTo(EpicorSettings.WeightSource.NET);
        assertThat(s.weightUnit()).isEqualTo(WeightUnit.LBS);
        assertThat(s.checkpointMode()).isEqualTo(EpicorSettings.CheckpointMode.SYSREVID);
        assertThat(s.writeBack()).isEqualTo(WriteBackMapping.DEFAULT);
        assertThat(s.sweepEveryHours()).isEqualTo(24);
        assertThat(s.sweepEvery()).isEqualTo(Duration.ofHours(24));
        assertThat(s.writeBack().columnsByFact()).containsExactly(
                java.util.Map.entry("trackingNumber", "TrackingNumber_c"), java.util.Map.entry("status", "UPSStatus_c"),
                java.util.Map.entry("estimatedDelivery", "EstDeliveryDate_c"),
                java.util.Map.entry("deliveredAt", "DeliveredDate_c"), java.util.Map.entry("labelLocation", "LabelLocation_c"));
    }

    @Test
    void packModeIsAThirdSourceWithTheShopsReadyFilter() {
        EpicorSettings defaults = settings("{}");
        assertThat(defaults.source().isPacks()).isFalse();
        assertThat(defaults.packs().readyFilter()).isEqualTo("ShipStatus eq 'FREIGHTED'");
        assertThat(defaults.packs().markShipped()).isFalse();

        EpicorSettings packs = exact("{\"source\":\"PACKS\",\"pageSize\":25,"
                + "\"packs\":{\"readyFilter\":\" ShipStatus eq 'STAGED' \",\"markShipped\":true}}");
        assertThat(packs.source()).isEqualTo(EpicorSettings.Source.PACKS);
        assertThat(packs.source().isPacks()).isTrue();
        assertThat(packs.baqId()).as("no release BAQ is read in pack mode").isNull();
        assertThat(packs.packSettings().eligibilityFilter()).isEqualTo(
                "Voided eq false and ReadyToInvoice eq false and TrackingNumber eq '' and (ShipStatus eq 'STAGED')");
        assertThat(packs.packSettings().pageSize()).isEqualTo(25);
        assertThat(packs.packs().markShipped()).isTrue();
        assertThat(settings("{'source':'ORDER_RELS'}").source()).isEqualTo(EpicorSettings.Source.ORDER_RELS);
    }

    @Test
    void packSettingsAreAsStrictAsTheRest() {
        assertThatThrownBy(() -> settings("{'packs':{'readyFilter':'  '}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("epicor.packs.readyFilter").hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> exact("{\"packs\":{\"readyFilter\":\"(ShipStatus eq 'STAGED'\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unbalanced parentheses");
        assertThatThrownBy(() -> settings("{'packs':{'readyFiltre':'x'}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("epicor.packs.readyFiltre");
        assertThatThrownBy(() -> settings("{'source':'PACK'}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("epicor.source").hasMessageContaining("PACKS");
        assertThat(EpicorSettings.builder().source(EpicorSettings.Source.PACKS)
                .packs(new EpicorSettings.Packs("ShipStatus eq 'STAGED'", null)).build().packs().readyFilter())
                .isEqualTo("ShipStatus eq 'STAGED'");
    }

    @Test
    void theCustomerFreightChargeIsOffByDefaultAndReadStrictly() {
        assertThat(settings("{'source':'PACKS'}").packs().freightCharge()).isNull();
        EpicorSettings on = settings("{'source':'PACKS','packs':{'customerFreight':"
                + "{'miscCode':' FRT ','markupPercent':10,'markupAmount':2.50}}}");
        assertThat(on.packs().freightCharge().miscCode()).isEqualTo("FRT");
        assertThat(on.packs().freightCharge().markupPercent()).isEqualByComparingTo("10");
        assertThat(on.packs().freightCharge().markupAmount()).isEqualByComparingTo("2.50");
        assertThat(settings("{'packs':{'customerFreight':{'miscCode':'FRT'}}}").packs().freightCharge().amount(
                new java.math.BigDecimal("14.03"))).as("no markup").isEqualByComparingTo("14.03");

        assertThatThrownBy(() -> settings("{'packs':{'customerFreight':{'miscCode':'FRT','markupPercentage':10}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("epicor.packs.customerFreight.markupPercentage")
                .hasMessageContaining("markupPercent");
        assertThatThrownBy(() -> settings("{'packs':{'customerFreight':{'miscCode':'FRT','markupPercent':-5}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("epicor.packs.customerFreight.markupPercent").hasMessageContaining("negative");
        assertThatThrownBy(() -> settings("{'packs':{'customerFreight':{'miscCode':'FRT','markupAmount':-1}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("epicor.packs.customerFreight.markupAmount");
        assertThatThrownBy(() -> settings("{'packs':{'customerFreight':{'miscCode':'  ','markupPercent':10}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("epicor.packs.customerFreight.miscCode").hasMessageContaining("required");
        assertThatThrownBy(() -> settings("{'packs':{'customerFreight':{'markupPercent':'ten','miscCode':'FRT'}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("epicor.packs.customerFreight.markupPercent");
        assertThatThrownBy(() -> settings("{'packs':{'customFreight':{'miscCode':'FRT'}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("customerFreight");
    }

    @Test
    void readsEveryEpicorSetting() {
        EpicorSettings s = settings("{'epicor':{'pageSize':250,"
                + "'eligibilityFilter':'OpenRelease eq true','source':'BAQ','baqId':'UPS-READY','weightSource':'gross',"
                + "'weightUnit':'KGS','checkpointMode':'CHANGEDATE','connectTimeoutSeconds':3,'readTimeoutSeconds':90,"
                + "'maxAttempts':4,'keysPerCall':25,'sweepEveryHours':6,"
                + "'writeBack':{'target':'CUST_SHIP','fields':{'status':'UPSStatus_c','labelLocation':null}}},'ups':{}}");
        assertThat(s.pageSize()).isEqualTo(250);
        assertThat(s.eligibilityFilter()).isEqualTo("OpenRelease eq true");
        assertThat(s.source()).isEqualTo(EpicorSettings.Source.BAQ);
        assertThat(s.baqId()).isEqualTo("UPS-READY");
        assertThat(s.weightSource()).isEqualTo(EpicorSettings.WeightSource.GROSS);
        assertThat(s.weightUnit()).isEqualTo(WeightUnit.KGS);
        assertThat(s.checkpointMode()).isEqualTo(EpicorSettings.CheckpointMode.CHANGEDATE);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.maxAttempts()).isEqualTo(4);
        assertThat(s.keysPerCall()).isEqualTo(25);
        assertThat(s.sweepEvery()).isEqualTo(Duration.ofHours(6));
        assertThat(settings("{'sweepEveryHours':0}").sweepEvery())
                .as("0 turns the sweep off").isNull();
        assertThat(s.writeBack().target()).isEqualTo(WriteBackMapping.Target.CUST_SHIP);
        assertThat(s.writeBack().columnsByFact()).containsOnlyKeys("trackingNumber", "status");
        assertThat(s.writeBack().trackingNumber()).isEqualTo("TrackingNumber");
    }

    @Test
    void fieldMappingIsAnAliasOfWriteBackFields() {
        EpicorSettings s = settings("{'fieldMapping':{'status':'TrackStat_c'}}");
        assertThat(s.writeBack().status()).isEqualTo("TrackStat_c");
        assertThat(s.writeBack().trackingNumber()).isEqualTo("TrackingNumber_c");
        assertThat(s.writeBack().target()).isEqualTo(WriteBackMapping.Target.ORDER_REL_UD);
    }

    @Test
    void validationMessagesNameTheSetting() {
        assertThatThrownBy(() -> settings("{'pageSize':0}"))
                .hasMessageContaining("'epicor.pageSize'").hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> settings("{'pageSize':1001}"))
                .hasMessageContaining("'epicor.pageSize'");
        assertThatThrownBy(() -> settings("{'pageSize':'ten'}"))
                .hasMessageContaining("'epicor.pageSize' must be a whole number");
        assertThatThrownBy(() -> settings("{'maxPagesPerCycle':0}"))
                .hasMessageContaining("'epicor.maxPagesPerCycle'");
        assertThatThrownBy(() -> settings("{'sweepEveryHours':-1}"))
                .hasMessageContaining("'epicor.sweepEveryHours' must be between 0 (off) and 720, was -1");
        assertThatThrownBy(() -> settings("{'sweepEveryHours':721}"))
                .hasMessageContaining("'epicor.sweepEveryHours'");
        assertThatThrownBy(() -> settings("{'sweepEveryHours':'daily'}"))
                .hasMessageContaining("'epicor.sweepEveryHours' must be a whole number");
        // No baqId is not a mistake any more: the source defaults to the ReadyToShip BAQ (decision 0025).
        assertThat(settings("{'source':'BAQ'}").baqId()).isEqualTo("ReadyToShip");
        assertThatThrownBy(() -> settings("{'baqId':'Ready To Ship'}"))
                .hasMessageContaining("'epicor.baqId' may contain only letters, digits");
        assertThatThrownBy(() -> settings("{'preflightEveryHours':0}"))
                .hasMessageContaining("'epicor.preflightEveryHours' must be between 1 and 720, was 0");
        assertThatThrownBy(() -> settings("{'weightUnit':'TONS'}"))
                .hasMessageContaining("'epicor.weightUnit' must be one of [LBS, KGS]");
        assertThatThrownBy(() -> settings("{'writeBack':{'fields':{'colour':'X_c'}}}"))
                .hasMessageContaining("'epicor.writeBack.fields.colour' is not a fact");
        assertThatThrownBy(() -> settings("{'writeBack':{'fields':{'status':'bad name'}}}"))
                .hasMessageContaining("'epicor.writeBack.fields.status'");
        assertThatThrownBy(() -> secret(SECRET.replace("'apiKey':'k',", "")))
                .hasMessageContaining("'apiKey' is required");
        assertThatThrownBy(() -> secret(SECRET.replace("https://erp.example.com/EpicorLive/", "erp")))
                .hasMessageContaining("'baseUrl' must be an http(s) URL");
        assertThatThrownBy(() -> secret(SECRET.replace("'token'", "'kerberos'")))
                .hasMessageContaining("'authMode' must be one of [BASIC, TOKEN, OAUTH2]");
        assertThatThrownBy(() -> secret(SECRET.replace("'token'", "'OAUTH2'")))
                .hasMessageContaining("'clientId' is required");
        assertThatThrownBy(() -> secret(SECRET.replace("'u'", "''")))
                .hasMessageContaining("'username' is required");
    }

    @Test
    void oauth2NeedsClientCredentialsAndATokenUrl() {
        EpicorSecret s = secret("{'baseUrl':'https://h/i','company':'C','apiKey':'k',"
                + "'authMode':'OAUTH2','clientId':'id','clientSecret':'sec','tokenUrl':'https://login.epicor.com/connect/token',"
                + "'scope':'epicor_erp'}");
        assertThat(s.tokenUrl().toString()).isEqualTo("https://login.epicor.com/connect/token");
        assertThat(settings("{'oauthClientAuth':'BODY'}").oauthClientAuth()).isEqualTo(EpicorSettings.OAuthClientAuth.BODY);
        assertThat(s.username()).isNull();
    }

    @Test
    void settingsProblemsAreConfigErrorsAndSecretProblemsArePermanentEpicorSettingsFailures() {
        assertThatThrownBy(() -> settings("{'pageSize':0}")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly(
                        "Epicor setting 'epicor.pageSize' must be between 1 and 1000, was 0"));
        assertThatThrownBy(() -> secret(SECRET.replace("'apiKey':'k',", "").replace("'u'", "''")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_SETTINGS_INVALID");
                    assertThat(e.getMessage()).isEqualTo(
                            "Epicor setting 'apiKey' is required; Epicor setting 'username' is required");
                });
    }

    @Test
    void anUnknownKeyInTheSecretIsNamedButNoValueOfTheSecretIs() {
        assertThatThrownBy(() -> secret(SECRET.replace("'password':'p'", "'pasword':'hunter2'")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_SETTINGS_INVALID");
                    assertThat(e.getMessage()).contains("EpicorSecret has an unknown key \"pasword\": did you mean \"password\"?")
                            .contains("Epicor setting 'password' is required").doesNotContain("hunter2");
                });
    }

    @Test
    void aBuilderWritesTheJsonAUserWouldAndItIsCheckedTheSameWay() {
        EpicorSettings built = EpicorSettings.builder().pageSize(250).readTimeout(Duration.ofSeconds(90))
                .backoffBase(Duration.ofMillis(100)).upsShipViaCodes(java.util.Set.of("UPSG")).build();
        assertThat(built).isEqualTo(settings("{'pageSize':250,'readTimeoutSeconds':90,'backoffBaseMillis':100,"
                + "'upsShipViaCodes':['UPSG']}"));
        assertThat(built.toBuilder().maxAttempts(5).build().pageSize()).isEqualTo(250);
        assertThatThrownBy(() -> EpicorSettings.builder().pageSize(0).keysPerCall(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Epicor setting 'epicor.pageSize' must be between 1 and 1000, was 0; "
                        + "Epicor setting 'epicor.keysPerCall' must be between 1 and 200, was 0");
    }
}
