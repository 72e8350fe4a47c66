package com.epicorups.ups.trackalert;

/** Why a bearer JWT was refused; the message never contains the token or any of its parts. */
public final class JwtRejectedException extends Exception {
    public JwtRejectedException(String detail) {
        super(detail, null, false, false);
    }

    public String detail() {
        return getMessage();
    }
}
