/**
 * Skill checks: managers write a short check per topic (questions with options and the right one, a
 * pass mark); specialists take it on the board and are graded here, never seeing the answers; each
 * specialist's latest result per topic and their history are kept per floor. The offer script reads
 * the latest result (lib.lua {@code skill_check_passed}): a topic that has a check counts as a
 * specialist's skill only while their latest result passed within {@code
 * handup.skill-check-validity}. Changes to checks and every attempt are published as {@link
 * io.handup.skills.SkillCheckChanged} for the audit.
 */
package io.handup.skills;
