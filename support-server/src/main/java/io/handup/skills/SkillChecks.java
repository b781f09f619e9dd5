package io.handup.skills;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.Keys;
import io.handup.system.LiveSettings;
import io.handup.system.RedisScripts;
import io.handup.system.Refused;
import io.handup.system.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * Skill checks of a floor: writing them (managers), taking them (specialists, graded here against
 * the version they were shown) and where each specialist's skills stand. Writes are Lua scripts
 * (skill-check-save, skill-check-delete, skill-attempt); reads are plain.
 */
@Component
class SkillChecks {

  /** How many results of one specialist are kept. */
  static final int HISTORY = 200;

  private final UnifiedJedis jedis;
  private final RedisScripts scripts;
  private final LiveSettings live;
  private final Directory directory;
  private final JsonMapper json;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final SkillCheckSettings settings;

  SkillChecks(
      UnifiedJedis jedis,
      RedisScripts scripts,
      LiveSettings live,
      Directory directory,
      JsonMapper json,
      Clock clock,
      ApplicationEventPublisher events,
      SkillCheckSettings settings) {
    this.jedis = jedis;
    this.scripts = scripts;
    this.live = live;
    this.directory = directory;
    this.json = json;
    this.clock = clock;
    this.events = events;
    this.settings = settings;
  }

  // --- checks ----------------------------------------------------------------------------------

