package io.handup.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge base through its API and the request frames, on two real nodes and a real Redis.
 * Each test works under a topic of its own, so entries of other tests never show in its searches.
 */
class KnowledgeIT {

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);
  private final String topic = "t-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<WsClient> sockets = new ArrayList<>();
  private final Map<String, String> tokens = new HashMap<>();

  @AfterEach
  void closeSockets() {
    sockets.forEach(WsClient::close);
  }

  @Test
  void resolvedRequestBecomesAnEntryThatTheRequestLinks() {
    String specialist = TestFloor.freshSpecialist();
    WsClient agent = socket(TestFloor.freshAgent());
    WsClient spec = socket(specialist);
    String requestId = raise(agent, "客户问电费账单为什么翻倍");
    spec.ack("claim", "requestId", requestId);

    Api.Response early = create(specialist, requestId, "电费为什么翻倍？", "核对抄表日期。");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().get("code").stringValue()).isEqualTo("conflict");

    spec.ack("resolve", "requestId", requestId, "note", "抄表日期变了");
    Api.Response created = create(specialist, requestId, "电费为什么翻倍？", "核对抄表日期，两次抄表间隔变长。");
    assertThat(created.status()).isEqualTo(201);
    JsonNode entry = created.json();
    String entryId = entry.get("id").stringValue();
    assertThat(entry.get("requestId").stringValue()).isEqualTo(requestId);
    assertThat(entry.get("ownerId").stringValue()).isEqualTo(specialist);
    assertThat(entry.get("ownerName").stringValue()).isNotBlank();
    assertThat(entry.get("version").asInt()).isEqualTo(1);
    assertThat(entry.get("confirmed").booleanValue()).isFalse();
    assertThat(entry.get("topic").stringValue()).isEqualTo(topic);

    JsonNode request = get(specialist, "/api/requests/" + requestId).json();
    assertThat(request.get("entryId").stringValue()).isEqualTo(entryId);
    agent.awaitRequest(requestId, r -> entryId.equals(r.path("entryId").asString("")));

    JsonNode whole = get(specialist, "/api/knowledge/" + entryId).json();
    assertThat(whole.get("versions")).hasSize(1);
    assertThat(whole.get("versions").get(0).get("requestId").stringValue()).isEqualTo(requestId);

    Api.Response again = create(specialist, requestId, "again", "again");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("message").stringValue()).contains(entryId);
    Api.Response other = create(TestFloor.freshSpecialist(), requestId, "mine?", "no");
    assertThat(other.status()).isEqualTo(403);
    assertThat(create(specialist, "r-nope", "q", "a").status()).isEqualTo(404);
  }

  @Test
  void editingKeepsEveryVersionAndAStaleVersionGetsConflict() {
    String author = TestFloor.freshSpecialist();
    String colleague = TestFloor.freshSpecialist();
    String id =
        create(author, null, "How long is the cooling-off period?", "14 days.")
            .json()
            .get("id")
            .stringValue();

    Api.Response edited =
        edit(colleague, id, 1, "How long is the cooling-off period?", "30 days since 2025.");
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().get("version").asInt()).isEqualTo(2);
    assertThat(edited.json().get("ownerId").stringValue()).as("the owner stays").isEqualTo(author);
    assertThat(edited.json().get("updatedBy").stringValue()).isEqualTo(colleague);

    Api.Response stale = edit(author, id, 1, "How long is the cooling-off period?", "21 days.");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("code").stringValue()).isEqualTo("conflict");
    assertThat(stale.json().get("message").stringValue()).contains("version 2");

    JsonNode whole = get(author, "/api/knowledge/" + id).json();
    assertThat(whole.get("answer").stringValue()).isEqualTo("30 days since 2025.");
    JsonNode versions = whole.get("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("version").asInt()).isEqualTo(2);
    assertThat(versions.get(0).get("by").stringValue()).isEqualTo(colleague);
    assertThat(versions.get(1).get("answer").stringValue()).isEqualTo("14 days.");

    // the one who wrote a version needs a second pair of eyes to confirm it
    Api.Response own = confirm(colleague, id, 2);
    assertThat(own.status()).isEqualTo(403);
    assertThat(confirm(author, id, 1).status()).isEqualTo(409);
    JsonNode confirmed = confirm(author, id, 2).json();
    assertThat(confirmed.get("confirmed").booleanValue()).isTrue();
    assertThat(confirmed.get("confirmedBy").stringValue()).isEqualTo(author);
    assertThat(confirmed.get("confirmedAt").stringValue()).matches(".*T.*Z");
    assertThat(confirm(author, id, 2).status()).as("confirming again is a retry").isEqualTo(200);

    JsonNode third = edit(author, id, 2, "Cooling-off period?", "30 days.").json();
    assertThat(third.get("version").asInt()).isEqualTo(3);
    assertThat(third.get("confirmed").booleanValue()).as("a new version is unconfirmed").isFalse();
    assertThat(third.get("confirmedBy").isNull()).isTrue();

    // every change is in the audit, with who made it
    List<String> audited = new ArrayList<>();
    for (JsonNode line : get("admin", "/api/admin/audit?limit=1000").json().get("lines")) {
      if (id.equals(line.get("target").stringValue())) {
        audited.add(line.get("actor").stringValue() + " " + line.get("action").stringValue());
      }
    }
    assertThat(audited)
        .containsExactly(
            author + " knowledge.edit",
            author + " knowledge.confirm",
            colleague + " knowledge.edit",
            author + " knowledge.create");
  }

  @Test
  void confirmedWrongAnswerOpensACorrectionOnItsEntryAndAnEditClosesIt() {
    String specialist = TestFloor.freshSpecialist();
    String agentId = TestFloor.freshAgent();
    String entryId =
        create(specialist, null, "Can a late fee be waived?", "Always, on request.")
            .json()
            .get("id")
            .stringValue();
    WsClient agent = socket(agentId);
    WsClient spec = socket(specialist);
    String requestId = raise(agent, "customer wants the late fee gone");
    spec.ack("claim", "requestId", requestId);
    JsonNode resolved =
        spec.ack("resolve", "requestId", requestId, "entryId", entryId).get("request");
    assertThat(resolved.get("entryId").stringValue()).isEqualTo(entryId);
    assertThat(
            spec.call("resolve", "requestId", "r-none", "entryId", "kb-none")
                .get("code")
                .stringValue())
        .isEqualTo("not_found");
    agent.awaitRequest(requestId, r -> "RESOLVED".equals(r.get("state").stringValue()));
    agent.ack("flag", "requestId", requestId, "reason", "only once a year");

    Api.Response review =
        api.post(
            "/api/reports/reviews/" + requestId,
            token("manager"),
            Map.of("verdict", "CONFIRMED", "correction", "Once a year, by a team lead."));
    assertThat(review.status()).isEqualTo(200);

    JsonNode open = correction(specialist, entryId);
    assertThat(open).as("the entry is in the corrections list").isNotNull();
    assertThat(open.get("correction").get("requestId").stringValue()).isEqualTo(requestId);
    assertThat(open.get("correction").get("text").stringValue())
        .isEqualTo("Once a year, by a team lead.");
    assertThat(open.get("correction").get("by").stringValue()).isEqualTo("manager");
    assertThat(get(agentId, "/api/knowledge/" + entryId).json().get("correction").isNull())
        .isFalse();

    edit(
        specialist,
        entryId,
        1,
        "Can a late fee be waived?",
        "Once a year, with a team lead's approval.");
    assertThat(correction(specialist, entryId)).as("the edit closed it").isNull();
    JsonNode whole = get(specialist, "/api/knowledge/" + entryId).json();
    assertThat(whole.get("correction").isNull()).isTrue();
    assertThat(whole.get("versions").get(0).get("closesCorrection").stringValue())
        .isEqualTo(requestId);
  }

  @Test
  void dismissedReviewOpensNoCorrection() {
    String specialist = TestFloor.freshSpecialist();
    String entryId =
        create(specialist, null, "Paper bills?", "Order in the portal.")
            .json()
            .get("id")
            .stringValue();
    WsClient agent = socket(TestFloor.freshAgent());
    WsClient spec = socket(specialist);
    String requestId = raise(agent, "paper bill");
    spec.ack("claim", "requestId", requestId);
    spec.ack("resolve", "requestId", requestId, "entryId", entryId);
    agent.awaitRequest(requestId, r -> "RESOLVED".equals(r.get("state").stringValue()));
    agent.ack("flag", "requestId", requestId);
    api.post("/api/reports/reviews/" + requestId, token("manager"), Map.of("verdict", "DISMISSED"));

    assertThat(correction(specialist, entryId)).isNull();
  }

  @Test
  void chineseAndEnglishQueriesFindTheRightEntries() {
    String specialist = TestFloor.freshSpecialist();
    String bill = id(create(specialist, null, "客户说这个月电费太高怎么办", "先核对电表读数，再查阶梯电价。"));
    String outage = id(create(specialist, null, "小区停电了什么时候恢复", "查停电计划表，告诉客户预计恢复时间。"));
    String refund =
        id(
            create(
                specialist,
                null,
                "How do I refund a double charge?",
                "Refund it from the billing tab."));
    String agent = TestFloor.freshAgent();

    assertThat(search(agent, "电费")).containsExactly(bill);
    assertThat(search(agent, "停电")).containsExactly(outage);
    assertThat(search(agent, "停电了，客户问什么时候来电")).first().isEqualTo(outage);
    assertThat(search(agent, "refunding")).containsExactly(refund);
    assertThat(search(agent, ""))
        .as("no words: the topic's entries")
        .containsExactlyInAnyOrder(bill, outage, refund);

    JsonNode found = get(agent, "/api/knowledge?q=" + enc("电费") + "&topic=" + topic).json();
    assertThat(found.get("tookMs").asDouble()).isGreaterThanOrEqualTo(0).isLessThan(50);
    JsonNode e = found.get("entries").get(0);
    assertThat(e.get("question").stringValue()).isEqualTo("客户说这个月电费太高怎么办");
    assertThat(e.get("ownerId").stringValue()).isEqualTo(specialist);
    assertThat(e.has("confirmedBy")).isTrue();
  }

  @Test
  void entrySavedOnOneNodeIsFoundOnTheOther() {
    Api onB = new Api(TestFloor.nodeB());
    String specialist = TestFloor.freshSpecialist();
    String agent = TestFloor.freshAgent();
    String id = id(create(specialist, null, "Warranty on routers?", "Two years from delivery."));
    String agentOnB = onB.token(agent);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        ids(onB.get("/api/knowledge?q=warranty&topic=" + topic, agentOnB).json()))
                    .containsExactly(id));

    edit(specialist, id, 1, "路由器保修多久？", "自交付起两年。");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        ids(
                            onB.get("/api/knowledge?q=" + enc("保修") + "&topic=" + topic, agentOnB)
                                .json()))
                    .containsExactly(id));
    assertThat(ids(onB.get("/api/knowledge?q=warranty&topic=" + topic, agentOnB).json())).isEmpty();
  }

  @Test
  void onlySpecialistsAndManagersWriteAndEveryoneOnTheFloorReads() {
    String specialist = TestFloor.freshSpecialist();
    String id = id(create(specialist, null, "Who reads this?", "Everyone on the floor."));

    for (String reader : List.of(TestFloor.freshAgent(), "lead-1", "admin")) {
      assertThat(create(reader, null, "q", "a").status()).as(reader + " creates").isEqualTo(403);
      assertThat(create(reader, null, "q", "a").json().get("code").stringValue())
          .isEqualTo("forbidden");
      assertThat(edit(reader, id, 1, "q", "a").status()).as(reader + " edits").isEqualTo(403);
      assertThat(confirm(reader, id, 1).status()).as(reader + " confirms").isEqualTo(403);
      assertThat(get(reader, "/api/knowledge?topic=" + topic).status())
          .as(reader + " reads")
          .isEqualTo(200);
      assertThat(get(reader, "/api/knowledge/" + id).status()).isEqualTo(200);
    }
    assertThat(get(TestFloor.freshAgent(), "/api/knowledge/corrections").status()).isEqualTo(403);
    assertThat(get("manager", "/api/knowledge/corrections").status()).isEqualTo(200);
    Api.Response byManager = create("manager", null, "Managers write too?", "Yes.");
    assertThat(byManager.status()).isEqualTo(201);
    assertThat(confirm("manager", id(byManager), 1).status())
        .as("a manager may confirm their own")
        .isEqualTo(200);
    assertThat(api.get("/api/knowledge?q=x", null).status()).isEqualTo(401);
  }

  @Test
  void badInputGetsClearCodes() {
    String s = TestFloor.freshSpecialist();
    String id = id(create(s, null, "Valid", "Entry"));
    assertCode(create(s, null, "", "answer"), 400, "bad_request", "question is required");
    assertCode(create(s, null, "question", null), 400, "bad_request", "answer is required");
    assertCode(create(s, null, "x".repeat(501), "a"), 400, "bad_request", "at most 500");
    assertCode(
        api.post(
            "/api/knowledge",
            token(s),
            Map.of("question", "q", "answer", "a", "topic", "x".repeat(41))),
        400,
        "bad_request",
        "topic");
    assertCode(
        api.put("/api/knowledge/" + id, token(s), Map.of("question", "q", "answer", "a")),
        400,
        "bad_request",
        "version is required");
    assertCode(edit(s, "kb-missing", 1, "q", "a"), 404, "not_found", "kb-missing");
    assertCode(
        api.post("/api/knowledge/" + id + "/confirm", token(s), Map.of()),
        400,
        "bad_request",
        "version");
    assertCode(get(s, "/api/knowledge?q=a&limit=0"), 400, "bad_request", "limit");
    assertCode(
        get(s, "/api/knowledge?q=" + "a".repeat(201)), 400, "bad_request", "q must be at most");
    assertCode(get(s, "/api/knowledge/kb-missing"), 404, "not_found", "kb-missing");
    assertCode(
        api.postRaw("/api/knowledge", "Bearer " + token(s), "{not json"), 400, "bad_request", "");
  }

  @Test
  void selfServedCancelKeepsItsReasonAndTheSummaryCountsIt() {
    String specialist = TestFloor.freshSpecialist();
    String entryId =
        id(
            create(
                specialist,
                null,
                "Reset a voicemail PIN?",
                "Settings, then Voicemail, then Reset."));
    String manager = token("manager");
    long before = api.get("/api/reports/summary", manager).json().get("selfServed").asLong();

    WsClient agent = socket(TestFloor.freshAgent());
    String requestId = raise(agent, "voicemail pin");
    assertThat(
            agent
                .call("cancel", "requestId", requestId, "reason", "bored")
                .get("code")
                .stringValue())
        .isEqualTo("bad_request");
    assertThat(
            agent
                .call("cancel", "requestId", requestId, "entryId", entryId)
                .get("code")
                .stringValue())
        .isEqualTo("bad_request");
    assertThat(
            agent
                .call(
                    "cancel", "requestId", requestId, "reason", "self_served", "entryId", "kb-none")
                .get("code")
                .stringValue())
        .isEqualTo("bad_request");
    JsonNode cancelled =
        agent
            .ack("cancel", "requestId", requestId, "reason", "self_served", "entryId", entryId)
            .get("request");
    assertThat(cancelled.get("state").stringValue()).isEqualTo("CANCELLED");
    assertThat(cancelled.get("cancelReason").stringValue()).isEqualTo("self_served");
    assertThat(cancelled.get("entryId").stringValue()).isEqualTo(entryId);

    JsonNode summary = api.get("/api/reports/summary", manager).json();
    assertThat(summary.get("selfServed").asLong()).isEqualTo(before + 1);

    WsClient plain = socket(TestFloor.freshAgent());
    String other = raise(plain, "never mind");
    assertThat(plain.ack("cancel", "requestId", other).get("request").get("cancelReason").isNull())
        .isTrue();
    assertThat(api.get("/api/reports/summary", manager).json().get("selfServed").asLong())
        .as("a plain cancel is not self-served")
        .isEqualTo(before + 1);
  }

  // --- helpers ---

  private String raise(WsClient agent, String note) {
    return agent
        .ack("raise", "clientKey", UUID.randomUUID().toString(), "topic", topic, "note", note)
        .get("request")
        .get("id")
        .stringValue();
  }

  private Api.Response create(String user, String requestId, String question, String answer) {
    Map<String, Object> body = new HashMap<>();
    body.put("topic", topic);
    body.put("question", question);
    body.put("answer", answer);
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    return api.post("/api/knowledge", token(user), body);
  }

  private Api.Response edit(String user, String id, int version, String question, String answer) {
    return api.put(
        "/api/knowledge/" + id,
        token(user),
        Map.of("topic", topic, "question", question, "answer", answer, "version", version));
  }

  private Api.Response confirm(String user, String id, int version) {
    return api.post("/api/knowledge/" + id + "/confirm", token(user), Map.of("version", version));
  }

  private Api.Response get(String user, String path) {
    return api.get(path, token(user));
  }

  private List<String> search(String user, String q) {
    return ids(get(user, "/api/knowledge?q=" + enc(q) + "&topic=" + topic).json());
  }

  /** The entry in the corrections list, or null when it is not there. */
  private JsonNode correction(String user, String entryId) {
    for (JsonNode e : get(user, "/api/knowledge/corrections").json().get("entries")) {
      if (entryId.equals(e.get("id").stringValue())) {
        return e;
      }
    }
    return null;
  }

  private WsClient socket(String user) {
    WsClient client = WsClient.signedIn(node, token(user));
    sockets.add(client);
    return client;
  }

  private String token(String user) {
    return tokens.computeIfAbsent(user, api::token);
  }

  private static String id(Api.Response created) {
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private static List<String> ids(JsonNode found) {
    List<String> ids = new ArrayList<>();
    found.get("entries").forEach(e -> ids.add(e.get("id").stringValue()));
    return ids;
  }

  private static String enc(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void assertCode(Api.Response response, int status, String code, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().get("code").stringValue()).isEqualTo(code);
    assertThat(response.json().get("message").stringValue()).contains(message);
  }
}
