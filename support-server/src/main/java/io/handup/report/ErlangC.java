package io.handup.report;

/**
 * Erlang C: how many specialists a stream of requests needs so that a share of them is claimed
 * within the target. Requests arrive at random (Poisson) at rate λ and hold a specialist for the
 * mean handle time on average; the traffic A = λ × handle is in Erlangs (specialists kept busy).
 * With N > A specialists the chance a request has to wait at all is C(N, A), and the service level
 * is 1 − C(N, A) × e^(−(N − A) × target / handle).
 */
final class ErlangC {

  // beyond this the figures are not a staffing plan anyone could act on
  private static final int MOST = 10_000;

  private ErlangC() {}

  /** The share of requests claimed within {@code targetSeconds} with {@code n} specialists. */
  static double serviceLevel(int n, double traffic, double handleSeconds, double targetSeconds) {
    if (traffic <= 0) {
      return 1;
    }
    if (n <= traffic) {
      return 0;
    }
    double waits = probabilityOfWaiting(n, traffic);
    return 1 - waits * Math.exp(-(n - traffic) * targetSeconds / handleSeconds);
  }

  /** C(N, A) from Erlang B, built up one specialist at a time so no factorial overflows. */
  static double probabilityOfWaiting(int n, double traffic) {
    double b = 1;
    for (int k = 1; k <= n; k++) {
      b = traffic * b / (k + traffic * b);
    }
    return n * b / (n - traffic * (1 - b));
  }

  /**
   * The fewest specialists for which the service level reaches {@code share}; 0 with no requests.
   *
   * @param perHour requests raised per hour
   */
  static int required(double perHour, double handleSeconds, double targetSeconds, double share) {
    if (perHour <= 0 || handleSeconds <= 0) {
      return 0;
    }
    double traffic = perHour * handleSeconds / 3600;
    int n = Math.max(1, (int) Math.floor(traffic) + 1);
    while (n < MOST && serviceLevel(n, traffic, handleSeconds, targetSeconds) < share) {
      n++;
    }
    return n;
  }
}