  /** Every check of the caller's floor, without questions; managers also see who holds it. */
  List<Map<String, Object>> list(User caller) {
    boolean manager = requireReader(caller);
    List<Check> checks = checks(caller.floor());
    Map<String, Map<String, Result>> latest = manager ? latestOfFloor(caller.floor()) : Map.of();
    Map<String, Integer> skilled = new HashMap<>();
    Map<String, Integer> valid = new HashMap<>();
    if (manager) {
      long now = clock.millis();
      long validity = live.skillCheckValidity().toMillis();
      for (User s : directory.specialistsOn(caller.floor())) {
        for (String topic : s.skills()) {
          skilled.merge(topic, 1, Integer::sum);
          Result r = latest.getOrDefault(s.id(), Map.of()).get(topic);
          if (SkillStatus.of(true, r, now, validity) == SkillStatus.VALID) {
            valid.merge(topic, 1, Integer::sum);
          }
        }
      }
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (Check c : checks) {
      Map<String, Object> v = summary(c);
      if (manager) {
        v.put("specialists", skilled.getOrDefault(c.topic(), 0));
        v.put("valid", valid.getOrDefault(c.topic(), 0));
      }
      list.add(v);
    }
    return list;
  }

  /** One check; with the right answers only for managers. */
  Map<String, Object> view(User caller, String topic) {
    boolean manager = requireReader(caller);
    Check check = find(caller.floor(), CheckRules.topic(topic)).orElseThrow(() -> noCheck(topic));
    return full(check, manager);
  }

  Map<String, Object> save(User manager, String rawTopic, Check.Form form) {
    requireManager(manager, "write skill checks");
    String topic = CheckRules.topic(rawTopic);
    Check.Body body = CheckRules.body(form);
    scripts.onFloor(
        "skill-check-save",
        manager.floor(),
        topic,
        json.writeValueAsString(body),
        form.version() == null ? "" : String.valueOf(form.version()),
        manager.id(),
        manager.name());
    Check saved = find(manager.floor(), topic).orElseThrow(() -> noCheck(topic));
    events.publishEvent(
        new SkillCheckChanged(
            manager.id(),
            "skill-check.save",
            manager.floor() + "/" + topic,
            "version "
                + saved.version()
                + ": "
                + saved.questions().size()
                + " questions, pass mark "
                + saved.passMark()
                + "%"));
    return full(saved, true);
  }

  void delete(User manager, String rawTopic, Long version) {
    requireManager(manager, "remove skill checks");
    String topic = CheckRules.topic(rawTopic);
    scripts.onFloor(
        "skill-check-delete",
        manager.floor(),
        topic,
        version == null ? "" : String.valueOf(version));
    events.publishEvent(
        new SkillCheckChanged(
            manager.id(), "skill-check.delete", manager.floor() + "/" + topic, ""));
  }

  // --- attempts --------------------------------------------------------------------------------

  /** Grades the answers on the server and keeps the result; the reply names no right answer. */
  Map<String, Object> attempt(User specialist, String rawTopic, Check.Answers answers) {
    if (!specialist.has(Role.SPECIALIST)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only specialists take skill checks");
    }
    String topic = CheckRules.topic(rawTopic);
    Check check = find(specialist.floor(), topic).orElseThrow(() -> noCheck(topic));
    if (answers == null) {
      throw new Refused(ErrorCode.BAD_REQUEST, "answers are required");
    }
    if (answers.version() != null && answers.version() != check.version()) {
      throw new Refused(
          ErrorCode.CONFLICT, "The check was changed while you took it; please take it again");
    }
    CheckRules.Grade grade = CheckRules.grade(check, answers.answers());
    // the script refuses when the check changed between reading and recording
    var reply =
        scripts.onFloor(
            "skill-attempt",
            specialist.floor(),
            specialist.id(),
            topic,
            String.valueOf(check.version()),
            grade.passed() ? "1" : "0",
            String.valueOf(grade.score()),
            String.valueOf(grade.correct()),
            String.valueOf(grade.total()),
            String.valueOf(HISTORY),
            String.valueOf(settings.retryAfter().toMillis()));
    Result result =
        new Result(
            topic,
            grade.passed(),
            grade.score(),
            grade.correct(),
            grade.total(),
            Long.parseLong(reply.hash().get("at")),
            check.version());
    events.publishEvent(
        new SkillCheckChanged(
            specialist.id(),
            "skill-check.attempt",
            specialist.floor() + "/" + topic,
            (grade.passed() ? "passed " : "failed ")
                + grade.correct()
                + "/"
                + grade.total()
                + " (version "
                + check.version()
                + ")"));
    Map<String, Object> v = result(result);
    v.put("passMark", check.passMark());
    SkillStatus status =
        SkillStatus.of(true, result, clock.millis(), live.skillCheckValidity().toMillis());
    v.put("status", status.wire());
    v.put("skill", specialist.skills().contains(topic));
    if (grade.passed()) {
      v.put("validUntil", validUntil(result));
    }
    return v;
  }

  // --- where skills stand ----------------------------------------------------------------------

  Map<String, Object> mine(User specialist) {
    if (!specialist.has(Role.SPECIALIST)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only specialists have skills");
    }
    return standing(specialist);
  }

  Map<String, Object> ofSpecialist(User manager, String id) {
    requireManager(manager, "see a specialist's skill checks");
    User specialist =
        directory
            .find(id)
            .filter(u -> u.has(Role.SPECIALIST) && manager.floor().equals(u.floor()))
            .orElseThrow(
                () -> new Refused(ErrorCode.NOT_FOUND, "No specialist " + id + " on your floor"));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("specialist", Map.of("id", specialist.id(), "name", specialist.name()));
    v.putAll(standing(specialist));
    return v;
  }

  /**
   * Each skill of the specialist with its status, then the floor's other checks (they may take
   * those too; a pass there routes nothing until the topic is one of their skills), and history.
   */
  private Map<String, Object> standing(User specialist) {
    Keys.Floor keys = Keys.floor(specialist.floor());
    Map<String, Check> checks = new TreeMap<>();
    checks(specialist.floor()).forEach(c -> checks.put(c.topic(), c));
    Map<String, Result> latest = new HashMap<>();
    jedis
        .hgetAll(keys.skillLatest(specialist.id()))
        .forEach((topic, text) -> latest.put(topic, json.readValue(text, Result.class)));
    long now = clock.millis();
    long validity = live.skillCheckValidity().toMillis();

    List<Map<String, Object>> skills = new ArrayList<>();
    TreeSet<String> topics = new TreeSet<>(specialist.skills());
    for (String topic : topics) {
      skills.add(skill(topic, true, checks.get(topic), latest.get(topic), now, validity));
    }
    for (Check c : checks.values()) {
      if (!topics.contains(c.topic())) {
        skills.add(skill(c.topic(), false, c, latest.get(c.topic()), now, validity));
      }
    }
    List<Map<String, Object>> history = new ArrayList<>();
    for (String text : jedis.lrange(keys.skillHistory(specialist.id()), 0, 49)) {
      history.add(result(json.readValue(text, Result.class)));
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(
        "validity",
        live.current().stream()
            .filter(c -> c.definition().key().equals(LiveSettings.SKILL_CHECK_VALIDITY))
            .map(LiveSettings.Current::value)
            .findFirst()
            .orElse(""));
    v.put("validityDays", live.skillCheckValidity().toMillis() / 86_400_000.0);
    v.put("skills", skills);
    v.put("history", history);
    return v;
  }

  private Map<String, Object> skill(
      String topic, boolean skill, Check check, Result latest, long now, long validity) {
    SkillStatus status = SkillStatus.of(check != null, latest, now, validity);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("topic", topic);
    v.put("skill", skill);
    v.put("status", status.wire());
    v.put("routes", skill && status.routes());
    if (check != null) {
      v.put("check", summary(check));
    }
    if (latest != null) {
      v.put("latest", result(latest));
      if (latest.passed()) {
        v.put("validUntil", Times.iso(Instant.ofEpochMilli(latest.at() + validity)));
      }
    }
    return v;
  }

  // --- reading ---------------------------------------------------------------------------------

  private List<Check> checks(String floor) {
    Keys.Floor keys = Keys.floor(floor);
    List<Check> list = new ArrayList<>();
    for (String topic : new TreeSet<>(jedis.smembers(keys.skillChecks()))) {
      find(floor, topic).ifPresent(list::add);
    }
    return list;
  }

  private Optional<Check> find(String floor, String topic) {
    Map<String, String> hash = jedis.hgetAll(Keys.floor(floor).skillCheck(topic));
    if (hash.isEmpty() || hash.get("body") == null) {
      return Optional.empty();
    }
    Check.Body body = json.readValue(hash.get("body"), Check.Body.class);
    return Optional.of(
        new Check(
            topic,
            body.title(),
            body.passMark(),
            body.questions(),
            Long.parseLong(hash.get("version")),
            Long.parseLong(hash.get("updatedAt")),
            hash.get("author"),
            hash.get("authorName")));
  }

  /** Each specialist's latest results on the floor, by specialist id then topic. */
  private Map<String, Map<String, Result>> latestOfFloor(String floor) {
    Keys.Floor keys = Keys.floor(floor);
    Map<String, Map<String, Result>> all = new HashMap<>();
    for (User s : directory.specialistsOn(floor)) {
      Map<String, Result> mine = new HashMap<>();
      jedis
          .hgetAll(keys.skillLatest(s.id()))
          .forEach((topic, text) -> mine.put(topic, json.readValue(text, Result.class)));
      all.put(s.id(), mine);
    }
    return all;
  }

  // --- views -----------------------------------------------------------------------------------

  private static Map<String, Object> summary(Check c) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("topic", c.topic());
    v.put("title", c.title());
    v.put("passMark", c.passMark());
    v.put("questionCount", c.questions().size());
    v.put("version", c.version());
    v.put("updatedAt", Times.iso(Instant.ofEpochMilli(c.updatedAt())));
    v.put("authorName", c.authorName());
    return v;
  }

  /** The check to take (no answers) or, for a manager, to edit. */
  private static Map<String, Object> full(Check c, boolean withAnswers) {
    Map<String, Object> v = summary(c);
    v.put("authorId", c.authorId());
    List<Map<String, Object>> questions = new ArrayList<>();
    for (Check.Question q : c.questions()) {
      Map<String, Object> question = new LinkedHashMap<>();
      question.put("text", q.text());
      question.put("options", q.options());
      if (withAnswers) {
        question.put("answer", q.answer());
      }
      questions.add(question);
    }
    v.put("questions", questions);
    return v;
  }

  private static Map<String, Object> result(Result r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("topic", r.topic());
    v.put("passed", r.passed());
    v.put("score", r.score());
    v.put("correct", r.correct());
    v.put("total", r.total());
    v.put("at", Times.iso(Instant.ofEpochMilli(r.at())));
    v.put("version", r.version());
    return v;
  }

  private String validUntil(Result r) {
    return Times.iso(Instant.ofEpochMilli(r.at() + live.skillCheckValidity().toMillis()));
  }

  // --- roles -----------------------------------------------------------------------------------

  private static boolean isManager(User user) {
    return user.hasAny(Role.MANAGER, Role.ADMIN);
  }

  /** Managers and specialists read checks; true for a manager, who sees the answers. */
  private static boolean requireReader(User user) {
    if (isManager(user)) {
      return true;
    }
    if (user.has(Role.SPECIALIST)) {
      return false;
    }
    throw new Refused(ErrorCode.FORBIDDEN, "Only specialists and managers see skill checks");
  }

  private static void requireManager(User user, String what) {
    if (!isManager(user)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only managers may " + what);
    }
  }

  private static Refused noCheck(String topic) {
    return new Refused(ErrorCode.NOT_FOUND, "There is no skill check on topic '" + topic + "'");
  }
}
