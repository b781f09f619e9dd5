/**
 * Duty and rotation: the duty roster (each specialist's shifts, kept by managers and
 * administrators, audited), which the offer script reads so that a rostered specialist outside
 * their shifts gets no offers; and each specialist's time on the floor, off it (rotation breaks and
 * knowledge work) and away, counted by the presence scripts and reported per day. The rotation caps
 * themselves act in the resolve and release scripts and the dispatch timers.
 */
package io.handup.duty;
