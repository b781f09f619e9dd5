package io.handup.request;

import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP side of requests, for CTI and softphone integrations. Agents see their own requests;
 * specialists and managers their floor's; leads none (they get aggregates only).
 */
@RestController
@RequestMapping("/api/requests")
class RequestController {

  private final Lifecycle lifecycle;
  private final HelpRequests requests;

  RequestController(Lifecycle lifecycle, HelpRequests requests) {
    this.lifecycle = lifecycle;
    this.requests = requests;
  }

  @PostMapping
  Map<String, Object> raise(@AuthenticationPrincipal User user, @RequestBody Raise raise) {
    return requests.view(lifecycle.raise(user, raise), false);
  }

  @GetMapping
  List<Map<String, Object>> list(
      @AuthenticationPrincipal User user,
      @RequestParam(name = "state", defaultValue = "open") String state) {
    if (!"open".equals(state)) {
      throw new Refused(ErrorCode.BAD_REQUEST, "state must be 'open'");
    }
    if (user.hasAny(Role.SPECIALIST, Role.MANAGER)) {
      boolean withRating = user.has(Role.MANAGER);
      return requests.views(user.floor(), requests.open(user.floor()), withRating);
    }
    if (user.has(Role.AGENT)) {
      return requests.openFor(user.floor(), user.id()).map(r -> requests.view(r, false)).stream()
          .toList();
    }
    throw new Refused(ErrorCode.FORBIDDEN, "Your role does not see individual requests");
  }

  @GetMapping("/{id}")
  Map<String, Object> one(@AuthenticationPrincipal User user, @PathVariable String id) {
    HelpRequest request =
        requests
            .find(user.floor(), id)
            .orElseThrow(() -> new Refused(ErrorCode.NOT_FOUND, "No request " + id));
    if (user.hasAny(Role.SPECIALIST, Role.MANAGER)) {
      return requests.view(request, user.has(Role.MANAGER));
    }
    if (user.has(Role.AGENT) && request.agentId().equals(user.id())) {
      return requests.view(request, false);
    }
    throw new Refused(ErrorCode.FORBIDDEN, "This is not your request");
  }
}
