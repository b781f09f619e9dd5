package io.handup.board;

import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.report.FloorToday;
import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /board/today}: the floor's service level and average wait today, as the managers'
 * reports count them, for the board's floor panel. Aggregates only, so any specialist may see it.
 */
@RestController
class BoardTodayController {

  private final FloorToday today;

  BoardTodayController(FloorToday today) {
    this.today = today;
  }

  @GetMapping("/board/today")
  ResponseEntity<FloorToday.Figures> today(@AuthenticationPrincipal User user) {
    if (user == null || !user.hasAny(Role.SPECIALIST, Role.MANAGER)) {
      throw new Refused(
          ErrorCode.FORBIDDEN, "The board's figures are for specialists and managers");
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(today.of(user.floor()));
  }
}
