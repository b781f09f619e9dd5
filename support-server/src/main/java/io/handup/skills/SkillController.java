package io.handup.skills;

import io.handup.directory.User;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/skills}: checks on the caller's floor (managers write, specialists take) and where
 * skills stand. Roles are checked in {@link SkillChecks}.
 */
@RestController
@RequestMapping("/api/skills")
class SkillController {

  private final SkillChecks checks;

  SkillController(SkillChecks checks) {
    this.checks = checks;
  }

  @GetMapping("/checks")
  List<Map<String, Object>> list(@AuthenticationPrincipal User user) {
    return checks.list(user);
  }

  @GetMapping("/checks/{topic}")
  Map<String, Object> check(@AuthenticationPrincipal User user, @PathVariable String topic) {
    return checks.view(user, topic);
  }

  /** Writes the topic's check; with {@code version}, only over that version. */
  @PutMapping("/checks/{topic}")
  Map<String, Object> save(
      @AuthenticationPrincipal User user,
      @PathVariable String topic,
      @RequestBody Check.Form form) {
    return checks.save(user, topic, form);
  }

  /** The topic routes by the directory's skills again; results stay in the history. */
  @DeleteMapping("/checks/{topic}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(
      @AuthenticationPrincipal User user,
      @PathVariable String topic,
      @RequestParam(required = false) Long version) {
    checks.delete(user, topic, version);
  }

  @PostMapping("/checks/{topic}/attempts")
  Map<String, Object> attempt(
      @AuthenticationPrincipal User user,
      @PathVariable String topic,
      @RequestBody Check.Answers answers) {
    return checks.attempt(user, topic, answers);
  }

  @GetMapping("/me")
  Map<String, Object> mine(@AuthenticationPrincipal User user) {
    return checks.mine(user);
  }

  @GetMapping("/specialists/{id}")
  Map<String, Object> specialist(@AuthenticationPrincipal User user, @PathVariable String id) {
    return checks.ofSpecialist(user, id);
  }
}
