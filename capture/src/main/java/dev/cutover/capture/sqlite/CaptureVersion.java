package dev.cutover.capture.sqlite;

final class CaptureVersion {
    static final String VERSION = "0.1.0";

    private CaptureVersion() {
    }
}
