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
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/** Reads help requests. Changing one goes through {@link Lifecycle}. */
@Component
public class HelpRequests {

  private final UnifiedJedis jedis;
  private final JsonMapper json;

  HelpRequests(UnifiedJedis jedis, JsonMapper json) {
    this.jedis = jedis;
    this.json = json;
  }

  public Optional<HelpRequest> find(String floor, String id) {
    Map<String, String> hash = jedis.hgetAll(Keys.floor(floor).request(id));
    return hash.isEmpty() ? Optional.empty() : Optional.of(HelpRequest.fromHash(hash));
  }

  /** The requests with these ids that exist, in the same order. */
  public List<HelpRequest> findAll(String floor, List<String> ids) {
    return load(floor, ids);
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

  /** A request as the protocol sends it, with its place in line while it waits. */
  public Map<String, Object> view(HelpRequest request, boolean withRating) {
    return views(request.floor(), List.of(request), withRating).get(0);
  }

  /**
   * Requests as the protocol sends them; the places in line are read in one round trip. The
   * estimate is the mean of the last waits of the same priority (urgent or not) times the place in
   * line: rough, and null until some request of that priority has been claimed.
   */
  public List<Map<String, Object>> views(String floor, List<HelpRequest> list, boolean withRating) {
    if (list.stream().noneMatch(r -> r.state().isWaiting())) {
      // most events are of claimed or ended requests: no place in line, no round trip
      return list.stream().map(r -> RequestView.of(r, withRating, null, null)).toList();
    }
    Keys.Floor keys = Keys.floor(floor);
    List<Response<Long>> ranks = new ArrayList<>(list.size());
    Response<List<String>> urgentWaits;
    Response<List<String>> normalWaits;
    try (AbstractPipeline pipe = jedis.pipelined()) {
      list.forEach(r -> ranks.add(r.state().isWaiting() ? pipe.zrank(keys.queue(), r.id()) : null));
      urgentWaits = pipe.lrange(keys.recentWaits(true), 0, -1);
      normalWaits = pipe.lrange(keys.recentWaits(false), 0, -1);
    }
    Double urgentMean = meanSeconds(urgentWaits.get());
    Double normalMean = meanSeconds(normalWaits.get());
    List<Map<String, Object>> views = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      HelpRequest r = list.get(i);
      Long rank = ranks.get(i) == null ? null : ranks.get(i).get();
      Integer position = rank == null ? null : (int) (rank + 1);
      Double mean = r.urgent() ? urgentMean : normalMean;
      Long estimate = position == null || mean == null ? null : Math.round(mean * position);
      views.add(RequestView.of(r, withRating, position, estimate));
    }
    return views;
  }

  private static Double meanSeconds(List<String> waitsMillis) {
    return waitsMillis.isEmpty()
        ? null
        : waitsMillis.stream().mapToLong(Long::parseLong).average().orElse(0) / 1000.0;
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
