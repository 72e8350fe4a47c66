package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static final String SECRET = "{'baseUrl':'https://erp.example.com/EpicorLive/','company':'EPIC06','apiKey':'k',"
            + "'authMode':'token','username':'u','password':'p','plant':'MfgSys'}";

    @Test
    void defaultsWhenNoEpicorSettingsAreGiven() {
        EpicorSettings s = EpicorSettings.fromJson(json(SECRET), null);
        assertThat(s.baseUrl().toString()).isEqualTo("https://erp.example.com/EpicorLive");
        assertThat(s.odataRoot()).isEqualTo("https://erp.example.com/EpicorLive/api/v2/odata/EPIC06/");
        assertThat(s.tokenResourceUrl()).isEqualTo("https://erp.example.com/EpicorLive/TokenResource.svc/");
        assertThat(s.authMode()).isEqualTo(EpicorSettings.AuthMode.TOKEN);
        assertThat(s.plant()).isEqualTo("MfgSys");
        assertThat(s.pageSize()).isEqualTo(100);
        assertThat(s.eligibilityFilter()).isEqualTo(
                "OpenRelease eq true and VoidRelease eq false and FirmRelease eq true and ReadyToFulfill eq true");
        assertThat(s.source()).isEqualTo(EpicorSettings.Source.ORDER_RELS);
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
        assertThat(s.toString()).doesNotContain("'p'").doesNotContain("apiKey");
    }

    @Test
    void readsEveryEpicorSetting() {
        EpicorSettings s = EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'pageSize':250,"
                + "'eligibilityFilter':'OpenRelease eq true','source':'BAQ','baqId':'UPS-READY','weightSource':'gross',"
                + "'weightUnit':'KGS','checkpointMode':'CHANGEDATE','connectTimeoutSeconds':3,'readTimeoutSeconds':90,"
                + "'maxAttempts':4,'keysPerCall':25,'sweepEveryHours':6,"
                + "'writeBack':{'target':'CUST_SHIP','fields':{'status':'UPSStatus_c','labelLocation':null}}},'ups':{}}"));
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
        assertThat(EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'sweepEveryHours':0}}")).sweepEvery())
                .as("0 turns the sweep off").isNull();
        assertThat(s.writeBack().target()).isEqualTo(WriteBackMapping.Target.CUST_SHIP);
        assertThat(s.writeBack().columnsByFact()).containsOnlyKeys("trackingNumber", "status");
        assertThat(s.writeBack().trackingNumber()).isEqualTo("TrackingNumber");
    }

    @Test
    void fieldMappingIsAnAliasOfWriteBackFields() {
        EpicorSettings s = EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'fieldMapping':{'status':'TrackStat_c'}}}"));
        assertThat(s.writeBack().status()).isEqualTo("TrackStat_c");
        assertThat(s.writeBack().trackingNumber()).isEqualTo("TrackingNumber_c");
        assertThat(s.writeBack().target()).isEqualTo(WriteBackMapping.Target.ORDER_REL_UD);
    }

    @Test
    void validationMessagesNameTheSetting() {
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'pageSize':0}}")))
                .hasMessageContaining("'epicor.pageSize'").hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'pageSize':1001}}")))
                .hasMessageContaining("'epicor.pageSize'");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'pageSize':'ten'}}")))
                .hasMessageContaining("'epicor.pageSize' must be a whole number");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'maxPagesPerCycle':0}}")))
                .hasMessageContaining("'epicor.maxPagesPerCycle'");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'sweepEveryHours':-1}}")))
                .hasMessageContaining("'epicor.sweepEveryHours' must be between 0 (off) and 720, was -1");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'sweepEveryHours':721}}")))
                .hasMessageContaining("'epicor.sweepEveryHours'");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'sweepEveryHours':'daily'}}")))
                .hasMessageContaining("'epicor.sweepEveryHours' must be a whole number");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'source':'BAQ'}}")))
                .hasMessageContaining("'epicor.baqId' is required when epicor.source is BAQ");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'weightUnit':'TONS'}}")))
                .hasMessageContaining("'epicor.weightUnit' must be one of [LBS, KGS]");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'writeBack':{'fields':{'colour':'X_c'}}}}")))
                .hasMessageContaining("'epicor.writeBack.fields.colour' is not a fact");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET), json("{'epicor':{'writeBack':{'fields':{'status':'bad name'}}}}")))
                .hasMessageContaining("'epicor.writeBack.fields.status'");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET.replace("'apiKey':'k',", "")), null))
                .hasMessageContaining("'apiKey' is required");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET.replace("https://erp.example.com/EpicorLive/", "erp")), null))
                .hasMessageContaining("'baseUrl' must be an http(s) URL");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET.replace("'token'", "'kerberos'")), null))
                .hasMessageContaining("'authMode' must be one of [BASIC, TOKEN, OAUTH2]");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET.replace("'token'", "'OAUTH2'")), null))
                .hasMessageContaining("'clientId' is required");
        assertThatThrownBy(() -> EpicorSettings.fromJson(json(SECRET.replace("'u'", "''")), null))
                .hasMessageContaining("'username' is required");
    }

    @Test
    void oauth2NeedsClientCredentialsAndATokenUrl() {
        EpicorSettings s = EpicorSettings.fromJson(json("{'baseUrl':'https://h/i','company':'C','apiKey':'k',"
                + "'authMode':'OAUTH2','clientId':'id','clientSecret':'sec','tokenUrl':'https://login.epicor.com/connect/token',"
                + "'scope':'epicor_erp'}"), json("{'epicor':{'oauthClientAuth':'BODY'}}"));
        assertThat(s.tokenUrl().toString()).isEqualTo("https://login.epicor.com/connect/token");
        assertThat(s.oauthClientAuth()).isEqualTo(EpicorSettings.OAuthClientAuth.BODY);
        assertThat(s.username()).isNull();
    }
}
