package dev.berth.cli.registry;

/** The registry being talked to and where its credentials would come from, for error messages. */
record AuthContext(String registry, String configFile, boolean hadCredentials) {
    String credentialHint() {
        return hadCredentials
                ? "Check the credentials for " + registry + " in " + configFile + ", or log in again: `berth login "
                        + "--registry " + registry + " ...` or `docker login " + registry + "`."
                : "No credentials for " + registry + " in " + configFile + ": log in first with `berth login "
                        + "--registry " + registry + " ...` or `docker login " + registry + "`.";
    }
}
