package io.handup.knowledge;

import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/knowledge}: search, read, write and confirm entries of the caller's floor. */
@RestController
@RequestMapping("/api/knowledge")
class KnowledgeController {

  private final KnowledgeBase knowledge;

  KnowledgeController(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  /** With {@code q}, the best matches (Chinese or English); without, the topic's newest entries. */
  @GetMapping
  Map<String, Object> search(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String topic,
      @RequestParam(required = false) Integer limit) {
    KnowledgeBase.Found found = knowledge.search(user, q, topic, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entries", found.entries().stream().map(Entry::view).toList());
    body.put("tookMs", found.tookMs());
    return body;
  }

  @GetMapping("/corrections")
  Map<String, Object> corrections(@AuthenticationPrincipal User user) {
    return Map.of("entries", knowledge.corrections(user).stream().map(Entry::view).toList());
  }

  /** The entry as it is now, with every version, newest first. */
  @GetMapping("/{id}")
  Map<String, Object> one(@AuthenticationPrincipal User user, @PathVariable String id) {
    Entry entry =
        knowledge
            .find(user.floor(), id)
            .orElseThrow(() -> new Refused(ErrorCode.NOT_FOUND, "No knowledge entry " + id));
    Map<String, Object> body = entry.view();
    List<Map<String, Object>> versions = knowledge.versions(user.floor(), id);
    body.put("versions", versions);
    return body;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(
      @AuthenticationPrincipal User user, @RequestBody KnowledgeBase.Draft draft) {
    return knowledge.create(user, draft).view();
  }

  @PutMapping("/{id}")
  Map<String, Object> edit(
      @AuthenticationPrincipal User user,
      @PathVariable String id,
      @RequestBody KnowledgeBase.Draft draft) {
    return knowledge.edit(user, id, draft).view();
  }

  @PostMapping("/{id}/confirm")
  Map<String, Object> confirm(
      @AuthenticationPrincipal User user,
      @PathVariable String id,
      @RequestBody(required = false) Confirmation confirmation) {
    return knowledge.confirm(user, id, confirmation == null ? null : confirmation.version()).view();
  }

  /** The body of a confirmation: the version the confirmer read. */
  record Confirmation(Integer version) {}
}
