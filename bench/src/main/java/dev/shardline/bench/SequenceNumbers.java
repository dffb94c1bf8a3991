package dev.shardline.bench;

/** Kinesis sequence numbers are decimal strings of up to 128 digits: compare them without BigInteger garbage. */
final class SequenceNumbers {

    private SequenceNumbers() {}

    static int compare(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        return x.compareTo(y);
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return i == 0 ? s : s.substring(i);
    }
}
