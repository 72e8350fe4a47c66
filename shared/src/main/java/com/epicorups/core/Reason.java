package com.epicorups.core;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every reason code the connector itself gives: why something failed, was skipped or was retried. The
 * {@link #code()} is what users see (audit {@code reasonCode}, log {@code reasonCode}, the DLQ's
 * {@code reasonCode} attribute, the local run's report) and never changes; the constant's name is only Java's.
 *
 * <p>A code that comes from outside is data, not a constant here: UPS's own error codes travel in
 * {@code UpsApiException#errors()} and the reason text ({@link #UPS_BUSINESS_ERROR} plus "120100 ..."), Epicor's
 * ErrorType in {@code EpicorException#errorType()}, and codes read back from the audit trail or the ledger
 * (written by an older version, perhaps) stay strings.
 */
public enum Reason {
    // The release as Epicor has it (release mapping and the creator's re-read).
    ORDER_VOID("ORDER_VOID", Kind.NOT_OURS),
    ORDER_CLOSED("ORDER_CLOSED", Kind.NOT_OURS),
    ORDER_CANCELLED("ORDER_CANCELLED", Kind.NOT_OURS),
    LINE_VOID("LINE_VOID", Kind.NOT_OURS),
    LINE_CLOSED("LINE_CLOSED", Kind.NOT_OURS),
    RELEASE_VOID("RELEASE_VOID", Kind.NOT_OURS),
    RELEASE_CLOSED("RELEASE_CLOSED", Kind.NOT_OURS),
    RELEASE_CANCELLED("RELEASE_CANCELLED", Kind.NOT_OURS),
    /** The release, its line or its order no longer exists. */
    RELEASE_GONE("RELEASE_GONE", Kind.NOT_OURS),
    /** No longer matches the eligibility filter (e.g. ReadyToFulfill cleared). */
    NOT_ELIGIBLE("NOT_ELIGIBLE", Kind.NOT_OURS),
    /** OrderRel.DropShip: the supplier ships it. */
    DROP_SHIP("DROP_SHIP", Kind.NOT_OURS),
    /** OrderDtl.LineType CONTRACT (service contract) or Part.IsServices. */
    SERVICE_ITEM("SERVICE_ITEM", Kind.NOT_OURS),
    /** OrderRel.OurReqQty is zero or negative. */
    ZERO_QUANTITY("ZERO_QUANTITY", Kind.NOT_OURS),
    /** OurStockShippedQty + OurJobShippedQty already cover OurReqQty. */
    ALREADY_SHIPPED_IN_EPICOR("ALREADY_SHIPPED_IN_EPICOR", Kind.NOT_OURS),
    /** The effective ShipViaCode (OrderRel, else OrderHed) is not one of the configured UPS ship vias. */
    NOT_UPS_SHIP_VIA("NOT_UPS_SHIP_VIA", Kind.NOT_OURS),
    /** Blank PartNum, or a part number that is not in the Part master (so no weight is known). */
    NO_PART("NO_PART", Kind.NEEDS_FIX),
    /** Part weight missing, zero, or in a UOM that is not a weight unit we know. */
    NO_WEIGHT("NO_WEIGHT", Kind.NEEDS_FIX),
    /** No usable address (missing ship-to/customer, or no street, city or country). */
    NO_SHIP_TO_ADDRESS("NO_SHIP_TO_ADDRESS", Kind.NEEDS_FIX),
    /** ShipTo.Inactive: reactivate the ship-to, or point the release at another one. */
    SHIP_TO_INACTIVE("SHIP_TO_INACTIVE", Kind.NEEDS_FIX),
    /** A re-read that said "not shippable" without saying why. */
    NOT_SHIPPABLE("NOT_SHIPPABLE", Kind.PERMANENT),

    // Epicor calls.
    EPICOR_AUTH("EPICOR_AUTH", Kind.PERMANENT),
    EPICOR_BUSINESS_RULE("EPICOR_BUSINESS_RULE", Kind.PERMANENT),
    EPICOR_NOT_FOUND("EPICOR_NOT_FOUND", Kind.PERMANENT),
    EPICOR_UNAVAILABLE("EPICOR_UNAVAILABLE", Kind.TRANSIENT),
    EPICOR_LICENCE("EPICOR_LICENCE", Kind.TRANSIENT),
    /** Transient while no customer shipment ships the release yet; raised permanent when every one is voided. */
    EPICOR_PACK_NOT_FOUND("EPICOR_PACK_NOT_FOUND", Kind.TRANSIENT),
    EPICOR_SETTINGS_INVALID("EPICOR_SETTINGS_INVALID", Kind.PERMANENT),
    /**
     * The Epicor preflight found something the connector needs missing (a write-back column, the release BAQ or one
     * of its columns, a warehouse or ShipVia code, a permission): nothing is enqueued and no label is bought until a
     * person fixes it and the check passes.
     */
    PREFLIGHT_FAILED("PREFLIGHT_FAILED", Kind.PERMANENT),

    // UPS calls.
    UPS_BUSINESS_ERROR("UPS_BUSINESS_ERROR", Kind.PERMANENT),
    UPS_AUTH("UPS_AUTH", Kind.PERMANENT),
    UPS_BLOCKED_MERCHANT("UPS_BLOCKED_MERCHANT", Kind.PERMANENT),
    /** HTTP 429: UPS throttled the call; it was not processed. */
    UPS_RATE_LIMITED("UPS_RATE_LIMITED", Kind.TRANSIENT, Flag.REFUSED_UNPROCESSED),
    UPS_UNAVAILABLE("UPS_UNAVAILABLE", Kind.TRANSIENT),
    UPS_TIMEOUT("UPS_TIMEOUT", Kind.TRANSIENT),
    UPS_CONNECTION("UPS_CONNECTION", Kind.TRANSIENT),
    UPS_BAD_RESPONSE("UPS_BAD_RESPONSE", Kind.TRANSIENT),
    /** The token endpoint refused the client id/secret or merchant (400/401/403). */
    UPS_TOKEN_REJECTED("UPS_TOKEN_REJECTED", Kind.PERMANENT),
    UPS_TOKEN_THROTTLED("UPS_TOKEN_THROTTLED", Kind.TRANSIENT, Flag.REFUSED_UNPROCESSED),
    /** Our own daily cap on token requests. */
    UPS_TOKEN_BUDGET_EXHAUSTED("UPS_TOKEN_BUDGET_EXHAUSTED", Kind.PERMANENT),
    UPS_TOKEN_UNAVAILABLE("UPS_TOKEN_UNAVAILABLE", Kind.TRANSIENT, Flag.REFUSED_UNPROCESSED),
    /** Another instance holds the token refresh lease and did not deliver in time. */
    UPS_TOKEN_WAIT_TIMEOUT("UPS_TOKEN_WAIT_TIMEOUT", Kind.TRANSIENT, Flag.REFUSED_UNPROCESSED),
    UPS_TOKEN_BAD_RESPONSE("UPS_TOKEN_BAD_RESPONSE", Kind.TRANSIENT, Flag.REFUSED_UNPROCESSED),
    UPS_SETTINGS_INVALID("UPS_SETTINGS_INVALID", Kind.PERMANENT),
    UPS_VOID_FAILED("UPS_VOID_FAILED", Kind.PERMANENT),
    UNKNOWN_WAREHOUSE("UNKNOWN_WAREHOUSE", Kind.PERMANENT),
    SHIP_VIA_NOT_UPS("SHIP_VIA_NOT_UPS", Kind.PERMANENT),
    INVALID_SHIPMENT_ID("INVALID_SHIPMENT_ID", Kind.PERMANENT),
    INVALID_TRACKING_NUMBER("INVALID_TRACKING_NUMBER", Kind.PERMANENT),
    ADDRESS_REJECTED("ADDRESS_REJECTED", Kind.NEEDS_FIX),
    ADDRESS_AMBIGUOUS("ADDRESS_AMBIGUOUS", Kind.NEEDS_FIX),
    MISSING_FIELD("MISSING_FIELD", Kind.NEEDS_FIX),
    INVALID_FIELD("INVALID_FIELD", Kind.NEEDS_FIX),
    FIELD_TOO_LONG("FIELD_TOO_LONG", Kind.NEEDS_FIX),
    /** A country code that is not ISO 3166-1 alpha-2 (UK instead of GB, a name, a number). */
    INVALID_COUNTRY_CODE("INVALID_COUNTRY_CODE", Kind.NEEDS_FIX),
    /** A US, CA, PR or VN address without the StateProvinceCode UPS requires there. */
    MISSING_STATE_PROVINCE("MISSING_STATE_PROVINCE", Kind.NEEDS_FIX),
    /** One unit of the release weighs more than a UPS package may (150 lb / 70 kg, or ups.maxPackageWeight). */
    FREIGHT_NOT_PARCEL("FREIGHT_NOT_PARCEL", Kind.NEEDS_FIX),
    /** The release needs more packages than the 200 a UPS shipment holds. */
    TOO_MANY_PACKAGES("TOO_MANY_PACKAGES", Kind.NEEDS_FIX),
    /**
     * Goods leave the customs territory and the release's part has no HTS / commodity code (Part.HTS, else
     * Part.CommodityCode) and customs.defaultCommodityCode is not set: the commercial invoice cannot name it.
     */
    MISSING_HTS_CODE("MISSING_HTS_CODE", Kind.NEEDS_FIX),
    /**
     * Goods leave the customs territory and the release's part has no country of origin (Part.ISOrigCountryNum
     * naming a Country row with an ISOCode) and customs.defaultOriginCountry is not set.
     */
    MISSING_ORIGIN_COUNTRY("MISSING_ORIGIN_COUNTRY", Kind.NEEDS_FIX),
    /**
     * US export law requires Electronic Export Information (over the value threshold for one HTS number outside
     * Canada, or an ECCN listed as needing a licence) and the order carries no ITN in the configured column.
     */
    EEI_REQUIRED("EEI_REQUIRED", Kind.NEEDS_FIX),
    /**
     * The release's ShipVia maps to no service UPS offers between the warehouse's country and the ship-to's (Ground
     * to Germany, 2nd Day Air to Canada): map the ShipVia per destination class in ups.serviceMap, or change the
     * release's ShipVia. Found before any UPS call; the detail names the ShipVia, the lane and the services that do.
     */
    SERVICE_NOT_ON_LANE("SERVICE_NOT_ON_LANE", Kind.NEEDS_FIX),
    /**
     * A Best Way ShipVia: no service UPS priced on the lane arrives within ups.bestWay's maxTransitDays, or by the
     * release's NeedByDate (byNeedByDate); the detail names the limit and what UPS offered.
     */
    NO_SERVICE_WITHIN_TRANSIT("NO_SERVICE_WITHIN_TRANSIT", Kind.NEEDS_FIX),
    /**
     * A Best Way ShipVia limited by the release's NeedByDate (byNeedByDate, no maxTransitDays to fall back on): the
     * release has no NeedByDate in Epicor. Found before any UPS call.
     */
    NO_NEED_BY_DATE("NO_NEED_BY_DATE", Kind.NEEDS_FIX),
    /**
     * A Best Way ShipVia limited by the release's NeedByDate (byNeedByDate, no maxTransitDays to fall back on): the
     * NeedByDate is before the ship date, so no service can meet it and choosing one is the shop's call. Found before
     * any UPS call.
     */
    NEED_BY_DATE_PASSED("NEED_BY_DATE_PASSED", Kind.NEEDS_FIX),
    GROUPING_DISABLED("GROUPING_DISABLED", Kind.PERMANENT),
    GROUP_MISMATCH("GROUP_MISMATCH", Kind.PERMANENT),
    /** UPS answered a grouped create with a package count we cannot map to the releases. */
    GROUP_PACKAGE_MISMATCH("GROUP_PACKAGE_MISMATCH", Kind.TRANSIENT),
    /** Quantum View is optional: its absence is audited as a skip. */
    QUANTUM_VIEW_NOT_CONFIGURED("QUANTUM_VIEW_NOT_CONFIGURED", Kind.PERMANENT),
    SUBSCRIPTION_REJECTED("SUBSCRIPTION_REJECTED", Kind.PERMANENT),
    /**
     * Label Recovery, asked after an attempt that may have shipped, answered something that does not say "nothing
     * was shipped" (an error code not in ups.labelRecoveryNotFoundCodes, or no label): UPS may hold a shipment, so the
     * release is not shipped again until a person has looked.
     */
    RECOVERY_INCONCLUSIVE("RECOVERY_INCONCLUSIVE", Kind.PERMANENT),

    // The Track Alert webhook.
    WEBHOOK_UNAUTHENTICATED("WEBHOOK_UNAUTHENTICATED", Kind.PERMANENT),
    WEBHOOK_TOO_LARGE("WEBHOOK_TOO_LARGE", Kind.PERMANENT),
    /** The caller's JWT could not be checked: the issuer's key set (JWKS) is unavailable. */
    WEBHOOK_AUTH_UNAVAILABLE("WEBHOOK_AUTH_UNAVAILABLE", Kind.TRANSIENT),
    /** An authenticated call whose body is not a Track Alert event. */
    WEBHOOK_MALFORMED("WEBHOOK_MALFORMED", Kind.PERMANENT),
    WEBHOOK_REJECTED("WEBHOOK_REJECTED", Kind.PERMANENT),
    /** A method other than POST: answered 405, nothing parsed. */
    WEBHOOK_METHOD_NOT_ALLOWED("WEBHOOK_METHOD_NOT_ALLOWED", Kind.PERMANENT),
    WEBHOOK_ERROR("WEBHOOK_ERROR", Kind.TRANSIENT),
    ENQUEUE_FAILED("ENQUEUE_FAILED", Kind.TRANSIENT),

    // AWS, configuration and the pipeline's own machinery.
    /** Transient unless SQS blamed the sender. */
    QUEUE_SEND_FAILED("QUEUE_SEND_FAILED", Kind.TRANSIENT),
    DLQ_UNAVAILABLE("DLQ_UNAVAILABLE", Kind.TRANSIENT),
    SECRET_NOT_FOUND("SECRET_NOT_FOUND", Kind.PERMANENT),
    SECRET_MALFORMED("SECRET_MALFORMED", Kind.PERMANENT),
    SECRET_UNAVAILABLE("SECRET_UNAVAILABLE", Kind.TRANSIENT),
    CONFIG_INVALID("CONFIG_INVALID", Kind.PERMANENT),
    LEDGER_CONFLICT("LEDGER_CONFLICT", Kind.TRANSIENT),
    MALFORMED_MESSAGE("MALFORMED_MESSAGE", Kind.PERMANENT),
    /** Another attempt holds the release's ledger claim. */
    CLAIM_IN_PROGRESS("CLAIM_IN_PROGRESS", Kind.TRANSIENT),
    /**
     * The invocation's time budget (Lambda's remaining time less the failure-path reserve) left no room for the
     * next call or retry: the work stopped before Lambda would have killed it, and fails transiently like any
     * timeout (retried by SQS, dead-lettered with this reason on the last receive). Raised only instead of sending a
     * call, never after one was sent: nothing was created by the call it stopped.
     */
    DEADLINE("DEADLINE", Kind.TRANSIENT, Flag.REFUSED_UNPROCESSED),
    /** A failure nothing classified (a bug, an SDK exception): retried, never lost. */
    UNEXPECTED_ERROR("UNEXPECTED_ERROR", Kind.TRANSIENT),
    INTERRUPTED("INTERRUPTED", Kind.TRANSIENT),
    POLL_FAILED("POLL_FAILED", Kind.TRANSIENT),
    SWEEP_FAILED("SWEEP_FAILED", Kind.TRANSIENT),

    // Outcomes worth a code, not failures.
    ALREADY_SHIPPED("ALREADY_SHIPPED", Kind.OUTCOME),
    ADOPTED_EXISTING("ADOPTED_EXISTING", Kind.OUTCOME),
    NONE_AT_UPS("NONE_AT_UPS", Kind.OUTCOME),
    NO_LABEL("NO_LABEL", Kind.OUTCOME),
    ADDRESS_VALIDATION_NOT_AVAILABLE("ADDRESS_VALIDATION_NOT_AVAILABLE", Kind.OUTCOME),
    /** ups.addressValidation BEST_EFFORT: UPS found no candidate or could not be asked; shipped as Epicor has it. */
    ADDRESS_NOT_VALIDATED("ADDRESS_NOT_VALIDATED", Kind.OUTCOME),
    /** ups.addressValidation OFF: Address Validation is never called. */
    ADDRESS_VALIDATION_OFF("ADDRESS_VALIDATION_OFF", Kind.OUTCOME),
    DUPLICATE_EVENT("DUPLICATE_EVENT", Kind.OUTCOME),
    STALE_EVENT("STALE_EVENT", Kind.OUTCOME),
    NOTHING_TO_WRITE("NOTHING_TO_WRITE", Kind.OUTCOME),
    UNKNOWN_TRACKING_NUMBER("UNKNOWN_TRACKING_NUMBER", Kind.OUTCOME),
    /** Quantum View asked us to wait. */
    RETRY_AFTER("RETRY_AFTER", Kind.OUTCOME),
    /** Another poller moved the change checkpoint first. */
    CHECKPOINT_CONFLICT("CHECKPOINT_CONFLICT", Kind.OUTCOME),
    /** Another poll cycle holds the cycle lease. */
    POLL_IN_PROGRESS("POLL_IN_PROGRESS", Kind.OUTCOME),
    /** Enqueued by the reconciliation sweep, which the changed-since poll had missed. */
    SWEEP_FOUND("SWEEP_FOUND", Kind.OUTCOME),
    /**
     * Pack mode: at the creator's re-read the pack is no longer ready for a label (voided, shipped, tracked by another
     * system, or no longer matching epicor.packs.readyFilter): nothing is bought; a replay re-checks it.
     */
    PACK_NOT_READY("PACK_NOT_READY", Kind.OUTCOME),
    /** Pack mode: the pack was voided in Epicor after its label was bought, and UPS voided the shipment. */
    LABEL_VOIDED("LABEL_VOIDED", Kind.OUTCOME),
    /**
     * Pack mode: a multi-carton shipment adopted through Label Recovery whose packages UPS does not name by carton (no
     * CASE reference at UPS): the cartons get the tracking numbers in Label Recovery's order, which may swap them.
     */
    CARTON_ORDER_UNCONFIRMED("CARTON_ORDER_UNCONFIRMED", Kind.OUTCOME);

    /** What a reason says about the work it stopped. */
    public enum Kind {
        /** Retrying later can succeed without anyone fixing anything (timeouts, 5xx, throttling, conflicts). */
        TRANSIENT,
        /** Retrying is useless until a person fixes the configuration, credentials, account or message. */
        PERMANENT,
        /** The release's data must be fixed (in Epicor, mostly); a replay after the fix ships it. */
        NEEDS_FIX,
        /** Epicor does not (or no longer) want the connector to ship the release: nothing to do, nothing to fix. */
        NOT_OURS,
        /** Not a failure: names an outcome (already shipped, adopted, a duplicate event). */
        OUTCOME
    }

    private enum Flag {
        /**
         * The vendor refused the call before processing it, or it was never sent: HTTP 429, or no UPS token, so
         * the ship POST did not go (the UPS client gets the token before each send, and a second one only after
         * UPS refused the first with a 401). Unlike a timeout or a 5xx this proves no shipment was made.
         */
        REFUSED_UNPROCESSED
    }

    private static final Map<String, Reason> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Reason::code, Function.identity()));

    private final String code;
    private final Kind kind;
    private final Set<Flag> flags;

    Reason(String code, Kind kind, Flag... flags) {
        this.code = code;
        this.kind = kind;
        this.flags = flags.length == 0 ? EnumSet.noneOf(Flag.class) : EnumSet.of(flags[0], flags);
    }

    /** The stable code users see. */
    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a retry can help: only {@link Kind#TRANSIENT} reasons are. */
    public FailureKind failureKind() {
        return kind == Kind.TRANSIENT ? FailureKind.TRANSIENT : FailureKind.PERMANENT;
    }

    /** Epicor no longer wants the release shipped by us (cancelled, closed, voided, gone, shipped in Epicor). */
    public boolean noLongerWanted() {
        return kind == Kind.NOT_OURS;
    }

    /** The release's data needs a fix; it is still wanted, so it fails visibly and ships on a replay. */
    public boolean needsDataFix() {
        return kind == Kind.NEEDS_FIX;
    }

    /** A call that failed for this reason was refused unprocessed: nothing was created. */
    public boolean refusedUnprocessed() {
        return flags.contains(Flag.REFUSED_UNPROCESSED);
    }

    /** The reason a code names, for codes read back from the audit trail or the ledger. */
    public static Optional<Reason> ofCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    @Override
    public String toString() {
        return code;
    }
}
