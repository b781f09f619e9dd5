/**
 * The specialist live board ({@code /board}) and the sign-in page ({@code /login}) that leads to
 * it. The pages themselves are plain HTML, CSS and ES modules under {@code static/board/} and
 * {@code static/ui/} with no build step; they speak the {@code /ws} protocol like any other client.
 * This package only serves them: {@code /} sends each user to their page, {@code /login} carries
 * the form's CSRF token, and {@code /board/session} hands the signed-in page a bearer token, so a
 * board can say hello again after its node restarts and the session is gone.
 */
package io.handup.board;
