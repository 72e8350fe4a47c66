package com.epicorups.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's memory while a probe runs. Peak heap is measured two ways: the sum of the heap pools' peak usage
 * (what the heap had to hold, garbage included, so it follows the young generation's size) and the largest heap
 * left after any garbage collection (what the work kept alive: the figure that grows if a function holds its
 * whole input). RSS is the kernel's high-water mark (VmHWM).
 */
public final class MemoryMeter implements AutoCloseable {
    /** The figures of one probe. */
    public record Figures(long peakHeapUsedBytes, long peakLiveHeapBytes, int collections, long rssPeakBytes) {
    }

    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicInteger collections = new AtomicInteger();
    private final javax.management.NotificationListener listener;

    private MemoryMeter() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long live = 0;
            for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (isHeapPool(e.getKey())) {
                    live += e.getValue().getUsed();
                }
            }
            collections.incrementAndGet();
            peakLive.accumulateAndGet(live, Math::max);
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
    }

    public static MemoryMeter start() {
        return new MemoryMeter();
    }

    /** Ends the measurement with one full collection, so the live figure also counts what is still held now. */
    public Figures finish() {
        System.gc();
        long peakUsed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage peak = pool.getPeakUsage();
                peakUsed += peak == null ? 0 : peak.getUsed();
            }
        }
        // GC notifications are delivered on another thread: give the last one a moment.
        long until = System.nanoTime() + 200_000_000L;
        while (collections.get() == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        return new Figures(peakUsed, peakLive.get(), collections.get(), rssPeakBytes());
    }

    private static boolean isHeapPool(String name) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    /** VmHWM from /proc/self/status (Linux), in bytes; -1 where there is no /proc. */
    public static long rssPeakBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
