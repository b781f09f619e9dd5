package io.handup.admin;

/**
 * Why one roster row (or a single user form) cannot be saved.
 *
 * @param line the line the row starts on (1 is the header), 0 for a single user
 * @param id the row's user id as given, may be empty
 */
record RowProblem(int line, String id, String reason) {}
