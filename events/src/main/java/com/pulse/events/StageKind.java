package com.pulse.events;

/** Whether a pipeline stage is still being worked, or closed as won or lost. */
public enum StageKind {
    OPEN, WON, LOST
}
