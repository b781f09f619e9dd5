package io.handup.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which agents asked for help so often in a week that a talk with their lead may help them. The
 * floor median is taken over the agents who asked at least once that week (an agent on leave or on
 * another shift would otherwise pull it toward 0); an agent is a prompt when their count is above
 * {@code multiple} × that median and at least {@code minimum}. It is a prompt to coach, never a
 * mark against anyone.
 */
final class Coaching {

  private Coaching() {}

  /** The median of the counts: the middle one, or the mean of the two middle ones; null if none. */
  static Double median(List<Long> counts) {
    if (counts.isEmpty()) {
      return null;
    }
    List<Long> sorted = counts.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** The agents above the threshold, most requests first (then by id). */
  static List<String> prompts(Map<String, Long> countsByAgent, double multiple, int minimum) {
    Double median = median(List.copyOf(countsByAgent.values()));
    if (median == null) {
      return List.of();
    }
    double threshold = multiple * median;
    List<String> agents = new ArrayList<>();
    countsByAgent.forEach(
        (agent, count) -> {
          if (count > threshold && count >= minimum) {
            agents.add(agent);
          }
        });
    agents.sort(
        Comparator.comparing((String a) -> countsByAgent.get(a))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    return agents;
  }
}
