package io.handup.knowledge;

import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.Keys;
import io.handup.system.RedisScripts;
import io.handup.system.Refused;
import io.handup.system.ScriptReply;
import io.handup.system.Texts;
import io.handup.system.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading and writing the knowledge base of the caller's floor. Everyone on the floor may read it
 * (agents search it while they wait); specialists and managers write and confirm entries. Each
 * write is one Lua step; searches go to this node's index and never wait on Redis.
 */
@Component
class KnowledgeBase {

  static final int MAX_TOPIC = 40;
  static final int MAX_QUESTION = 500;
  static final int MAX_ANSWER = 4000;
  static final int MAX_QUERY = 200;
  private static final int MAX_ID = 64;

  private final RedisScripts scripts;
  private final UnifiedJedis jedis;
  private final KnowledgeIndex index;
  private final KnowledgeSettings settings;
  private final JsonMapper json;
  private final ApplicationEventPublisher events;

  KnowledgeBase(
      RedisScripts scripts,
      UnifiedJedis jedis,
      KnowledgeIndex index,
      KnowledgeSettings settings,
      JsonMapper json,
      ApplicationEventPublisher events) {
    this.scripts = scripts;
    this.jedis = jedis;
    this.index = index;
    this.settings = settings;
    this.json = json;
    this.events = events;
  }

  /** What a search found and how long the index took, in milliseconds. */
  record Found(List<Entry> entries, double tookMs) {}

  Found search(User user, String query, String topic, Integer limit) {
    String q = Texts.optional("q", query, MAX_QUERY);
    String t = Texts.optional("topic", topic, MAX_TOPIC);
    int n = limit == null ? settings.defaultResults() : limit;
    if (n < 1 || n > KnowledgeSettings.MAX_RESULTS) {
      throw new Refused(
          ErrorCode.BAD_REQUEST, "limit must be 1 to " + KnowledgeSettings.MAX_RESULTS);
    }
    FloorIndex floorIndex = index.of(user.floor());
    long start = System.nanoTime();
    List<Entry> entries = floorIndex.search(q, t, n);
    double tookMs = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
    return new Found(entries, tookMs);
  }

  /** A new entry, from a resolved request when {@code requestId} is given, which then links it. */
  Entry create(User user, Draft draft) {
    requireAuthor(user, "write");
    Checked c = check(draft);
    String requestId = draft.requestId() == null ? "" : id("requestId", draft.requestId());
    String id = "kb-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    ScriptReply reply =
        save(
            user,
            "create",
            id,
            c,
            "",
            requestId,
            // a manager may save any resolved request of the floor; a specialist only their own
            user.has(Role.MANAGER) ? "0" : "1",
            user.floor());
    Entry entry = Entry.fromHash(reply.hash());
    audit(
        reply,
        user,
        "knowledge.create",
        entry,
        (requestId.isEmpty() ? "" : "from " + requestId + ": ") + shortly(entry.question()));
    return entry;
  }

  /** A new version of an entry, made from {@code draft.version()}. */
  Entry edit(User user, String entryId, Draft draft) {
    requireAuthor(user, "edit");
    Checked c = check(draft);
    if (draft.version() == null || draft.version() < 1) {
      throw new Refused(ErrorCode.BAD_REQUEST, "version is required: the version you edited");
    }
    ScriptReply reply =
        save(
            user,
            "edit",
            id("id", entryId),
            c,
            String.valueOf(draft.version()),
            "",
            "0",
            user.floor());
    Entry entry = Entry.fromHash(reply.hash());
    audit(
        reply,
        user,
        "knowledge.edit",
        entry,
        "v" + entry.version() + ": " + shortly(entry.question()));
    return entry;
  }

  /** Confirms that version {@code version} is right; the author needs someone else to do it. */
  Entry confirm(User user, String entryId, Integer version) {
    requireAuthor(user, "confirm");
    if (version == null || version < 1) {
      throw new Refused(ErrorCode.BAD_REQUEST, "version is required: the version you confirm");
    }
    ScriptReply reply =
        scripts.onFloor(
            "kb-confirm",
            user.floor(),
            id("id", entryId),
            user.id(),
            user.name(),
            String.valueOf(version),
            user.has(Role.MANAGER) ? "1" : "0");
    Entry entry = Entry.fromHash(reply.hash());
    index.saved(user.floor(), entry);
    audit(reply, user, "knowledge.confirm", entry, "v" + entry.version());
    return entry;
  }

