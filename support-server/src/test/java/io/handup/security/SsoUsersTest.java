package io.handup.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.directory.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SsoUsersTest {

  private static final Map<String, Set<Role>> MAPPING =
      Map.of(
          "floor-specialists", Set.of(Role.SPECIALIST),
          "floor-leads", Set.of(Role.LEAD, Role.MANAGER));

  @Test
  void everyMappedGroupAddsItsRolesAndOthersAddNone() {
    assertThat(SsoUsers.rolesFrom(List.of("floor-leads", "floor-specialists", "staff"), MAPPING))
        .containsExactlyInAnyOrder(Role.SPECIALIST, Role.LEAD, Role.MANAGER);
  }

  @Test
  void aClaimGivenAsOneStringIsSplitOnSpacesAndCommas() {
    assertThat(SsoUsers.values("floor-specialists, staff  floor-leads"))
        .containsExactly("floor-specialists", "staff", "floor-leads");
    assertThat(SsoUsers.rolesFrom("floor-specialists", MAPPING)).containsExactly(Role.SPECIALIST);
  }

  @Test
  void groupsAreMatchedExactlySoASimilarNameGivesNoRole() {
    assertThat(SsoUsers.rolesFrom(List.of("Floor-Specialists", "floor-specialists-old"), MAPPING))
        .isEmpty();
    assertThat(SsoUsers.rolesFrom(null, MAPPING)).isEmpty();
  }
}
