package io.handup.dispatch;

import io.handup.request.HelpRequest;
import io.handup.request.HelpRequests;
import io.handup.request.RequestState;
import io.handup.system.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Checks that a floor's state in Redis hangs together: the queue holds exactly the waiting
 * requests, nobody holds two requests or one inside their reporting line, offers and holds agree on
 * both sides. Every transition is atomic, so this holds at any instant; tests and the load
 * generator run it after a storm.
 */
@Component
public class FloorAudit {

  private final UnifiedJedis jedis;
  private final HelpRequests requests;

  FloorAudit(UnifiedJedis jedis, HelpRequests requests) {
    this.jedis = jedis;
    this.requests = requests;
  }

  /** What is wrong on the floor; empty when all is well. */
  public List<String> problems(String floor) {
    Keys.Floor keys = Keys.floor(floor);
    List<String> problems = new ArrayList<>();
    List<HelpRequest> open = requests.open(floor);
    Set<String> queue = new HashSet<>(jedis.zrange(keys.queue(), 0, -1));
    Map<String, String> heldBy = new HashMap<>();
    Map<String, String> openOfAgent = new HashMap<>();

    for (HelpRequest r : open) {
      if (!r.state().isOpen()) {
        problems.add(r.id() + " is in the open set but " + r.state());
        continue;
      }
      if (r.state().isWaiting() != queue.contains(r.id())) {
        problems.add(
            r.id()
                + " is "
                + r.state()
                + (queue.contains(r.id()) ? " but queued" : " but not queued"));
      }
      String other = openOfAgent.put(r.agentId(), r.id());
      if (other != null) {
        problems.add(r.agentId() + " has two open requests: " + other + " and " + r.id());
      }
      if (!r.id().equals(jedis.get(keys.agentOpen(r.agentId())))) {
        problems.add(r.agentId() + "'s open request is not recorded as " + r.id());
      }
      if (r.state() == RequestState.CLAIMED) {
        String previous = heldBy.put(r.specialistId(), r.id());
        if (previous != null) {
          problems.add(r.specialistId() + " holds two requests: " + previous + " and " + r.id());
        }
        if (!r.id().equals(jedis.hget(keys.specialist(r.specialistId()), "requestId"))) {
          problems.add(
              r.specialistId() + " holds " + r.id() + " but their presence says otherwise");
        }
        inReportingLine(keys, r, r.specialistId(), problems);
      }
      if (r.state() == RequestState.OFFERED) {
        if (!r.id().equals(jedis.hget(keys.specialist(r.offeredTo()), "offer"))) {
          problems.add(r.id() + " is offered to " + r.offeredTo() + " who does not know it");
        }
        inReportingLine(keys, r, r.offeredTo(), problems);
      }
    }
    Set<String> openIds = new HashSet<>();
    open.forEach(r -> openIds.add(r.id()));
    for (String id : queue) {
      if (!openIds.contains(id)) {
        problems.add(id + " is queued but not open");
      }
    }
    for (String specialist : jedis.smembers(keys.specialists())) {
      String holding = jedis.hget(keys.specialist(specialist), "requestId");
      if (holding != null && !holding.equals(heldBy.get(specialist))) {
        problems.add(
            specialist + " is marked as holding " + holding + " which is not claimed by them");
      }
    }
    return problems;
  }

  private void inReportingLine(
      Keys.Floor keys, HelpRequest r, String specialist, List<String> problems) {
    if (jedis.sismember(keys.chain(r.agentId()), specialist)) {
      problems.add(
          r.id() + " went to " + specialist + " inside " + r.agentId() + "'s reporting line");
    }
  }
}