  Optional<Entry> find(String floor, String entryId) {
    Map<String, String> hash = jedis.hgetAll(Keys.floor(floor).kbEntry(id("id", entryId)));
    return hash.isEmpty() ? Optional.empty() : Optional.of(Entry.fromHash(hash));
  }

  /** Every version of an entry, newest first. */
  List<Map<String, Object>> versions(String floor, String entryId) {
    List<Map<String, Object>> versions = new ArrayList<>();
    for (String line : jedis.lrange(Keys.floor(floor).kbVersions(entryId), 0, -1)) {
      JsonNode v = json.readTree(line);
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("version", v.path("version").asInt());
      view.put("topic", blankToNull(v.path("topic").asString("")));
      view.put("question", v.path("question").asString(""));
      view.put("answer", v.path("answer").asString(""));
      view.put("by", v.path("by").asString(""));
      view.put("byName", v.path("byName").asString(""));
      view.put("at", Times.iso(Instant.ofEpochMilli(v.path("at").asLong())));
      view.put("requestId", blankToNull(v.path("requestId").asString("")));
      view.put("closesCorrection", blankToNull(v.path("closesCorrection").asString("")));
      versions.add(view);
    }
    return versions;
  }

  /** Entries with an open correction, the oldest correction first. */
  List<Entry> corrections(User user) {
    if (!user.hasAny(Role.SPECIALIST, Role.MANAGER)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only specialists and managers work on corrections");
    }
    Keys.Floor keys = Keys.floor(user.floor());
    List<String> ids = jedis.zrange(keys.kbCorrections(), 0, -1);
    List<Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
    try (AbstractPipeline pipe = jedis.pipelined()) {
      ids.forEach(id -> hashes.add(pipe.hgetAll(keys.kbEntry(id))));
    }
    return hashes.stream()
        .map(Response::get)
        .filter(h -> !h.isEmpty())
        .map(Entry::fromHash)
        .filter(Entry::correctionOpen)
        .toList();
  }

  private ScriptReply save(User user, String mode, String id, Checked c, String... rest) {
    List<String> args = new ArrayList<>(List.of(mode, id, user.id(), user.name()));
    args.addAll(List.of(c.topic(), c.question(), c.answer()));
    args.addAll(List.of(rest));
    ScriptReply reply = scripts.onFloor("kb-save", user.floor(), args.toArray(String[]::new));
    index.saved(user.floor(), Entry.fromHash(reply.hash()));
    return reply;
  }

  /** A retry that changed nothing is not a change to keep. */
  private void audit(ScriptReply reply, User user, String action, Entry entry, String detail) {
    if (reply.changed()) {
      events.publishEvent(new KnowledgeChanged(user.id(), action, entry.id(), detail));
    }
  }

  /** The body of a create or an edit. */
  record Draft(String requestId, String topic, String question, String answer, Integer version) {}

  private record Checked(String topic, String question, String answer) {}

  private static Checked check(Draft draft) {
    if (draft == null) {
      throw new Refused(ErrorCode.BAD_REQUEST, "question and answer are required");
    }
    String topic = Texts.optional("topic", draft.topic(), MAX_TOPIC);
    return new Checked(
        topic == null ? "" : topic,
        Texts.required("question", draft.question(), MAX_QUESTION),
        Texts.required("answer", draft.answer(), MAX_ANSWER));
  }

  private static void requireAuthor(User user, String action) {
    if (!user.hasAny(Role.SPECIALIST, Role.MANAGER)) {
      throw new Refused(
          ErrorCode.FORBIDDEN, "Only specialists and managers " + action + " knowledge entries");
    }
  }

  private static String id(String field, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_ID) {
      throw new Refused(ErrorCode.BAD_REQUEST, field + " must be an id");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private static String shortly(String text) {
    return text.length() <= 80 ? text : text.substring(0, 79) + "…";
  }
}
