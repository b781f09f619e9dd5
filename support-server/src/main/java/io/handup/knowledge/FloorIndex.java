package io.handup.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The entries of one floor in memory: a Lucene index to search and the entries themselves to show.
 * SmartChineseAnalyzer splits Chinese text into words (电费, 停电) and English text into stemmed words,
 * so one analyzer serves both languages and mixed text. Safe for concurrent use: writes are made
 * visible by {@link #refresh()}.
 */
final class FloorIndex implements AutoCloseable {

  /** One analyzer for every floor: it holds the segmentation dictionary, which is large. */
  static final Analyzer ANALYZER = new SmartChineseAnalyzer();

  private static final String ID = "id";
  private static final String TOPIC = "topic";
  private static final String TOPIC_TEXT = "topicText";
  private static final String QUESTION = "question";
  private static final String ANSWER = "answer";
  // hits scoring below this share of the best one are mostly a shared particle (的, 了, the)
  private static final float RELATIVE_CUTOFF = 0.2f;
  private static final int MAX_TERMS = 32;

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  FloorIndex() {
    try {
      writer = new IndexWriter(directory, new IndexWriterConfig(ANALYZER));
      searchers = new SearcherManager(writer, new SearcherFactory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds or replaces an entry. An older version than the one held is ignored: a change read from
   * the log may arrive after this node's own newer write.
   */
  void put(Entry entry) {
    Entry held = entries.get(entry.id());
    if (held != null && held.version() > entry.version()) {
      return;
    }
    entries.put(entry.id(), entry);
    try {
      writer.updateDocument(new Term(ID, entry.id()), document(entry));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void remove(String id) {
    entries.remove(id);
    try {
      writer.deleteDocuments(new Term(ID, id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the writes so far visible to searches. */
  void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int size() {
    return entries.size();
  }

  /**
   * The entries best matching {@code text} (words in the question count double, in the topic one
   * and a half), within {@code topic} when given; with no text, the topic's (or all) entries, the
   * most recently changed first.
   */
  List<Entry> search(String text, String topic, int limit) {
    String topicKey = topic == null ? null : topic.toLowerCase(Locale.ROOT);
    if (text == null || text.isBlank()) {
      return entries.values().stream()
          .filter(e -> topicKey == null || topicKey.equals(key(e.topic())))
          .sorted(Comparator.comparing(Entry::updatedAt).reversed())
          .limit(limit)
          .toList();
    }
    Set<String> terms = terms(text);
    if (terms.isEmpty()) {
      return List.of();
    }
    // beside a filter, words would otherwise be optional: at least one must match
    BooleanQuery.Builder query = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
    for (String term : terms) {
      query.add(
          new DisjunctionMaxQuery(
              List.of(
                  new BoostQuery(new TermQuery(new Term(QUESTION, term)), 2f),
                  new TermQuery(new Term(ANSWER, term)),
                  new BoostQuery(new TermQuery(new Term(TOPIC_TEXT, term)), 1.5f)),
              0.1f),
          BooleanClause.Occur.SHOULD);
    }
    if (topicKey != null) {
      query.add(new TermQuery(new Term(TOPIC, topicKey)), BooleanClause.Occur.FILTER);
    }
    return run(query.build(), limit);
  }

  private List<Entry> run(Query query, int limit) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(query, limit);
        List<Entry> found = new ArrayList<>(top.scoreDocs.length);
        float best = top.scoreDocs.length == 0 ? 0 : top.scoreDocs[0].score;
        for (ScoreDoc hit : top.scoreDocs) {
          if (hit.score < best * RELATIVE_CUTOFF) {
            break;
          }
          String id = searcher.storedFields().document(hit.doc).get(ID);
          Entry entry = entries.get(id);
          if (entry != null) {
            found.add(entry);
          }
        }
        return found;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The distinct words of a text as the index holds them. */
  static Set<String> terms(String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream tokens = ANALYZER.tokenStream(QUESTION, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken() && terms.size() < MAX_TERMS) {
        terms.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private static Document document(Entry e) {
    Document doc = new Document();
    doc.add(new StringField(ID, e.id(), Field.Store.YES));
    String topic = key(e.topic());
    if (topic != null) {
      doc.add(new StringField(TOPIC, topic, Field.Store.NO));
      doc.add(new TextField(TOPIC_TEXT, e.topic(), Field.Store.NO));
    }
    doc.add(new TextField(QUESTION, e.question(), Field.Store.NO));
    doc.add(new TextField(ANSWER, e.answer(), Field.Store.NO));
    return doc;
  }

  private static String key(String topic) {
    return topic == null || topic.isBlank() ? null : topic.toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
