package dev.berth.vulndb;

/** ECR's severity names, lowest first; the order is what gates compare ("at or above HIGH"). */
public enum Severity {
    UNDEFINED, INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL
}
