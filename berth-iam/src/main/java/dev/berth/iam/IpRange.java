package dev.berth.iam;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 CIDR block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}) or single address, as written in
 * {@code IpAddress}/{@code NotIpAddress} conditions. Parsing is purely textual (never a DNS lookup); IPv4-mapped IPv6
 * addresses ({@code ::ffff:192.0.2.1}) are treated as the IPv4 address; an IPv4 address is never inside an IPv6 block
 * or the other way round. Host bits below the prefix are ignored. Immutable and thread-safe.
 */
public final class IpRange {
    private final String text;
    private final byte[] network;
    private final int prefix;

    private IpRange(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code address[/prefix]}; empty when the text is not one. */
    public static Optional<IpRange> parse(String text) {
        int slash = text.indexOf('/');
        Optional<byte[]> address = address(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
            boolean mappedV4 = bits == 32 && text.indexOf(':') >= 0;
            prefix = mappedV4 ? prefix - 96 : prefix;
            if (prefix < 0 || prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(text, address.get(), prefix));
    }

    /** True when {@code ip} (an address, not a block) parses and lies inside this block. */
    public boolean contains(String ip) {
        Optional<byte[]> address = address(ip);
        if (address.isEmpty() || address.get().length != network.length) {
            return false;
        }
        byte[] a = address.get();
        int whole = prefix / 8;
        if (!Arrays.equals(a, 0, whole, network, 0, whole)) {
            return false;
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[whole] & mask) == (network[whole] & mask);
    }

    /** True when {@code text} is an IPv4 or IPv6 address literal. */
    public static boolean isAddress(String text) {
        return address(text).isPresent();
    }

    private static Optional<byte[]> address(String text) {
        if (text.indexOf(':') >= 0) {
            return ipv6(text).map(IpRange::unmapped);
        }
        return ipv4(text);
    }

    private static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(p);
            if (value > 255) {
                return Optional.empty();
            }
            out[i] = (byte) value;
        }
        return Optional.of(out);
    }

    private static Optional<byte[]> ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        Optional<byte[]> front = groups(head, gap < 0);
        Optional<byte[]> back = groups(tail, true);
        if (front.isEmpty() || back.isEmpty()) {
            return Optional.empty();
        }
        int used = front.get().length + back.get().length;
        if (gap < 0 ? used != 16 : used > 14) {
            return Optional.empty();
        }
        byte[] out = new byte[16];
        System.arraycopy(front.get(), 0, out, 0, front.get().length);
        System.arraycopy(back.get(), 0, out, 16 - back.get().length, back.get().length);
        return Optional.of(out);
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 address when {@code mayEndInIpv4}. */
    private static Optional<byte[]> groups(String text, boolean mayEndInIpv4) {
        if (text.isEmpty()) {
            return Optional.of(new byte[0]);
        }
        String[] parts = text.split(":", -1);
        byte[] out = new byte[parts.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (mayEndInIpv4 && i == parts.length - 1 && p.indexOf('.') >= 0) {
                Optional<byte[]> v4 = ipv4(p);
                if (v4.isEmpty()) {
                    return Optional.empty();
                }
                System.arraycopy(v4.get(), 0, out, n, 4);
                n += 4;
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(p, 16);
            out[n++] = (byte) (value >> 8);
            out[n++] = (byte) value;
        }
        return Optional.of(Arrays.copyOf(out, n));
    }

    private static byte[] unmapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if (v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        return v6;
    }

    @Override
    public String toString() {
        return text;
    }
}
