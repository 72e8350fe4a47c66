package com.epicorups.port;

import java.util.List;

public interface TrackAlertSubscriptions {
    /** Subscribes the numbers, 100 per UPS call; subscriptions last 14 days. */
    SubscriptionResult subscribe(List<String> trackingNumbers);
}
