/**
 * Who is who on the floor: users with their roles, reporting line, seat, floor and skills, kept in
 * Redis, and the demo floor. The directory also keeps each agent's management chain where the Lua
 * scripts can read it, because the reporting-line rule is checked inside the atomic step.
 */
package io.handup.directory;
