/**
 * The live side: one WebSocket at {@code /ws} per client, speaking the protocol of the design
 * (hello, frames with refs, ack and error replies), and the follower that reads every floor's Redis
 * stream and forwards each event to this node's sockets, so what happens on one node is seen on
 * all.
 */
package io.handup.realtime;
