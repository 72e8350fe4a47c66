package com.epicorups.testing.aws;

/** No AWS emulator could be found or started. Tests fail with it; they never skip. */
public final class EmulatorUnavailableException extends RuntimeException {
    public static final String HOW_TO_GET_ONE = "run scripts/test.sh (creates .venv with moto[server]) or "
            + "`python3 -m venv .venv && .venv/bin/pip install 'moto[server]'` in the project root; "
            + "or set AWS_EMULATOR_ENDPOINT to a running emulator";

    public EmulatorUnavailableException(String message) {
        super(message);
    }

    public EmulatorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
