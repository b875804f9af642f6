package dev.cutover.schemas.source;

/** What a command is about to do with a source, which decides what {@link Source#check} requires. */
public enum Access {
    /** Read it: plan, a one-shot copy, validate, export. */
    READ,
    /** Capture its live changes while the application writes (may need to write capture's own objects into it). */
    LIVE
}
