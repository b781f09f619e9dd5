package io.handup.admin;

import io.handup.directory.User;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The roster as CSV (RFC 4180, CRLF): {@code id,name,roles,managerId,team,seat,floor,skills,email}.
 * Roles and skills are lists separated by {@code ;} on export; {@code ;} or {@code |} are read.
 * Export and import round-trip: what is exported imports unchanged. The {@code email} column may be
 * left out, and then the stored addresses stay.
 */
final class RosterCsv {

  static final List<String> HEADER =
      List.of("id", "name", "roles", "managerId", "team", "seat", "floor", "skills", "email");
  private static final String LIST_SEPARATORS = "[;|]";
  // a cell starting with one of these runs as a formula in a spreadsheet; export guards it with an
  // apostrophe and import takes the apostrophe off again
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private RosterCsv() {}

  /** The rows of a roster file, or the problems that kept it from being read. */
  record Parsed(List<UserForm> rows, List<RowProblem> problems) {}

  static String write(List<User> users) {
    StringBuilder out = new StringBuilder(String.join(",", HEADER)).append("\r\n");
    for (User u : users) {
      List<String> cells =
          List.of(
              u.id(),
              u.name(),
              u.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(";")),
              orEmpty(u.managerId()),
              orEmpty(u.team()),
              orEmpty(u.seat()),
              u.floor(),
              String.join(";", new TreeSet<>(u.skills())),
              orEmpty(u.email()));
      out.append(cells.stream().map(RosterCsv::cell).collect(Collectors.joining(",")))
          .append("\r\n");
    }
    return out.toString();
  }

  static Parsed parse(String text) {
    List<RowProblem> problems = new ArrayList<>();
    List<UserForm> rows = new ArrayList<>();
    List<Record> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text, problems);
    if (records.isEmpty()) {
      problems.add(new RowProblem(1, "", "the file is empty; the first line must be the header"));
      return new Parsed(rows, problems);
    }
    List<String> header = records.get(0).cells().stream().map(c -> c.trim()).toList();
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      String known = HEADER.stream().filter(h -> h.equalsIgnoreCase(name)).findFirst().orElse(null);
      if (known == null) {
        problems.add(new RowProblem(1, "", "unknown column '" + name + "'"));
      } else if (column.putIfAbsent(known, i) != null) {
        problems.add(new RowProblem(1, "", "column " + known + " appears twice"));
      }
    }
    for (String required : List.of("id", "name", "roles", "floor")) {
      if (!column.containsKey(required)) {
        problems.add(new RowProblem(1, "", "missing column " + required));
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(rows, problems);
    }
    for (Record record : records.subList(1, records.size())) {
      List<String> cells = record.cells();
      if (cells.size() == 1 && cells.get(0).isBlank()) {
        continue;
      }
      if (cells.size() != header.size()) {
        problems.add(
            new RowProblem(
                record.line(),
                cells.isEmpty() ? "" : cells.get(0),
                header.size() + " fields expected, found " + cells.size()));
        continue;
      }
      rows.add(
          new UserForm(
              record.line(),
              get(cells, column, "id"),
              get(cells, column, "name"),
              list(get(cells, column, "roles")),
              get(cells, column, "managerId"),
              get(cells, column, "team"),
              get(cells, column, "seat"),
              get(cells, column, "floor"),
              list(get(cells, column, "skills")),
              null,
              get(cells, column, "email")));
    }
    return new Parsed(rows, problems);
  }

  private static String get(List<String> cells, Map<String, Integer> column, String name) {
    Integer i = column.get(name);
    return i == null ? null : unguard(cells.get(i));
  }

  private static List<String> list(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(LIST_SEPARATORS)).map(String::trim).toList();
  }

  /** One CSV record and the line it starts on (a quoted cell may span lines). */
  private record Record(int line, List<String> cells) {}

  private static List<Record> records(String text, List<RowProblem> problems) {
    List<Record> records = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean quoted = false;
    boolean any = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
      } else if (c == '"' && cell.isEmpty()) {
        quoted = true;
        any = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        any = true;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        cells.add(cell.toString());
        records.add(new Record(recordLine, List.copyOf(cells)));
        cells.clear();
        cell.setLength(0);
        any = false;
        line++;
        recordLine = line;
      } else {
        cell.append(c);
        any = true;
      }
      i++;
    }
    if (quoted) {
      problems.add(new RowProblem(recordLine, "", "a quoted field is never closed"));
    }
    if (any || !cell.isEmpty() || !cells.isEmpty()) {
      cells.add(cell.toString());
      records.add(new Record(recordLine, List.copyOf(cells)));
    }
    return records;
  }

  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String safe = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote =
        safe.indexOf(',') >= 0
            || safe.indexOf('"') >= 0
            || safe.indexOf('\n') >= 0
            || safe.indexOf('\r') >= 0;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  private static String unguard(String value) {
    if (value.length() > 1
        && value.charAt(0) == '\''
        && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0) {
      return value.substring(1);
    }
    return value;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
