package dev.cutover.capture.document.plan;

/** Sorts the first {@code n} pairs of a {@code long[]} laid out as {@code hi0, lo0, hi1, lo1, ...}, in place. */
final class PairSort {
    private static final int INSERTION = 16;

    private PairSort() {
    }

    static int compare(long hi1, long lo1, long hi2, long lo2) {
        int order = Long.compare(hi1, hi2);
        return order != 0 ? order : Long.compare(lo1, lo2);
    }

    static void sort(long[] pairs, int n) {
        sort(pairs, 0, n - 1);
    }

    /**
     * Quicksort with Hoare's partitioning around the median of three, which stops on keys equal to the pivot: sorted,
     * reversed and all-equal input split evenly. Recurses into the smaller part only (stack depth O(log n)).
     */
    private static void sort(long[] a, int low, int high) {
        while (high - low > INSERTION) {
            swap(a, low, median(a, low, (low + high) >>> 1, high));
            long pivotHi = a[2 * low];
            long pivotLo = a[2 * low + 1];
            int i = low - 1;
            int j = high + 1;
            while (true) {
                do {
                    i++;
                } while (compare(a[2 * i], a[2 * i + 1], pivotHi, pivotLo) < 0);
                do {
                    j--;
                } while (compare(a[2 * j], a[2 * j + 1], pivotHi, pivotLo) > 0);
                if (i >= j) {
                    break;
                }
                swap(a, i, j);
            }
            if (j - low < high - j) {
                sort(a, low, j);
                low = j + 1;
            } else {
                sort(a, j + 1, high);
                high = j;
            }
        }
        insertion(a, low, high);
    }

    private static int median(long[] a, int i, int j, int k) {
        if (less(a, i, j)) {
            return less(a, j, k) ? j : less(a, i, k) ? k : i;
        }
        return less(a, i, k) ? i : less(a, j, k) ? k : j;
    }

    private static void insertion(long[] a, int low, int high) {
        for (int i = low + 1; i <= high; i++) {
            for (int j = i; j > low && less(a, j, j - 1); j--) {
                swap(a, j, j - 1);
            }
        }
    }

    private static boolean less(long[] a, int i, int j) {
        return compare(a[2 * i], a[2 * i + 1], a[2 * j], a[2 * j + 1]) < 0;
    }

    private static void swap(long[] a, int i, int j) {
        long hi = a[2 * i];
        long lo = a[2 * i + 1];
        a[2 * i] = a[2 * j];
        a[2 * i + 1] = a[2 * j + 1];
        a[2 * j] = hi;
        a[2 * j + 1] = lo;
    }
}
