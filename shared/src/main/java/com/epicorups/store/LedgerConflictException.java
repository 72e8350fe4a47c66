package com.epicorups.store;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;

/** A conditional ledger write lost: someone else holds or changed the item. Retry later. */
public class LedgerConflictException extends ConnectorException {
    public LedgerConflictException(String message) {
        super(Reason.LEDGER_CONFLICT, message);
    }
}
