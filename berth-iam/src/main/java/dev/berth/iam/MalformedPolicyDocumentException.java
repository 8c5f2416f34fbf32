package dev.berth.iam;

/**
 * A policy document that is not acceptable IAM policy grammar. The message names the problem and, where there is
 * one, the statement it was found in; it is safe to return to the client as the text of an AWS
 * {@code MalformedPolicyDocument} error (it echoes only parts of the document the client sent).
 */
public class MalformedPolicyDocumentException extends IllegalArgumentException {
    public MalformedPolicyDocumentException(String message) {
        super(message);
    }
}
