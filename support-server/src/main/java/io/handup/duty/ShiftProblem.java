package io.handup.duty;

/**
 * Why one line of a shift import cannot be taken.
 *
 * @param line the line of the file (1 is the first)
 * @param id the specialist id as given, may be empty
 */
record ShiftProblem(int line, String id, String reason) {}
