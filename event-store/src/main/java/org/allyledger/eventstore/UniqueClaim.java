package org.allyledger.eventstore;

/**
 * A value only one stream may hold within a scope, e.g. scope "nomination", key "nominator|nominee|month",
 * owner the nomination's id. Internal to the service: never published.
 */
public record UniqueClaim(String scope, String key, String owner) {
}
