package dev.berth.iam;

/** Text that is not a well-formed ARN; the message quotes the text and names the faulty part. */
public class InvalidArnException extends IllegalArgumentException {
    public InvalidArnException(String text, String problem) {
        super("invalid ARN '" + text + "': " + problem);
    }
}
