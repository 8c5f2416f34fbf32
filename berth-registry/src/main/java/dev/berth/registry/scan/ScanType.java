package dev.berth.registry.scan;

/**
 * ECR's registry scan types. Berth runs the same scanner for both; ENHANCED adds CONTINUOUS_SCAN, which reads an
 * image's layers again when the vulnerability database changes instead of only re-matching the kept inventory.
 */
public enum ScanType {
    BASIC, ENHANCED
}
