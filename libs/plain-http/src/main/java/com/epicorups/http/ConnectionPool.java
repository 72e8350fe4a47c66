package com.epicorups.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Idle keep-alive connections per destination ({@code scheme://host:port}), newest first. A connection is handed
 * out only while its keep time has not passed and the server has not closed it meanwhile.
 */
final class ConnectionPool {
    private final int maxIdlePerDestination;
    private final Map<String, ArrayDeque<Http1Connection>> idle = new HashMap<>();

    ConnectionPool(int maxIdlePerDestination) {
        this.maxIdlePerDestination = maxIdlePerDestination;
    }

    /** An open idle connection to {@code destination}, or null. */
    Http1Connection take(String destination) {
        List<Http1Connection> discard = new ArrayList<>();
        Http1Connection found = null;
        try {
            while (found == null) {
                Http1Connection c;
                synchronized (this) {
                    ArrayDeque<Http1Connection> q = idle.get(destination);
                    c = q == null ? null : q.pollFirst();
                    dropExpired(q, System.nanoTime(), discard);
                }
                if (c == null) {
                    return null;
                }
                if (!c.expired(System.nanoTime()) && c.stillOpen()) {
                    found = c;
                } else {
                    discard.add(c);
                }
            }
            return found;
        } finally {
            for (Http1Connection c : discard) {
                c.close();
            }
        }
    }

    void offer(Http1Connection c, long keepNanos) {
        Http1Connection evicted = null;
        synchronized (this) {
            ArrayDeque<Http1Connection> q = idle.get(c.destination);
            if (q == null) {
                q = new ArrayDeque<>();
                idle.put(c.destination, q);
            }
            c.markIdle(System.nanoTime(), keepNanos);
            q.addFirst(c);
            if (q.size() > maxIdlePerDestination) {
                evicted = q.pollLast();
            }
        }
        if (evicted != null) {
            evicted.close();
        }
    }

    /** Closes and forgets every idle connection. */
    void closeAll() {
        List<Http1Connection> all = new ArrayList<>();
        synchronized (this) {
            for (ArrayDeque<Http1Connection> q : idle.values()) {
                all.addAll(q);
            }
            idle.clear();
        }
        for (Http1Connection c : all) {
            c.close();
        }
    }

    synchronized int idleCount(String destination) {
        ArrayDeque<Http1Connection> q = idle.get(destination);
        return q == null ? 0 : q.size();
    }

    private static void dropExpired(ArrayDeque<Http1Connection> q, long now, List<Http1Connection> discard) {
        if (q == null) {
            return;
        }
        for (Iterator<Http1Connection> it = q.iterator(); it.hasNext(); ) {
            Http1Connection c = it.next();
            if (c.expired(now)) {
                it.remove();
                discard.add(c);
            }
        }
    }
}
