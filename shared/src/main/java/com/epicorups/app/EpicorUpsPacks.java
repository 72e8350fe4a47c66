package com.epicorups.app;

import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.pack.EpicorPackLines;
import com.epicorups.epicor.pack.EpicorPackReader;
import com.epicorups.epicor.pack.EpicorPackWriter;
import com.epicorups.epicor.pack.PackWriteBack;
import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.model.PackKey;
import com.epicorups.pipeline.PackShipping;
import com.epicorups.port.CreatedShipment;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.ship.PackPackages;
import com.epicorups.ups.ship.PackShipment;
import com.epicorups.ups.ship.PackagePlanner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Pack mode's Epicor and UPS side for the creator: the pack reads, lines and write-back on the current Epicor client,
 * the shipment, Label Recovery and Void on the current UPS clients (both rebuilt when their secret changes).
 */
final class EpicorUpsPacks implements PackShipping {
    private final Supplier<ConnectorAssembly.EpicorSide> epicor;
    private final Supplier<ConnectorAssembly.UpsSide> ups;
    private final EpicorSettings epicorSettings;
    private final PackPackages packages;

    EpicorUpsPacks(Supplier<ConnectorAssembly.EpicorSide> epicor, Supplier<ConnectorAssembly.UpsSide> ups,
                   EpicorSettings epicorSettings, UpsSettings upsSettings) {
        this.epicor = epicor;
        this.ups = ups;
        this.epicorSettings = epicorSettings;
        this.packages = new PackPackages(PackagePlanner.forLimit(upsSettings.maxPackageWeight()),
                epicorSettings.weightUnit());
    }

    @Override
    public Optional<ReadyPack> reread(PackKey key) {
        return new EpicorPackReader(epicor.get().client(), epicorSettings.packSettings()).ready(key);
    }

    @Override
    public PackShipment shipment(ReadyPack pack) {
        List<PackPackages.PackPackage> planned = packages.plan(pack);
        PackShipment shipment = new PackShipment(pack.key(), new EpicorPackLines(epicor.get().client()).shippable(pack),
                planned, epicorSettings.weightUnit());
        // As for a release (decision 0033): what UPS would refuse is refused before any UPS call, Address Validation too.
        ups.get().clients().shipping().checkPackBeforeAnyCall(shipment);
        return shipment;
    }

    @Override
    public List<PackPackages.PackPackage> packages(ReadyPack pack) {
        return packages.plan(pack);
    }

    @Override
    public CreatedShipment create(PackShipment shipment) {
        return ups.get().clients().shipping().createPack(shipment);
    }

    @Override
    public Map<String, Integer> caseNumbersAtUps(List<String> trackingNumbers) {
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        for (String number : trackingNumbers) {
            ups.get().clients().tracking().packageReferences(number).stream().map(PackShipment::caseNumOf)
                    .filter(java.util.Objects::nonNull).findFirst().ifPresent(c -> cases.put(number, c));
        }
        return cases;
    }

    @Override
    public Optional<CreatedShipment> findAtUps(PackKey key, String warehouseCode) {
        return ups.get().clients().shipping().findPackByReference(key, warehouseCode);
    }

    @Override
    public Map<String, Object> writeBack(PackKey key, PackWriteBack writeBack) {
        return new EpicorPackWriter(epicor.get().client()).write(key, writeBack);
    }

    @Override
    public void voidShipment(String shipmentId, String warehouseCode) {
        ups.get().clients().shipping().voidShipment(shipmentId, warehouseCode);
    }
}
