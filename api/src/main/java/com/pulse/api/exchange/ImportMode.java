package com.pulse.api.exchange;

import com.pulse.api.system.InvalidRequestException;

/** {@code all-or-nothing}: one transaction, nothing written when any row fails; {@code valid-rows}: each good row is written. */
enum ImportMode {
    ALL_OR_NOTHING, VALID_ROWS;

    static ImportMode parse(String mode) {
        if (mode == null || mode.equals("all-or-nothing")) {
            return ALL_OR_NOTHING;
        }
        if (mode.equals("valid-rows")) {
            return VALID_ROWS;
        }
        throw new InvalidRequestException("mode", "must be all-or-nothing or valid-rows");
    }
}
