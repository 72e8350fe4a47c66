package com.epicorups.sandbox.ups;

/** The UPS operations the sandbox serves; requests are counted per operation. */
public enum Operation {
    TOKEN,
    ADDRESS_VALIDATION,
    SHIP,
    VOID,
    LABEL_RECOVERY,
    TRACK,
    TRACK_BY_REFERENCE,
    QUANTUM_VIEW,
    TRACK_ALERT_SUBSCRIBE,
    RATING
}
