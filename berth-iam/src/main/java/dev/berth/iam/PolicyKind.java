package dev.berth.iam;

/**
 * Where a policy is attached, which decides the grammar it must follow (IAM refuses the others):
 *
 * <ul>
 *   <li>{@link #IDENTITY}: attached to a user or role (inline or managed). No {@code Principal}/{@code NotPrincipal};
 *       {@code Resource} or {@code NotResource} required; Sids unique.
 *   <li>{@link #TRUST}: a role's assume-role policy. {@code Principal} or {@code NotPrincipal} required; no
 *       {@code Resource}/{@code NotResource}; actions must be {@code sts:} actions; Sids unique.
 *   <li>{@link #RESOURCE}: an ECR repository or registry policy. {@code Principal} or {@code NotPrincipal} required;
 *       {@code Resource} optional (absent means the resource the policy is attached to); duplicate Sids tolerated.
 * </ul>
 */
public enum PolicyKind { IDENTITY, TRUST, RESOURCE }
