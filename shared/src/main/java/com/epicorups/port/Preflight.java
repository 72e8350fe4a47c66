package com.epicorups.port;

/**
 * Whether the connector may work: the verdict of the tenant checks for the current configuration. A poll enqueues
 * nothing and the creator buys no label while it says no.
 */
public interface Preflight {
    /** The verdict for the current configuration: from the cache while a passed one is fresh, else run now. */
    PreflightVerdict verdict();

    /** No preflight at all (a poller or creator built on its own, in a test): always passed, nothing checked. */
    Preflight NONE = () -> PreflightVerdict.unchecked();
}
