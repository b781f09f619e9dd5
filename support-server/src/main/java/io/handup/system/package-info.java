/**
 * Shared plumbing every feature stands on: the Redis connection (embedded or configured), the one
 * place Redis keys are named, the Lua script runner, the floor-wide settings and the error codes of
 * the protocol. Nothing here knows what a help request is.
 */
package io.handup.system;
