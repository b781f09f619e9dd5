package io.handup.report;

import io.handup.request.HelpRequest;
import io.handup.request.HelpRequests;
import io.handup.system.HandupSettings;
import io.handup.system.Times;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/** Reads a floor's requests for a range and folds them into report figures. */
@Component
class Reports {

  private final HelpRequests requests;
  private final HandupSettings settings;
  private final Clock clock;

  Reports(HelpRequests requests, HandupSettings settings, Clock clock) {
    this.requests = requests;
    this.settings = settings;
    this.clock = clock;
  }

  ReportRange range(String from, String to) {
    return ReportRange.parse(from, to, settings.timeZone(), clock.instant());
  }

  Summary summary(String floor, ReportRange range) {
    Tally tally = new Tally(settings.serviceLevelTarget());
    forEach(floor, range, tally::add);
    return tally.summary(range);
  }

  SpecialistReport specialists(String floor, ReportRange range) {
    Map<String, Tally> bySpecialist = new HashMap<>();
    forEach(
        floor,
        range,
        r -> {
          if (r.claimedAt() != null && r.specialistId() != null) {
            bySpecialist
                .computeIfAbsent(r.specialistId(), id -> new Tally(settings.serviceLevelTarget()))
                .add(r);
          }
        });
    List<SpecialistFigures> figures =
        bySpecialist.entrySet().stream()
            .map(e -> e.getValue().specialist(e.getKey()))
            .sorted(
                Comparator.comparingLong(SpecialistFigures::handled)
                    .reversed()
                    .thenComparing(SpecialistFigures::specialistId))
            .toList();
    return new SpecialistReport(
        Times.iso(range.from()), Times.iso(range.to()), range.zone().getId(), figures);
  }

  /** Every request raised in the range, oldest first, read one day at a time. */
  void forEach(String floor, ReportRange range, Consumer<HelpRequest> each) {
    for (ReportRange day : range.days()) {
      raised(floor, day).forEach(each);
    }
  }

  /** The requests raised in a range short enough to read at once, such as one day. */
  List<HelpRequest> raised(String floor, ReportRange range) {
    return requests.raisedBetween(floor, range.from(), range.to());
  }
}
