package com.pulse.olap.views;

/** The owner already has another view of that name. */
class ViewNameTaken extends RuntimeException {

    ViewNameTaken(String name) {
        super("You already have a saved view named '" + name + "'.");
    }
}
