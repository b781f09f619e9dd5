/**
 * Who is calling: sign-in with a password (throttled per user) or an integration's API key, single
 * sign-on with the company's OpenID Connect provider when it is configured ({@link
 * io.handup.security.SingleSignOn}: a company account is matched to a directory user by id or
 * verified e-mail, its groups optionally mapped to roles), signed expiring tokens that every node
 * accepts, form login with a session for pages, and the rules of which role may reach which
 * endpoint. WebSocket frames are checked in {@code realtime} with the same {@link
 * io.handup.security.Tokens}.
 */
package io.handup.security;
