package dev.cutover.capture.document.plan;

/** Small pieces of the plan's wording. */
final class Texts {
    private Texts() {
    }

    /** {@code 1 document}, {@code 2 documents}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
