package io.handup.system;

/**
 * Every Redis key Handup uses, built here and nowhere else. Keys of a floor carry the floor as a
 * hash tag ({@code handup:{demo}:...}) so that one Lua script only ever touches one cluster slot,
 * and a Redis Cluster spreads floors over its shards.
 */
public final class Keys {

  public static final String NAMESPACE = "handup";

  private Keys() {}

  public static Floor floor(String floor) {
    return new Floor(floor);
  }

  /** A user's directory entry (a hash). */
  public static String user(String userId) {
    return NAMESPACE + ":user:" + userId;
  }

  /** The ids of every user (a set). */
  public static String users() {
    return NAMESPACE + ":users";
  }

  /** Every floor that has users (a set); nodes follow each floor's event stream. */
  public static String floors() {
    return NAMESPACE + ":floors";
  }

  /** Users who may not sign in, whose tokens and sockets stop working (a set of ids). */
  public static String disabledUsers() {
    return NAMESPACE + ":users:disabled";
  }

  /**
   * Settings an administrator changed at run time (a hash of name to value); a missing field means
   * the configured default. Every node reads it, so a change needs no restart.
   */
  public static String settings() {
    return NAMESPACE + ":settings";
  }

  /** Who changed what and every sign-in (a stream, trimmed by age). */
  public static String audit() {
    return NAMESPACE + ":audit";
  }

  /** The key tokens are signed with when none is configured, shared by every node. */
  public static String tokenSecret() {
    return NAMESPACE + ":token-secret";
  }

  /** Failed logins of one username within the lockout window (a counter with a TTL). */
  public static String failedLogins(String username) {
    return NAMESPACE + ":failed-logins:" + username;
  }

  /** The keys of one floor. The Lua scripts get {@link #prefix()} and add the same suffixes. */
  public record Floor(String name) {

    /** {@code handup:{floor}:} — what every key of this floor starts with. */
    public String prefix() {
      return NAMESPACE + ":{" + name + "}:";
    }

    /** One help request (a hash). */
    public String request(String requestId) {
      return prefix() + "req:" + requestId;
    }

    /** Waiting requests in routing order: urgent first, then oldest (a sorted set). */
    public String queue() {
      return prefix() + "queue";
    }

    /** Every open request (queued, offered or claimed), scored by when it was raised. */
    public String open() {
      return prefix() + "open";
    }

    /** Every request ever raised on the floor, scored by when it was raised; reports read it. */
    public String history() {
      return prefix() + "history";
    }

    /** The floor's event stream, which every node follows. */
    public String events() {
      return prefix() + "events";
    }

    /** Due times of offer timeouts, expiries and other timers (a sorted set of {@code kind:id}). */
    public String timers() {
      return prefix() + "timers";
    }

    /** A specialist's presence (a hash: status, requestId, since, lapses). */
    public String specialist(String specialistId) {
      return prefix() + "spec:" + specialistId;
    }

    /** The specialists of the floor (a set). */
    public String specialists() {
      return prefix() + "specs";
    }

    /** The topics a specialist answers (a set), read by the offer script. */
    public String skills(String specialistId) {
      return prefix() + "skills:" + specialistId;
    }

    /** The people in an agent's management chain (a set), read by claim and offer scripts. */
    public String chain(String agentId) {
      return prefix() + "chain:" + agentId;
    }

    /** The chat of one request (a list of JSON lines). */
    public String chat(String requestId) {
      return prefix() + "chat:" + requestId;
    }

    /** The request an agent has open, if any (a string). */
    public String agentOpen(String agentId) {
      return prefix() + "agent-open:" + agentId;
    }

    /** Every request of one agent by raise time (a sorted set): the widget's history. */
    public String agentHistory(String agentId) {
      return prefix() + "mine:" + agentId;
    }

    /** The last claims' waits in milliseconds (a list) of one priority, for the estimates. */
    public String recentWaits(boolean urgent) {
      return prefix() + "recent-waits:" + (urgent ? "urgent" : "normal");
    }

    /** A specialist's open sockets on all nodes (a sorted set of connection ids by lease end). */
    public String connections(String specialistId) {
      return prefix() + "conns:" + specialistId;
    }

    /**
     * The rollups of the requests raised on one day (a hash of the floor's counters), with the same
     * name plus {@code :hist} (the floor's histograms), {@code :hours:cells}, {@code
     * :topics:cells}, {@code :specs:cells} (strings of fixed-size cells), {@code :topics}, {@code
     * :specs} (hashes of each cell's slot and name), {@code :claimers} and {@code :applied} (what
     * rollup.lua last folded in for each request). {@code tag} names the zone the day is counted
     * in, the service-level target and the layout, so nodes set up differently never mix their
     * figures.
     */
    public String rollup(String tag, String day) {
      return prefix() + "rollup:" + tag + ":" + day;
    }

    /** Answers flagged wrong and not yet reviewed (a sorted set by flag time). */
    public String reviewQueue() {
      return prefix() + "review";
    }

    // --- skill checks (docs/skills.md) ---------------------------------------------------------

    /** The topics of the floor that have a skill check (a set), read by the offer script. */
    public String skillChecks() {
      return prefix() + "skill-checks";
    }

    /** One topic's check (a hash: body as JSON, version, updatedAt, author). */
    public String skillCheck(String topic) {
      return prefix() + "skill-check:" + topic;
    }

    /** A specialist's latest result per topic (a hash of topic to JSON), read by offer.lua. */
    public String skillLatest(String specialistId) {
      return prefix() + "skill-latest:" + specialistId;
    }

    /** A specialist's results, newest first (a capped list of JSON). */
    public String skillHistory(String specialistId) {
      return prefix() + "skill-history:" + specialistId;
    }

    // --- duty and rotation ---

    /**
     * A specialist's shifts on the duty roster (a sorted set of {@code <start>:<end>} epoch
     * milliseconds, scored by start; shifts never overlap). A specialist with no such key is not
     * rostered.
     */
    public String duty(String specialistId) {
      return prefix() + "duty:" + specialistId;
    }

    /**
     * Milliseconds specialists spent on the floor, off it and away during one UTC day ({@code
     * epochDay}, days since 1970-01-01): a hash of {@code <specialistId>|<quarter hour of the
     * day>|on|off|away}, so reports can count days in any zone.
     */
    public String floorTime(long epochDay) {
      return prefix() + "floortime:" + epochDay;
    }

    // --- knowledge base (io.handup.knowledge; the same suffixes are in lib.lua) ---

    /** One knowledge entry (a hash). */
    public String kbEntry(String entryId) {
      return prefix() + "kb:entry:" + entryId;
    }

    /** An entry's versions, newest first (a list of JSON objects). */
    public String kbVersions(String entryId) {
      return prefix() + "kb:versions:" + entryId;
    }

    /** Every entry of the floor, scored by when it last changed (a sorted set). */
    public String kbEntries() {
      return prefix() + "kb:entries";
    }

    /** Entries with an open correction, scored by when it was opened (a sorted set). */
    public String kbCorrections() {
      return prefix() + "kb:corrections";
    }

    /** The ids of entries as they change (a stream), which every node's search index follows. */
    public String kbChanges() {
      return prefix() + "kb:changes";
    }
  }
}
