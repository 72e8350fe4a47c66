package com.epicorups.ups.trackalert;

/** Why a bearer JWT was refused; the message never contains the token or any of its parts. */
public final class JwtRejectedException extends Exception {
    private final boolean keySetUnavailable;

    public JwtRejectedException(String detail) {
        this(detail, false);
    }

    private JwtRejectedException(String detail, boolean keySetUnavailable) {
        super(detail, null, false, false);
        this.keySetUnavailable = keySetUnavailable;
    }

    /** The token could not be checked at all: the issuer's key set could not be fetched or read. */
    static JwtRejectedException keySetUnavailable(String detail) {
        return new JwtRejectedException(detail, true);
    }

    public String detail() {
        return getMessage();
    }

    /** True when the token was not judged (no key set), rather than judged bad. */
    public boolean keySetUnavailable() {
        return keySetUnavailable;
    }
}
