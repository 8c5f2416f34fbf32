package dev.berth.iam;

/** A statement's {@code Effect}; AWS accepts exactly {@code Allow} and {@code Deny}. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String text;

    Effect(String text) {
        this.text = text;
    }

    /** {@code Allow} or {@code Deny}, as written in policies. */
    public String text() {
        return text;
    }
}
