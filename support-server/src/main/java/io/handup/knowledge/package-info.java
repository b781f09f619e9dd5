/**
 * The knowledge base: answers specialists wrote down (often from a request they resolved), with an
 * owner, the person who confirmed the current version and when, and every earlier version. A
 * manager's confirmed wrong-answer review opens a correction on the entry the answer came from
 * (review.lua); the next edit closes it. Entries live in Redis (kb-save.lua, kb-confirm.lua); each
 * node keeps an in-memory Lucene index of them, Chinese and English alike, built at start and kept
 * in step by following the floor's change log, so a search never waits on Redis.
 */
package io.handup.knowledge;
