package io.handup.request;

import io.handup.system.Keys;
import io.handup.system.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import tools.jackson.databind.json.JsonMapper;

/** Reads help requests. Changing one goes through {@link Lifecycle}. */
@Component
public class HelpRequests {

  private final JedisPooled jedis;
  private final JsonMapper json;

  HelpRequests(JedisPooled jedis, JsonMapper json) {
    this.jedis = jedis;
    this.json = json;
  }

  public Optional<HelpRequest> find(String floor, String id) {
    Map<String, String> hash = jedis.hgetAll(Keys.floor(floor).request(id));
    return hash.isEmpty() ? Optional.empty() : Optional.of(HelpRequest.fromHash(hash));
  }

  /** Queued, offered and claimed requests, oldest first. */
  public List<HelpRequest> open(String floor) {
    return load(floor, jedis.zrange(Keys.floor(floor).open(), 0, -1));
  }

  /** The agent's open request, if they have one. */
  public Optional<HelpRequest> openFor(String floor, String agentId) {
    String id = jedis.get(Keys.floor(floor).agentOpen(agentId));
    return id == null ? Optional.empty() : find(floor, id).filter(r -> r.state().isOpen());
  }

  /** The agent's requests raised since {@code since}, oldest first: today's, for the widget. */
  public List<HelpRequest> raisedBy(String floor, String agentId, Instant since) {
    return load(
        floor,
        jedis.zrangeByScore(
            Keys.floor(floor).agentHistory(agentId), "" + since.toEpochMilli(), "+inf"));
  }

  /** Every request raised in [from, to), oldest first. */
  public List<HelpRequest> raisedBetween(String floor, Instant from, Instant to) {
    List<String> ids =
        jedis.zrangeByScore(
            Keys.floor(floor).history(), "" + from.toEpochMilli(), "(" + to.toEpochMilli());
    return load(floor, ids);
  }

  /** 1 for the next request to be taken; null when it is not waiting. */
  public Integer position(HelpRequest request) {
    if (!request.state().isWaiting()) {
      return null;
    }
    Long rank = jedis.zrank(Keys.floor(request.floor()).queue(), request.id());
    return rank == null ? null : (int) (rank + 1);
  }

  /** The places in line of several requests at once (null for one not waiting). */
  public List<Integer> positions(String floor, List<String> ids) {
    String queue = Keys.floor(floor).queue();
    List<Response<Long>> ranks = new ArrayList<>(ids.size());
    try (AbstractPipeline pipe = jedis.pipelined()) {
      ids.forEach(id -> ranks.add(pipe.zrank(queue, id)));
    }
    return ranks.stream()
        .map(Response::get)
        .map(rank -> rank == null ? null : (int) (rank + 1))
        .toList();
  }

  /**
   * Seconds until a specialist takes it: the mean of the floor's last waits times the place in
   * line; null until some request has been claimed.
   */
  public Long estimatedWait(String floor, Integer position) {
    if (position == null) {
      return null;
    }
    List<String> waits = jedis.lrange(Keys.floor(floor).recentWaits(), 0, -1);
    if (waits.isEmpty()) {
      return null;
    }
    double meanMillis = waits.stream().mapToLong(Long::parseLong).average().orElse(0);
    return Math.round(meanMillis * position / 1000.0);
  }

  /** The chat of one request, oldest line first. */
  public List<ChatLine> chat(String floor, String id) {
    return jedis.lrange(Keys.floor(floor).chat(id), 0, -1).stream()
        .map(line -> json.readValue(line, ChatLine.class))
        .toList();
  }

  private List<HelpRequest> load(String floor, Collection<String> ids) {
    Keys.Floor keys = Keys.floor(floor);
    List<Response<Map<String, String>>> replies = new ArrayList<>(ids.size());
    try (AbstractPipeline pipe = jedis.pipelined()) {
      ids.forEach(id -> replies.add(pipe.hgetAll(keys.request(id))));
    }
    return replies.stream()
        .map(Response::get)
        .filter(hash -> !hash.isEmpty())
        .map(HelpRequest::fromHash)
        .toList();
  }

  /** One line of a request's chat, as said.lua stores it. */
  public record ChatLine(String requestId, String from, String fromName, String text, long at) {

    /** As the protocol sends it: the same fields as a {@code said} frame. */
    public Map<String, Object> view() {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("requestId", requestId);
      v.put("from", from);
      v.put("fromName", fromName);
      v.put("text", text);
      v.put("at", Times.iso(Instant.ofEpochMilli(at)));
      return v;
    }
  }
}
