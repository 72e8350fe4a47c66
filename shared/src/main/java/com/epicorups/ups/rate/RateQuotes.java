package com.epicorups.ups.rate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rating Shop answers a container already has, by the exact request (shipper, ship-from, ship-to, packages, invoice
 * total; not the transaction reference) and account, for {@link #TTL}: the same question asked again within minutes
 * gets the same prices from UPS, so a shop's many orders of one part to one customer cost one Rating call, not one
 * each. At most {@link #MAX} requests are kept; a full table starts over.
 */
public final class RateQuotes {
    public static final Duration TTL = Duration.ofMinutes(15);
    static final int MAX = 2_000;

    private record Quote(List<RatedService> rated, Instant at) {
    }

    private final Map<String, Quote> quotes = new ConcurrentHashMap<>();
    private final Clock clock;

    public RateQuotes(Clock clock) {
        this.clock = clock;
    }

    List<RatedService> get(String request) {
        Quote quote = quotes.get(request);
        if (quote == null || quote.at().plus(TTL).isBefore(clock.instant())) {
            return null;
        }
        return quote.rated();
    }

    void put(String request, List<RatedService> rated) {
        if (quotes.size() >= MAX) {
            quotes.clear();
        }
        quotes.put(request, new Quote(List.copyOf(rated), clock.instant()));
    }
}
