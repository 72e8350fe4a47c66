package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.model.Address;
import com.epicorups.model.TrackingStatus;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.CreatedShipment;
import com.epicorups.sandbox.ups.AddressRules;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.sandbox.ups.Status;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.track.TrackingSnapshot;
import com.epicorups.ups.track.UpsTrackingClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Address Validation and the Track API through the real client against the sandbox. */
class AddressAndTrackingSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private static Address us(String line, String city, String state, String zip) {
        return new Address("Test Consignee", null, List.of(line), city, state, zip, "US", null, null, null);
    }

    @Test
    void validAddressComesBackNormalisedWithZipPlus4AndClassification() {
        AddressCheck check = ups.clients().addressValidation().validate(Releases.NEW_YORK);

        assertThat(check.outcome()).isEqualTo(AddressCheck.Outcome.VALIDATED);
        assertThat(check.address().lines()).containsExactly("350 5TH AVE", "SUITE 3300");
        assertThat(check.address().city()).isEqualTo("NEW YORK");
        assertThat(check.address().postalCode()).matches("10118-\\d{4}");
        assertThat(check.address().residential()).as("a suite is commercial").isFalse();
        assertThat(check.address().name()).isEqualTo(Releases.NEW_YORK.name());
    }

    @Test
    void knownAddressCorrectionIsAppliedAndNoted() {
        ups.sandbox().addresses().known("26 Federal Plz", "10278", new AddressRules.Candidate(
                List.of("26 FEDERAL PLZ"), "NEW YORK", "NY", "10278", "0001", "US",
                AddressRules.Classification.COMMERCIAL));

        AddressCheck check = ups.clients().addressValidation().validate(us("26 Federal Plz", "Manhattan", "NY", "10278"));

        assertThat(check.outcome()).isEqualTo(AddressCheck.Outcome.VALIDATED);
        assertThat(check.address().city()).isEqualTo("NEW YORK");
        assertThat(check.address().postalCode()).isEqualTo("10278-0001");
        assertThat(check.note()).contains("corrected").contains("city");
    }

    @Test
    void ambiguousAddressFailsPermanentlyNamingWhatToCheck() {
        assertThatThrownBy(() -> ups.clients().addressValidation().validate(
                us("100 Main St AMBIGUOUS", "Los Angeles", "CA", "90012")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("ADDRESS_AMBIGUOUS");
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.getMessage()).contains("street");
                });
    }

    @Test
    void postalCodeSharedByCitiesIsAmbiguousNamingTheCity() {
        ups.sandbox().addresses().ambiguousPostalCode("94016", List.of("SAN FRANCISCO", "DALY CITY"));

        assertThatThrownBy(() -> ups.clients().addressValidation().validate(
                us("1 Market St", "San Fran", "CA", "94016")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("ADDRESS_AMBIGUOUS");
                    assertThat(e.getMessage()).contains("2 possible addresses").contains("city");
                });
    }

    @Test
    void addressWithoutCandidatesIsRejected() {
        assertThatThrownBy(() -> ups.clients().addressValidation().validate(us("1 Nowhere Rd", "Albany", "NY", "12207")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("ADDRESS_REJECTED");
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                });
    }

    @Test
    void nonUsAddressIsSkippedWithoutCallingUps() {
        int before = ups.sandbox().requests(Operation.ADDRESS_VALIDATION);

        AddressCheck check = ups.clients().addressValidation().validate(Releases.TORONTO);

        assertThat(check.outcome()).isEqualTo(AddressCheck.Outcome.SKIPPED);
        assertThat(check.address()).isEqualTo(Releases.TORONTO);
        assertThat(ups.sandbox().requests(Operation.ADDRESS_VALIDATION)).isEqualTo(before);
    }

    @Test
    void puertoRicoIsValidated() {
        AddressCheck check = ups.clients().addressValidation().validate(Releases.SAN_JUAN);

        assertThat(check.outcome()).isEqualTo(AddressCheck.Outcome.VALIDATED);
        assertThat(check.address().countryCode()).isEqualTo("PR");
    }

    @Test
    void trackingFollowsThePackageThroughEveryStatus() {
        UpsClients clients = ups.clients();
        UpsTrackingClient tracking = clients.tracking();
        CreatedShipment created = clients.shipping().create(List.of(Releases.release("CHI", "UPS GROUND",
                Releases.LOS_ANGELES)));
        String tn = created.trackingNumbers().get(0);

        TrackingSnapshot labelled = tracking.track(tn).orElseThrow();
        assertThat(labelled.status()).isEqualTo(TrackingStatus.LABEL_CREATED);
        assertThat(labelled.estimatedDelivery()).isNotNull();

        assertThat(advanceAndTrack(tracking, tn, Status.PICKED_UP).status()).isEqualTo(TrackingStatus.PICKED_UP);
        assertThat(advanceAndTrack(tracking, tn, Status.IN_TRANSIT).status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        TrackingSnapshot exception = advanceAndTrack(tracking, tn, Status.EXCEPTION);
        assertThat(exception.status()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(exception.estimatedDelivery()).as("rescheduled date wins").isAfter(labelled.estimatedDelivery());
        assertThat(advanceAndTrack(tracking, tn, Status.OUT_FOR_DELIVERY).status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        TrackingSnapshot delivered = advanceAndTrack(tracking, tn, Status.DELIVERED);
        assertThat(delivered.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(delivered.deliveredAt()).isEqualTo(ups.clock().instant());
        assertThat(delivered.eventTime()).isEqualTo(ups.clock().instant());
        assertThat(delivered.toUpdate().trackingNumbers()).containsExactly(tn);
    }

    @Test
    void returnedAndVoidedPackagesAreTerminal() {
        UpsClients clients = ups.clients();
        CreatedShipment returned = clients.shipping().create(List.of(Releases.release("ATL", "UPS GROUND",
                Releases.NEW_YORK)));
        String rtn = returned.trackingNumbers().get(0);
        ups.sandbox().shipments().advance(rtn, Status.PICKED_UP);
        assertThat(advanceAndTrack(clients.tracking(), rtn, Status.RETURNED).status()).isEqualTo(TrackingStatus.RETURNED);

        CreatedShipment voided = clients.shipping().create(List.of(Releases.release("ATL", "UPS GROUND",
                Releases.NEW_YORK)));
        clients.shipping().voidShipment(voided.shipmentId(), "ATL");
        assertThat(clients.tracking().track(voided.trackingNumbers().get(0)).orElseThrow().status())
                .isEqualTo(TrackingStatus.VOIDED);
    }

    @Test
    void unknownNumberIsEmptyNotAnError() {
        assertThat(ups.clients().tracking().track("1ZZZZZZZ9999999999")).isEmpty();
        assertThat(ups.clients().tracking().track("1Z0000000000000000")).isEmpty();
    }

    @Test
    void eventTimesFollowTheSandboxClock() {
        UpsClients clients = ups.clients();
        CreatedShipment created = clients.shipping().create(List.of(Releases.release("RNO", "UPS NDA",
                Releases.LOS_ANGELES)));
        String tn = created.trackingNumbers().get(0);
        TrackingSnapshot picked = advanceAndTrack(clients.tracking(), tn, Status.PICKED_UP);

        assertThat(picked.eventTime()).isEqualTo(ups.clock().instant());
        assertThat(picked.estimatedDelivery())
                .isEqualTo(LocalDate.ofInstant(ups.clock().instant().minus(Duration.ofMinutes(7)), ZoneOffset.UTC).plusDays(1));
    }

    private static TrackingSnapshot advanceAndTrack(UpsTrackingClient tracking, String tn, Status status) {
        ups.clock().advance(Duration.ofMinutes(7));
        ups.sandbox().shipments().advance(tn, status);
        return tracking.track(tn).orElseThrow();
    }
}
