package io.handup.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docs/asyncapi.yaml} against the server's code: the frames it documents as received are
 * exactly the types {@link FloorSocket} handles, and those it documents as sent are exactly the
 * types the realtime package writes. Read from the source, so a new frame cannot be added to one
 * without the other.
 */
class AsyncApiTest {

  private static final Path DOC = Path.of("..", "docs", "asyncapi.yaml");
  private static final Path REALTIME = Path.of("src", "main", "java", "io", "handup", "realtime");
  // google-java-format may break the line after "frame(" or "case"
  private static final Pattern CASE = Pattern.compile("case\\s+\"(\\w+)\"\\s*->");
  private static final Pattern SENT = Pattern.compile("frames\\.frame\\(\\s*\"(\\w+)\"");
  private static final Pattern SENT_BY_HELPER = Pattern.compile("frames\\.(ack|error)\\(");

  @Test
  void documentedClientFramesAreExactlyTheTypesTheServerHandles() throws IOException {
    Set<String> handled = new TreeSet<>(matches(CASE, source("FloorSocket.java")));
    // hello is read before the socket is signed in, outside the switch of the others
    assertThat(source("FloorSocket.java")).contains("\"hello\".equals(");
    handled.add("hello");

    assertThat(documentedTypes("receive")).isEqualTo(handled);
  }

  @Test
  void documentedServerFramesAreExactlyTheTypesTheServerSends() throws IOException {
    Set<String> sent = new TreeSet<>();
    try (Stream<Path> files = Files.list(REALTIME)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String code = Files.readString(file);
        sent.addAll(matches(SENT, code));
        sent.addAll(matches(SENT_BY_HELPER, code));
      }
    }

    assertThat(sent).contains("welcome", "snapshot", "request", "ack", "error");
    assertThat(documentedTypes("send")).isEqualTo(sent);
  }

  @Test
  void theDocumentIsAsyncApiThreeAndEveryReferenceResolves() throws IOException {
    Map<String, Object> doc = document();

    assertThat(doc.get("asyncapi")).isEqualTo("3.0.0");
    List<String> refs = new java.util.ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(resolve(doc, ref)).as(ref).isNotNull();
    }
  }

  /** The {@code type} constants of the messages of every operation with the given action. */
  @SuppressWarnings("unchecked")
  private static Set<String> documentedTypes(String action) throws IOException {
    Map<String, Object> doc = document();
    Set<String> types = new TreeSet<>();
    Map<String, Object> operations = (Map<String, Object>) doc.get("operations");
    for (Object value : operations.values()) {
      Map<String, Object> operation = (Map<String, Object>) value;
      if (!action.equals(operation.get("action"))) {
        continue;
      }
      for (Object m : (List<Object>) operation.get("messages")) {
        Map<String, Object> message = follow(doc, m);
        types.add(typeOf(doc, follow(doc, message.get("payload"))));
      }
    }
    return types;
  }

  @SuppressWarnings("unchecked")
  private static String typeOf(Map<String, Object> doc, Map<String, Object> payload) {
    if (payload.containsKey("allOf")) {
      for (Object part : (List<Object>) payload.get("allOf")) {
        String type = typeOf(doc, follow(doc, part));
        if (type != null) {
          return type;
        }
      }
      return null;
    }
    Map<String, Object> properties = (Map<String, Object>) payload.get("properties");
    Map<String, Object> type =
        properties == null ? null : (Map<String, Object>) properties.get("type");
    if (type == null) {
      return null;
    }
    return (String) type.get("const");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> follow(Map<String, Object> doc, Object node) {
    Map<String, Object> map = (Map<String, Object>) node;
    while (map.containsKey("$ref")) {
      map = (Map<String, Object>) resolve(doc, (String) map.get("$ref"));
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static Object resolve(Map<String, Object> doc, String ref) {
    Object node = doc;
    for (String part : ref.substring(2).split("/")) {
      node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(part) : null;
    }
    return node;
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            if ("$ref".equals(k)) {
              refs.add((String) v);
            } else {
              collectRefs(v, refs);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collectRefs(v, refs));
    }
  }

  private static Map<String, Object> document() throws IOException {
    try (InputStream in = Files.newInputStream(DOC)) {
      return new Yaml().load(in);
    }
  }

  private static String source(String file) throws IOException {
    return Files.readString(REALTIME.resolve(file));
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
