package dev.berth.metadata;

/** Where a job is in its life: QUEUED and RUNNING are pending; DONE and FAILED are final. */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED;

    public boolean pending() {
        return this == QUEUED || this == RUNNING;
    }
}
