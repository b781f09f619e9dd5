package io.handup.dispatch;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.HandupSettings;
import io.handup.system.Keys;
import io.handup.system.RedisScripts;
import io.handup.system.Refused;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * Specialists' presence, shared by all nodes. Each open socket holds a lease in Redis that its node
 * renews; a node that dies stops renewing, and the specialist goes OFFLINE when the last lease runs
 * out.
 */
@Component
public class Presence {

  /** How long a socket counts as open without its node renewing the lease. */
  public static final Duration LEASE = Duration.ofSeconds(30);

  private final RedisScripts scripts;
  private final UnifiedJedis jedis;
  private final Directory directory;
  private final Dispatcher dispatcher;
  private final HandupSettings settings;
  private final Clock clock;

  Presence(
      RedisScripts scripts,
      UnifiedJedis jedis,
      Directory directory,
      Dispatcher dispatcher,
      HandupSettings settings,
      Clock clock) {
    this.scripts = scripts;
    this.jedis = jedis;
    this.directory = directory;
    this.dispatcher = dispatcher;
    this.settings = settings;
    this.clock = clock;
  }

  /** The specialist's first socket anywhere brings them online, AVAILABLE. */
  public SpecialistView connect(User specialist, String connectionId) {
    SpecialistView view =
        view(
            specialist,
            scripts
                .onFloor(
                    "connect",
                    specialist.floor(),
                    specialist.id(),
                    specialist.name(),
                    connectionId,
                    leaseEnd())
                .hash());
    dispatcher.nudge(specialist.floor());
    return view;
  }

  /** The specialist's socket closed; with none left anywhere they go OFFLINE after a grace. */
  public SpecialistView disconnect(User specialist, String connectionId) {
    return view(
        specialist,
        scripts
            .onFloor(
                "disconnect",
                specialist.floor(),
                specialist.id(),
                connectionId,
                String.valueOf(settings.reconnectGrace().toMillis()))
            .hash());
  }

  /** The grace period after the last socket closed is over (a timer, fired once). */
  void graceOver(String floor, String specialistId, String timer) {
    if (!scripts.onFloor("offline", floor, specialistId, timer).gone()) {
      // their offer went back to the queue
      dispatcher.nudge(floor);
    }
  }

  /**
   * A rotation break is over (a timer, fired once): back to AVAILABLE unless they went AWAY or
   * OFFLINE meanwhile.
   */
  void breakOver(String floor, String specialistId, String timer) {
    if (scripts.onFloor("rejoin", floor, specialistId, timer).changed()) {
      dispatcher.nudge(floor);
    }
  }

  /**
   * AVAILABLE, AWAY or OFF_FLOOR (knowledge work), as the specialist chooses; AVAILABLE is refused
   * with {@code conflict} during a rotation break.
   */
  public SpecialistView set(User specialist, String status) {
    if (!specialist.has(Role.SPECIALIST)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only a specialist has a presence");
    }
    if (!"AVAILABLE".equals(status) && !"AWAY".equals(status) && !"OFF_FLOOR".equals(status)) {
      throw new Refused(ErrorCode.BAD_REQUEST, "status must be AVAILABLE, AWAY or OFF_FLOOR");
    }
    SpecialistView view =
        view(
            specialist,
            scripts
                .onFloor("presence", specialist.floor(), specialist.id(), specialist.name(), status)
                .hash());
    dispatcher.nudge(specialist.floor());
    return view;
  }

  /** Every specialist of the floor, online or not. */
  public List<SpecialistView> onFloor(String floor) {
    Keys.Floor keys = Keys.floor(floor);
    List<User> specialists =
        directory.specialistsOn(floor).stream().filter(u -> u.has(Role.SPECIALIST)).toList();
    List<Response<Map<String, String>>> replies = new ArrayList<>();
    try (AbstractPipeline pipe = jedis.pipelined()) {
      specialists.forEach(s -> replies.add(pipe.hgetAll(keys.specialist(s.id()))));
    }
    List<SpecialistView> views = new ArrayList<>();
    for (int i = 0; i < specialists.size(); i++) {
      User s = specialists.get(i);
      views.add(SpecialistView.fromHash(s.id(), s.name(), replies.get(i).get()));
    }
    return views;
  }

  /** Renews the leases of this node's open sockets. */
  public void renew(Collection<Lease> leases) {
    String end = leaseEnd();
    try (AbstractPipeline pipe = jedis.pipelined()) {
      for (Lease lease : leases) {
        pipe.zadd(
            Keys.floor(lease.floor()).connections(lease.specialistId()),
            Double.parseDouble(end),
            lease.connectionId(),
            ZAddParams.zAddParams().xx());
      }
    }
  }

  /** Sets OFFLINE every specialist of the floor whose every lease ran out. */
  public void sweep(String floor) {
    for (SpecialistView s : onFloor(floor)) {
      if (s.status() != SpecialistStatus.OFFLINE) {
        scripts.onFloor("disconnect", floor, s.id(), "", "0");
      }
    }
  }

  private String leaseEnd() {
    return String.valueOf(clock.millis() + LEASE.toMillis());
  }

  private static SpecialistView view(User specialist, Map<String, String> hash) {
    return SpecialistView.fromHash(specialist.id(), specialist.name(), hash);
  }

  /** One open socket of a specialist on this node. */
  public record Lease(String floor, String specialistId, String connectionId) {}
}
