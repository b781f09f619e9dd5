package io.handup.realtime;

import io.handup.directory.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One client socket. Replies and forwarded events are sent from several threads, so every send goes
 * through Spring's decorator, which serialises them and drops a client that stops reading.
 */
final class Connection {

  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  private static final int SEND_TIME_LIMIT_MS = 10_000;
  private static final int BUFFER_LIMIT_BYTES = 1024 * 1024;
  // far above what a person clicks, low enough that a runaway script cannot flood Redis
  private static final int FRAMES_PER_SECOND = 50;
  private static final int BURST = 100;

  private final ConcurrentWebSocketSessionDecorator session;
  private final Executor senders;
  private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean refused = new AtomicBoolean();
  private final String id = UUID.randomUUID().toString();
  private volatile User user;
  private double tokens = BURST;
  private long lastRefill = System.nanoTime();
  // events that arrive while the snapshot is being read wait here, so the snapshot never lands
  // on top of a newer event
  private List<String> held;
  // an agent's waiting request and the place in line they were last told, so that they hear
  // when the line moves
  private volatile String waitingRequestId;
  private volatile Integer toldPosition;

  Connection(WebSocketSession session, Executor senders) {
    this.senders = senders;
    this.session =
        new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
  }

  String id() {
    return id;
  }

  User user() {
    return user;
  }

  void authenticate(User user) {
    this.user = user;
  }

  boolean isAuthenticated() {
    return user != null;
  }

  boolean isOpen() {
    return session.isOpen();
  }

  WebSocketSession session() {
    return session;
  }

  /** A token bucket: a client may burst, but not flood. */
  synchronized boolean allowFrame() {
    long now = System.nanoTime();
    tokens = Math.min(BURST, tokens + (now - lastRefill) / 1e9 * FRAMES_PER_SECOND);
    lastRefill = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /**
   * What one part of a text frame gave: the whole frame after its last part, nothing yet, or the
   * news (once) that the frame passed the size limit.
   */
  record Assembly(String frame, boolean tooLarge) {
    static final Assembly PENDING = new Assembly(null, false);
    static final Assembly TOO_LARGE = new Assembly(null, true);
  }

  private final StringBuilder parts = new StringBuilder();
  private int partBytes;

  /** Adds one part of a text frame; the parts of a refused frame are dropped. */
  synchronized Assembly assemble(String part, boolean last, int maxBytes) {
    if (partBytes > maxBytes) {
      // the rest of a frame already refused
      if (last) {
        partBytes = 0;
      }
      return Assembly.PENDING;
    }
    partBytes += part.getBytes(StandardCharsets.UTF_8).length;
    if (partBytes > maxBytes) {
      parts.setLength(0);
      if (last) {
        partBytes = 0;
      }
      return Assembly.TOO_LARGE;
    }
    if (parts.isEmpty() && last) {
      partBytes = 0;
      return new Assembly(part, false);
    }
    parts.append(part);
    if (!last) {
      return Assembly.PENDING;
    }
    String whole = parts.toString();
    parts.setLength(0);
    partBytes = 0;
    return new Assembly(whole, false);
  }

  /** Remembers the agent's request while it waits, and the position they have been told. */
  void trackWaiting(String requestId, Integer position) {
    waitingRequestId = position == null ? null : requestId;
    toldPosition = position;
  }

  String waitingRequestId() {
    return waitingRequestId;
  }

  Integer toldPosition() {
    return toldPosition;
  }

  /** From now until {@link #endSync}, events are held back. */
  synchronized void beginSync() {
    held = new ArrayList<>();
  }

  /** Sends the snapshot, then the events that came in while it was read, in order. */
  void endSync(String snapshot) {
    synchronized (this) {
      send(snapshot);
      if (held != null) {
        outbox.addAll(held);
      }
      held = null;
    }
    drainSoon();
  }

  /**
   * Forwards an event, or holds it back while the snapshot is being read. The event follower only
   * queues it: the writing happens on the senders' pool, one socket's events in order, so one
   * node's fan-out to many boards uses every core and a slow socket holds up nobody else.
   */
  void deliver(String json) {
    synchronized (this) {
      if (held != null) {
        held.add(json);
        return;
      }
      outbox.add(json);
    }
    drainSoon();
  }

  private void drainSoon() {
    if (!outbox.isEmpty() && draining.compareAndSet(false, true)) {
      senders.execute(this::drain);
    }
  }

  private void drain() {
    try {
      String next;
      while ((next = outbox.poll()) != null) {
        send(next);
      }
    } finally {
      draining.set(false);
      drainSoon();
    }
  }

  void send(String json) {
    if (!session.isOpen()) {
      return;
    }
    try {
      session.sendMessage(new TextMessage(json));
    } catch (IOException | IllegalStateException e) {
      log.debug("Could not send to {}: {}", id, e.getMessage());
      close(CloseStatus.SESSION_NOT_RELIABLE);
    } catch (IllegalArgumentException e) {
      // the container could not encode the text (Frames prevents that); the socket may be left
      // mid-message, so it is closed here instead of the error escaping to the caller, which may
      // be forwarding one event to many sockets
      log.warn("Could not encode a frame for {}: {}", id, e.getMessage());
      close(CloseStatus.SESSION_NOT_RELIABLE);
    }
  }

  /**
   * Sends a last frame and closes, once. The hello deadline and a bad first frame may both refuse a
   * stranger at the same moment, and the senders' pool may be writing to a signed-in socket: a
   * frame sent while another thread writes waits in the decorator's buffer, and closing straight
   * away would drop it, so the close waits (briefly) for the buffer to empty.
   */
  void refuse(String frame, CloseStatus status) {
    if (!refused.compareAndSet(false, true)) {
      return;
    }
    send(frame);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (session.isOpen() && session.getBufferSize() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    close(status);
  }

  void close(CloseStatus status) {
    try {
      session.close(status);
    } catch (IOException e) {
      log.debug("Closing {} failed: {}", id, e.getMessage());
    }
  }
}
