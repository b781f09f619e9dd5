package io.handup.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.Keys;
import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import tools.jackson.databind.JsonNode;

/** Roster import and export through {@code /api/admin/roster.csv} on a real Redis. */
class RosterIT {

  private static final String HEADER = "id,name,roles,managerId,team,seat,floor,skills\r\n";

  private final TestNode node = TestFloor.nodeA();
  private final AdminClient admin = AdminClient.admin(node);
  private final Directory directory = node.bean(Directory.class);
  private final UnifiedJedis jedis = node.bean(UnifiedJedis.class);

  @Test
  void goodFileCreatesThenUpdatesUsersAndTheChainsTheScriptsRead() {
    String floor = AdminClient.unique("roster");
    String p = floor + "-";
    String csv =
        HEADER
            + p
            + "lead,Lead One,LEAD,,,L-1,"
            + floor
            + ",\r\n"
            + p
            + "spec,Spec One,SPECIALIST,,,C-1,"
            + floor
            + ",billing;technical\r\n"
            + p
            + "a1,Agent One,AGENT,"
            + p
            + "lead,"
            + p
            + "lead,A-1,"
            + floor
            + ",\r\n"
            + p
            + "a2,\"Agent, Two\",AGENT,"
            + p
            + "spec,"
            + p
            + "lead,A-2,"
            + floor
            + ",\r\n";

    Api.Response first = admin.postCsv("/api/admin/roster.csv", csv);
    Api.Response second =
        admin.postCsv(
            "/api/admin/roster.csv",
            csv.replace("billing;technical", "policy").replace("A-1", "A-9"));

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("created").asInt()).isEqualTo(4);
    assertThat(second.json().get("updated").asInt()).isEqualTo(2);
    assertThat(second.json().get("unchanged").asInt()).isEqualTo(2);
    User a2 = directory.find(p + "a2").orElseThrow();
    assertThat(a2.name()).isEqualTo("Agent, Two");
    assertThat(a2.roles()).containsExactly(Role.AGENT);
    assertThat(a2.team()).isEqualTo(p + "lead");
    assertThat(directory.find(p + "a1").orElseThrow().seat()).isEqualTo("A-9");
    Keys.Floor keys = Keys.floor(floor);
    assertThat(jedis.smembers(keys.chain(p + "a2"))).containsExactly(p + "spec");
    assertThat(jedis.smembers(keys.skills(p + "spec"))).containsExactly("policy");
    assertThat(jedis.smembers(keys.specialists())).containsExactly(p + "spec");
    assertThat(AdminIT.audit(admin, "roster.import", "").get("detail").stringValue())
        .contains("2 updated");
  }

  @Test
  void badFileReportsEveryBadLineAndWritesNothing() {
    String floor = AdminClient.unique("roster");
    String p = floor + "-";
    admin.postCsv(
        "/api/admin/roster.csv",
        HEADER
            + p
            + "lead,Lead,LEAD,,,L-1,"
            + floor
            + ",\r\n"
            + p
            + "a1,Agent One,AGENT,"
            + p
            + "lead,,A-1,"
            + floor
            + ",\r\n");
    Map<String, String> before = snapshot(floor);

    Api.Response response =
        admin.postCsv(
            "/api/admin/roster.csv",
            HEADER
                + p
                + "a1,Renamed,AGENT,"
                + p
                + "lead,,A-1,"
                + floor
                + ",\r\n" // 2: fine
                + p
                + "new,New One,AGENT,,,A-2,"
                + floor
                + ",\r\n" // 3: fine
                + p
                + "a3,Agent Three,AGENT,nobody,,A-3,"
                + floor
                + ",\r\n" // 4
                + p
                + "new,New Again,AGENT,,,A-4,"
                + floor
                + ",\r\n" // 5
                + p
                + "a5,Agent Five,CEO,,,A-5,"
                + floor
                + ",\r\n" // 6
                + p
                + "a6,,AGENT,,,A-6,"
                + floor
                + ",\r\n" // 7
                + p
                + "a7,Agent Seven,AGENT,,,A-7,no:floor,\r\n" // 8
                + p
                + "lead,Lead,LEAD,"
                + p
                + "a1,,L-1,"
                + floor
                + ",\r\n"); // 9: cycle

    assertThat(response.status()).isEqualTo(400);
    JsonNode body = response.json();
    assertThat(body.get("code").stringValue()).isEqualTo("bad_request");
    assertThat(body.get("message").stringValue()).contains("nothing was imported");
    assertThat(body.get("errors").valueStream().map(e -> e.get("line").asInt() + " " + reason(e)))
        .containsExactly(
            "2 a cycle in the reporting line",
            "4 unknown manager nobody",
            "5 duplicate id " + p + "new (first on line 3)",
            "6 unknown role CEO",
            "7 missing required field name",
            "8 bad floor 'no:floor'",
            "9 a cycle in the reporting line");
    assertThat(snapshot(floor)).isEqualTo(before);
    assertThat(directory.find(p + "new")).isEmpty();
    assertThat(directory.find(p + "a1").orElseThrow().name()).isEqualTo("Agent One");
  }

  @Test
  void exportedRosterImportsUnchangedAndExportsTheSame() {
    admin.postCsv(
        "/api/admin/roster.csv",
        HEADER
            + AdminClient.unique("rt")
            + ",\"=Tricky, \"\"Name\"\"\",AGENT;LEAD,,,\"S,1\","
            + AdminClient.unique("roster")
            + ",\r\n");
    Api.Response exported = admin.get("/api/admin/roster.csv");

    Api.Response imported = admin.postCsv("/api/admin/roster.csv", exported.body());
    Api.Response again = admin.get("/api/admin/roster.csv");

    assertThat(exported.status()).isEqualTo(200);
    assertThat(exported.body())
        .startsWith("id,name,roles,managerId,team,seat,floor,skills,email\r\n")
        .contains("'=Tricky");
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().get("created").asInt()).isZero();
    assertThat(imported.json().get("updated").asInt()).isZero();
    assertThat(imported.json().get("unchanged").asInt())
        .isEqualTo((int) exported.body().lines().count() - 1);
    assertThat(again.body()).isEqualTo(exported.body());
  }

  @Test
  void anEmptyFileOrAWrongHeaderIsRefused() {
    Api.Response empty = admin.postCsv("/api/admin/roster.csv", "");
    Api.Response header = admin.postCsv("/api/admin/roster.csv", "name,id\r\nx,y\r\n");

    assertThat(empty.status()).isEqualTo(400);
    assertThat(header.status()).isEqualTo(400);
    assertThat(header.json().get("errors").valueStream().map(RosterIT::reason))
        .containsExactly("missing column roles", "missing column floor");
  }

  private static String reason(JsonNode error) {
    String reason = error.get("reason").stringValue();
    int cut = reason.startsWith("a cycle") ? "a cycle in the reporting line".length() : -1;
    if (cut > 0) {
      return reason.substring(0, cut);
    }
    int paren = reason.indexOf(" (AGENT");
    int colon = reason.indexOf("':");
    return paren > 0
        ? reason.substring(0, paren)
        : colon > 0 ? reason.substring(0, colon + 1) : reason;
  }

  /** Every directory key and every key of the floor, with its contents. */
  private Map<String, String> snapshot(String floor) {
    Map<String, String> all = new TreeMap<>();
    for (String pattern : new String[] {"handup:user:*", Keys.floor(floor).prefix() + "*"}) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page =
            jedis.scan(
                cursor,
                new ScanParams()
                    .match(pattern.replace("{", "\\{").replace("}", "\\}"))
                    .count(1000));
        for (String key : page.getResult()) {
          if (key.equals(Keys.floor(floor).events())) {
            // the nodes' followers create a new floor's stream in the background, any time
            continue;
          }
          String type = jedis.type(key);
          all.put(
              key,
              switch (type) {
                case "hash" -> new TreeMap<>(jedis.hgetAll(key)).toString();
                case "set" -> new java.util.TreeSet<>(jedis.smembers(key)).toString();
                default -> type;
              });
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    all.put("users", new java.util.TreeSet<>(jedis.smembers(Keys.users())).toString());
    all.put("floors", new java.util.TreeSet<>(jedis.smembers(Keys.floors())).toString());
    return all;
  }
}
