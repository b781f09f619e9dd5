/**
 * The help request and its life: raise, offer, claim, arrive, resolve, rate, and the other ends
 * (cancel, expire). Every transition is one Lua script under {@code resources/lua/}, named after
 * it, that checks the state, writes the request and the queue and appends the event to the floor's
 * stream in one atomic step. {@link io.handup.request.Lifecycle} is the only way to change a
 * request; {@link io.handup.request.HelpRequests} reads them.
 */
package io.handup.request;
