package dev.berth.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * The time checks of SigV4: the request time within the allowed skew of the server's clock, or, for a presigned URL
 * with {@code X-Amz-Expires}, not past its expiry. Failures are {@code SignatureDoesNotMatch} with AWS's
 * "Signature expired" / "Signature not yet current" messages. Stateless.
 */
final class RequestTime {
    private RequestTime() {}

    static void check(SigV4Authorization auth, Instant now, Duration maxSkew) {
        Instant signed = auth.requestTime();
        String skew = maxSkew.toSeconds() % 60 == 0 ? maxSkew.toMinutes() + " min." : maxSkew.toSeconds() + " sec.";
        Instant latest = now.plus(maxSkew);
        if (signed.isAfter(latest)) {
            throw SigV4Exception.mismatch("Signature not yet current: " + auth.amzDate() + " is still later than "
                    + format(latest) + " (" + format(now) + " + " + skew + ")");
        }
        if (auth.expires() != null) {
            Instant expiry = signed.plus(auth.expires());
            if (now.isAfter(expiry)) {
                throw SigV4Exception.mismatch("Signature expired: " + format(expiry) + " is now earlier than "
                        + format(now) + " (" + auth.amzDate() + " + " + auth.expires().toSeconds() + " sec.)");
            }
            return;
        }
        Instant earliest = now.minus(maxSkew);
        if (signed.isBefore(earliest)) {
            throw SigV4Exception.mismatch("Signature expired: " + auth.amzDate() + " is now earlier than "
                    + format(earliest) + " (" + format(now) + " - " + skew + ")");
        }
    }

    private static String format(Instant instant) {
        return SigV4Authorization.AMZ_DATE.format(instant);
    }
}
