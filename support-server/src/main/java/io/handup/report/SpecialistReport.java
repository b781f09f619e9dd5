package io.handup.report;

import java.util.List;

/** {@code GET /api/reports/specialists}: the range, then each specialist, busiest first. */
record SpecialistReport(
    String from, String to, String timeZone, List<SpecialistFigures> specialists) {}
