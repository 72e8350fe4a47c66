package com.epicorups.sandbox.ups;

import java.time.Instant;

/** One scan in a package's life (what Tracking lists as an activity). */
record PackageEvent(Status status, Instant at, String city, String state, String postalCode, String country) {
}
