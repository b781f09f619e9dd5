/**
 * Who is calling: sign-in with a password (throttled per user) or an integration's API key, signed
 * expiring tokens that every node accepts, form login with a session for pages, and the rules of
 * which role may reach which endpoint. WebSocket frames are checked in {@code realtime} with the
 * same {@link io.handup.security.Tokens}.
 */
package io.handup.security;
