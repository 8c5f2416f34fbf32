package dev.berth.api.ecr;

import dev.berth.auth.Principal;

/** One ECR call being handled: its input, its verified caller and the caller's address. */
record EcrCall(EcrInput input, Principal caller, String sourceIp) {}
