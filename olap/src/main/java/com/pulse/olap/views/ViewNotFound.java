package com.pulse.olap.views;

/** No such view, deleted, or not shared with the caller: the same answer for all three, so existence is not told. */
class ViewNotFound extends RuntimeException {

    ViewNotFound() {
        super("No such saved view, or not shared with you.");
    }
}
