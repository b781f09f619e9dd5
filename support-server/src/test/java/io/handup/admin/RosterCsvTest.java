package io.handup.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.directory.Role;
import io.handup.directory.User;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The roster's CSV and the rules every row must pass, without Redis. */
class RosterCsvTest {

  private static final String HEADER = "id,name,roles,managerId,team,seat,floor,skills\r\n";

  @Test
  void writtenRosterReadsBackAsTheSameUsers() {
    List<User> users =
        List.of(
            new User("lead", "Lead, \"Big\"", Set.of(Role.LEAD), null, null, "L-1", "f", Set.of()),
            new User(
                "s1",
                "=Sum(A1)",
                Set.of(Role.SPECIALIST, Role.AGENT),
                "lead",
                "lead",
                "",
                "f",
                Set.of("billing", "tech support"),
                "s1@corp.example"));

    RosterCsv.Parsed parsed = RosterCsv.parse(RosterCsv.write(users));
    RosterRules.Checked checked = RosterRules.check(parsed.rows(), Map.of());

    assertThat(parsed.problems()).isEmpty();
    assertThat(checked.problems()).isEmpty();
    assertThat(checked.users()).containsExactlyElementsOf(users);
  }

  @Test
  void aCellThatASpreadsheetWouldRunIsGuardedOnExport() {
    assertThat(RosterCsv.cell("=cmd()")).isEqualTo("'=cmd()");
    assertThat(RosterCsv.cell("a,b")).isEqualTo("\"a,b\"");
  }

  @Test
  void rolesAndSkillsMaySplitOnSemicolonOrBar() {
    RosterCsv.Parsed parsed =
        RosterCsv.parse(HEADER + "s1,S One,specialist|agent,,,C-1,f,billing; policy|technical\r\n");

    RosterRules.Checked checked = RosterRules.check(parsed.rows(), Map.of());

    assertThat(checked.users().get(0).roles()).containsOnly(Role.SPECIALIST, Role.AGENT);
    assertThat(checked.users().get(0).skills()).containsOnly("billing", "policy", "technical");
  }

  @Test
  void everyBadRowIsReportedWithItsLineAndReason() {
    String csv =
        HEADER
            + "a1,Agent One,AGENT,ghost,,A-1,f,\r\n" // line 2: unknown manager
            + "a1,Agent Again,AGENT,,,A-2,f,\r\n" // line 3: duplicate id
            + "a3,Agent Three,BOSS,,,A-3,f,\r\n" // line 4: unknown role
            + ",No Id,AGENT,,,A-4,f,\r\n" // line 5: missing id
            + "a5,Agent Five,AGENT,,,A-5,\"bad{floor}\",\r\n" // line 6: bad floor
            + "x,X,LEAD,y,,,f,\r\n" // line 7: x → y
            + "y,Y,LEAD,x,,,f,\r\n" // line 8: y → x, a cycle
            + "a9,\"Two\nLines\",AGENT,,,,f\r\n" // line 9-10: too few fields
            + "a10,Agent Ten,AGENT,,,A-10,f,\r\n"; // line 11: fine

    RosterCsv.Parsed parsed = RosterCsv.parse(csv);
    RosterRules.Checked checked = RosterRules.check(parsed.rows(), Map.of());

    assertThat(parsed.problems())
        .extracting(RowProblem::line, RowProblem::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(9, "8 fields expected, found 7"));
    assertThat(checked.users()).isEmpty();
    assertThat(checked.problems())
        .extracting(p -> p.line() + " " + p.reason())
        .containsExactly(
            "2 unknown manager ghost",
            "3 duplicate id a1 (first on line 2)",
            "4 unknown role BOSS (AGENT, SPECIALIST, LEAD, MANAGER or ADMIN)",
            "5 missing required field id",
            "6 bad floor 'bad{floor}': letters, digits, _ and - only, at most 40",
            "7 a cycle in the reporting line: x → y → x",
            "8 a cycle in the reporting line: y → x → y");
  }

  @Test
  void aCycleThroughSomeoneAlreadyInTheDirectoryIsFound() {
    Map<String, User> existing =
        Map.of(
            "boss", new User("boss", "Boss", Set.of(Role.MANAGER), "a1", null, "", "f", Set.of()));

    RosterRules.Checked checked =
        RosterRules.check(RosterCsv.parse(HEADER + "a1,A,AGENT,boss,,,f,\r\n").rows(), existing);

    assertThat(checked.problems())
        .extracting(RowProblem::reason)
        .containsExactly("a cycle in the reporting line: a1 → boss → a1");
  }

  @Test
  void aHeaderWithUnknownOrMissingColumnsStopsTheFile() {
    RosterCsv.Parsed parsed = RosterCsv.parse("id,name,colour\r\nx,X,red\r\n");

    assertThat(parsed.problems())
        .extracting(p -> p.line() + " " + p.reason())
        .containsExactly(
            "1 unknown column 'colour'", "1 missing column roles", "1 missing column floor");
  }

  @Test
  void requiredFieldsMustBeThere() {
    RosterRules.Checked checked =
        RosterRules.check(RosterCsv.parse(HEADER + "z,,,,,,,\r\n").rows(), Map.of());

    assertThat(checked.problems())
        .extracting(RowProblem::reason)
        .containsExactly(
            "missing required field name",
            "missing required field roles",
            "missing required field floor");
  }

  @Test
  void aRosterWithoutTheEmailColumnKeepsTheStoredAddresses() {
    User stored =
        new User("a1", "A", Set.of(Role.AGENT), null, null, "", "f", Set.of(), "a1@corp.example");

    RosterRules.Checked checked =
        RosterRules.check(
            RosterCsv.parse(HEADER + "a1,A Renamed,AGENT,,,,f,\r\n").rows(), Map.of("a1", stored));

    assertThat(checked.users()).extracting(User::email).containsExactly("a1@corp.example");
  }

  @Test
  void anEmptyEmailCellRemovesTheAddress() {
    User stored =
        new User("a1", "A", Set.of(Role.AGENT), null, null, "", "f", Set.of(), "a1@corp.example");

    RosterRules.Checked checked =
        RosterRules.check(
            RosterCsv.parse("id,name,roles,floor,email\r\na1,A,AGENT,f,\r\n").rows(),
            Map.of("a1", stored));

    assertThat(checked.users()).extracting(User::email).containsOnlyNulls();
  }

  @Test
  void aBadOrSharedEmailIsReportedBecauseSingleSignOnMatchesByIt() {
    User stored =
        new User("b0", "B", Set.of(Role.AGENT), null, null, "", "f", Set.of(), "b@corp.example");

    RosterRules.Checked checked =
        RosterRules.check(
            RosterCsv.parse(
                    "id,name,roles,floor,email\r\n"
                        + "a1,A,AGENT,f,not-an-address\r\n"
                        + "a2,A,AGENT,f,B@Corp.Example\r\n")
                .rows(),
            Map.of("b0", stored));

    assertThat(checked.problems())
        .extracting(p -> p.line() + " " + p.reason())
        .containsExactly(
            "2 bad e-mail address 'not-an-address'", "3 e-mail B@Corp.Example is also b0's");
  }
}
