package io.handup.board;

import io.handup.directory.Role;
import io.handup.directory.User;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each user to the page of their role, and serves the board's page. */
@Controller
class PageController {

  @GetMapping("/")
  String home(Authentication authentication) {
    return "redirect:" + pageFor(authentication);
  }

  @GetMapping({"/board", "/board/"})
  String board() {
    return "forward:/board/index.html";
  }

  static String pageFor(Authentication authentication) {
    if (authentication != null && authentication.getPrincipal() instanceof User user) {
      if (user.has(Role.SPECIALIST)) {
        return "/board";
      }
      if (user.hasAny(Role.MANAGER, Role.LEAD)) {
        return "/dashboard";
      }
      if (user.has(Role.AGENT)) {
        return "/widget/demo.html";
      }
      if (user.has(Role.ADMIN)) {
        return "/admin";
      }
    }
    return "/dashboard";
  }
}
