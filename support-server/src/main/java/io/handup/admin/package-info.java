/**
 * Running the system: the admin page ({@code /admin}) and its API under {@code /api/admin/**}, for
 * administrators only. Users are created, edited, disabled and enabled through the {@code
 * directory}; a whole roster is imported from CSV all or nothing after every row is checked; the
 * settings of {@link io.handup.system.LiveSettings} change on every node without a restart; and
 * every change and every sign-in is kept in an audit stream trimmed by age.
 */
package io.handup.admin;
