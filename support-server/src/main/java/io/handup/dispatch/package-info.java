/**
 * Who can take a request now, and the clocks that run on it: specialists' presence across every
 * node (a specialist with no open socket anywhere is OFFLINE), and the offer timeouts and request
 * expiries kept in Redis and fired exactly once by whichever node takes them first.
 */
package io.handup.dispatch;
