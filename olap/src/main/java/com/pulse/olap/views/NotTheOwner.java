package com.pulse.olap.views;

/** A view shared with the caller but owned by somebody else: they may read and run it, not change it. */
class NotTheOwner extends RuntimeException {

    NotTheOwner() {
        super("Only the owner of a saved view may change or delete it; save a copy under your own name instead.");
    }
}
