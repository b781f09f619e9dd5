package io.handup.admin;

import io.handup.system.Keys;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The audit trail: one Redis stream ({@link Keys#audit()}) whose entry ids are the times they were
 * written, so a range of days is a range of ids and old lines are trimmed by time ({@code MINID})
 * rather than by count. A line that cannot be written is logged, never a reason to refuse the
 * change or the sign-in it records.
 */
@Component
public class AuditLog {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  private static final int PAGE = 1000;

  private final UnifiedJedis jedis;
  private final AdminSettings settings;
  private final Clock clock;

  AuditLog(UnifiedJedis jedis, AdminSettings settings, Clock clock) {
    this.jedis = jedis;
    this.settings = settings;
    this.clock = clock;
  }

  /** Keeps one line; other features record their changes here too (the duty roster). */
  public void record(String actor, String action, String target, String detail) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("actor", orEmpty(actor));
    fields.put("action", action);
    fields.put("target", orEmpty(target));
    fields.put("detail", orEmpty(detail));
    fields.put("address", orEmpty(callerAddress()));
    try {
      jedis.xadd(
          Keys.audit(), XAddParams.xAddParams().minId(oldestKept()).approximateTrimming(), fields);
    } catch (RuntimeException e) {
      log.warn("Audit line not written ({} {} {}): {}", actor, action, target, e.getMessage());
    }
  }

  /** Newest first, at most {@code limit}, written from {@code from} (inclusive) to {@code to}. */
  List<AuditEntry> latest(Instant from, Instant to, int limit) {
    return jedis.xrevrange(Keys.audit(), last(to), first(from), limit).stream()
        .map(AuditLog::entry)
        .toList();
  }

  /** Oldest first, every line in the range, read a page at a time. */
  void forEach(Instant from, Instant to, Consumer<AuditEntry> each) {
    StreamEntryID start = first(from);
    StreamEntryID end = last(to);
    while (true) {
      List<StreamEntry> page = jedis.xrange(Keys.audit(), start, end, PAGE);
      page.forEach(e -> each.accept(entry(e)));
      if (page.size() < PAGE) {
        return;
      }
      StreamEntryID lastSeen = page.get(page.size() - 1).getID();
      start = new StreamEntryID(lastSeen.getTime(), lastSeen.getSequence() + 1);
    }
  }

  /** Approximate trimming on each write leaves a little; this takes the rest now and then. */
  @Scheduled(fixedDelayString = "${handup.admin.audit-trim-interval:1h}")
  void trim() {
    try {
      jedis.xtrim(Keys.audit(), XTrimParams.xTrimParams().minId(oldestKept()));
    } catch (RuntimeException e) {
      log.warn("Audit not trimmed: {}", e.getMessage());
    }
  }

  private String oldestKept() {
    return clock.millis() - settings.auditRetention().toMillis() + "-0";
  }

  private static StreamEntryID first(Instant from) {
    return new StreamEntryID(Math.max(0, from.toEpochMilli()), 0);
  }

  /** The range ends before {@code to}. */
  private static StreamEntryID last(Instant to) {
    return new StreamEntryID(Math.max(0, to.toEpochMilli() - 1), Long.MAX_VALUE);
  }

  private static AuditEntry entry(StreamEntry e) {
    Map<String, String> f = e.getFields();
    return new AuditEntry(
        e.getID().toString(),
        Instant.ofEpochMilli(e.getID().getTime()),
        f.get("actor"),
        f.get("action"),
        f.get("target"),
        f.get("detail"),
        f.get("address"));
  }

  private static String callerAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest request = attrs.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
