package io.handup.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The demo floor of the design, and the management chains the reporting-line rule reads. */
class DemoFloorTest {

  private final Map<String, User> floor = byId(DemoFloor.users(20, 4));

  @Test
  void defaultFloorHasTheDesignsPeople() {
    assertThat(floor.keySet())
        .hasSize(1 + 1 + 2 + 4 + 20)
        .contains("admin", "manager", "lead-1", "lead-2", "spec-1", "spec-4", "agent-1", "agent-20")
        .doesNotContain("lead-3", "spec-5", "agent-21", "agent-0");
    assertThat(floor.values()).allSatisfy(u -> assertThat(u.floor()).isEqualTo("demo"));
  }

  @Test
  void everyoneHasTheRoleOfTheirName() {
    assertThat(floor.get("admin").roles()).containsExactly(Role.ADMIN);
    assertThat(floor.get("manager").roles()).containsExactly(Role.MANAGER);
    assertThat(floor.get("lead-2").roles()).containsExactly(Role.LEAD);
    assertThat(floor.get("spec-3").roles()).containsExactly(Role.SPECIALIST);
    assertThat(floor.get("agent-11").roles()).containsExactly(Role.AGENT);
  }

  @Test
  void agentsAreInTeamsOfTenUnderTheTwoLeads() {
    for (int a = 1; a <= 20; a++) {
      String expectedLead = a <= 10 ? "lead-1" : "lead-2";
      User agent = floor.get("agent-" + a);
      assertThat(agent.team()).as(agent.id()).isEqualTo(expectedLead);
      if (a != 20) {
        assertThat(agent.managerId()).as(agent.id()).isEqualTo(expectedLead);
      }
    }
  }

  @Test
  void specialistsHaveTheDesignsSkillsAndAnswerToTheManager() {
    assertThat(floor.get("spec-1").skills()).containsExactlyInAnyOrder("billing");
    assertThat(floor.get("spec-2").skills()).containsExactlyInAnyOrder("billing", "technical");
    assertThat(floor.get("spec-3").skills()).containsExactlyInAnyOrder("technical");
    assertThat(floor.get("spec-4").skills()).containsExactlyInAnyOrder("policy");
    for (int s = 1; s <= 4; s++) {
      User specialist = floor.get("spec-" + s);
      assertThat(specialist.managerId()).isEqualTo("manager");
      assertThat(specialist.seat()).as("where they walk to").isNotBlank();
    }
  }

  @Test
  void specialistFourMentorsAgentTwentyAndSoSitsInTheirReportingLine() {
    User agent20 = floor.get("agent-20");

    assertThat(agent20.managerId()).isEqualTo("spec-4");
    assertThat(agent20.team()).as("still in lead-2's team for the aggregates").isEqualTo("lead-2");
    assertThat(Directory.chainOf("agent-20", floor)).containsExactly("spec-4", "manager");
    assertThat(Directory.chainOf("agent-19", floor)).containsExactly("lead-2");
  }

  @Test
  void agentsAndSpecialistsHaveSeatsOfTheirOwn() {
    List<String> seats =
        floor.values().stream()
            .filter(u -> u.hasAny(Role.AGENT, Role.SPECIALIST))
            .map(User::seat)
            .toList();

    assertThat(seats).doesNotContain("").doesNotHaveDuplicates();
  }

  @Test
  void floorScalesToMoreAgentsInTeamsOfTen() {
    Map<String, User> big = byId(DemoFloor.users(35, 4));

    assertThat(big.keySet()).contains("lead-3", "lead-4", "agent-35").doesNotContain("lead-5");
    assertThat(big.get("agent-21").team()).isEqualTo("lead-3");
    assertThat(big.get("agent-30").team()).isEqualTo("lead-3");
    assertThat(big.get("agent-31").team()).isEqualTo("lead-4");
    assertThat(big.get("agent-31").managerId()).isEqualTo("lead-4");
    assertThat(big.get("agent-20").managerId()).isEqualTo("spec-4");
    assertThat(big.values().stream().filter(u -> u.has(Role.AGENT))).hasSize(35);
  }

  @Test
  void furtherSpecialistsSkillsCycleBillingTechnicalPolicy() {
    Map<String, User> big = byId(DemoFloor.users(20, 10));

    assertThat(Stream.of(5, 6, 7, 8, 9, 10).map(s -> big.get("spec-" + s).skills()).toList())
        .containsExactly(
            Set.of("billing"),
            Set.of("technical"),
            Set.of("policy"),
            Set.of("billing"),
            Set.of("technical"),
            Set.of("policy"));
    assertThat(big.get("spec-2").skills()).containsExactlyInAnyOrder("billing", "technical");
  }

  @Test
  void smallFloorWithoutSpecFourLeavesAgentTwentyWithTheirLead() {
    Map<String, User> small = byId(DemoFloor.users(20, 3));

    assertThat(small.get("agent-20").managerId()).isEqualTo("lead-2");
    assertThat(small).doesNotContainKey("spec-4");
  }

  @Test
  void partialTeamStillGetsALead() {
    Map<String, User> odd = byId(DemoFloor.users(11, 4));

    assertThat(odd.get("agent-11").team()).isEqualTo("lead-2");
    assertThat(odd).containsKey("lead-2").doesNotContainKey("lead-3");
  }

  // --- Directory.chainOf ---------------------------------------------------------------------

  @Test
  void chainClimbsManagerByManagerToTheTop() {
    Map<String, User> people =
        byId(List.of(user("a", "b"), user("b", "c"), user("c", "d"), user("d", null)));

    assertThat(Directory.chainOf("a", people)).containsExactly("b", "c", "d");
    assertThat(Directory.chainOf("c", people)).containsExactly("d");
    assertThat(Directory.chainOf("d", people)).isEmpty();
  }

  @Test
  void chainOfSomeoneUnknownIsEmpty() {
    assertThat(Directory.chainOf("ghost", byId(List.of(user("a", "b"))))).isEmpty();
  }

  @Test
  void chainKeepsAManagerWhoIsNotInTheDirectoryAndStopsThere() {
    Map<String, User> people = byId(List.of(user("a", "b"), user("b", "gone")));

    assertThat(Directory.chainOf("a", people)).containsExactly("b", "gone");
  }

  @Test
  void chainStopsOnACycleBackToTheStart() {
    Map<String, User> people = byId(List.of(user("a", "b"), user("b", "c"), user("c", "a")));

    assertThat(Directory.chainOf("a", people))
        .as("never the person themself")
        .containsExactly("b", "c");
  }

  @Test
  void chainStopsOnACycleAboveTheStart() {
    Map<String, User> people = byId(List.of(user("a", "b"), user("b", "c"), user("c", "b")));

    assertThat(Directory.chainOf("a", people)).containsExactly("b", "c");
  }

  @Test
  void chainOfSomeoneWhoManagesThemselfIsEmpty() {
    assertThat(Directory.chainOf("a", byId(List.of(user("a", "a"))))).isEmpty();
  }

  private static User user(String id, String managerId) {
    return new User(id, id, Set.of(Role.AGENT), managerId, null, "", "demo", Set.of());
  }

  private static Map<String, User> byId(List<User> users) {
    return users.stream().collect(Collectors.toMap(User::id, Function.identity()));
  }
}
