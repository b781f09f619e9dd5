package io.handup.skills;

/**
 * One taken check as skill-attempt.lua keeps it (JSON in the latest hash and the history list).
 *
 * @param score percent right, rounded down
 * @param at epoch milliseconds
 * @param version the version of the check that was taken
 */
record Result(
    String topic, boolean passed, int score, int correct, int total, long at, long version) {}
