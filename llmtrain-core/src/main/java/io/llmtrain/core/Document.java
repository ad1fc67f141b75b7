package io.llmtrain.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of text flowing through a pipeline: an id, its text and free-form metadata.
 *
 * <p>Immutable. Metadata values are JSON-compatible (strings, numbers, booleans, lists and maps of
 * those) so a document always survives a round trip through JSONL. Key order is preserved so the
 * written JSON is stable.
 */
public final class Document {
  private final String id;
  private final String text;
  private final Map<String, Object> metadata;

  private Document(String id, String text, Map<String, Object> metadata) {
    this.id = id;
    this.text = text;
    this.metadata = metadata;
  }

  public static Document of(String id, String text) {
    return of(id, text, Map.of());
  }

  public static Document of(String id, String text, Map<String, ?> metadata) {
    requireNonNull(id, "id");
    requireNonNull(text, "text");
    requireNonNull(metadata, "metadata");
    checkArgument(!id.isEmpty(), "document id must not be empty");
    return new Document(id, text, copy(metadata));
  }

  private static Map<String, Object> copy(Map<String, ?> metadata) {
    if (metadata.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>(metadata.size() * 2);
    for (Map.Entry<String, ?> e : metadata.entrySet()) {
      copy.put(requireNonNull(e.getKey(), "metadata key"),
          requireNonNull(e.getValue(), () -> "metadata value of '" + e.getKey() + "'"));
    }
    return Collections.unmodifiableMap(copy);
  }

  public String id() {
    return id;
  }

  public String text() {
    return text;
  }

  /** An unmodifiable view, in insertion order. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** Returns this document with other text; the same instance when the text is unchanged. */
  public Document withText(String newText) {
    requireNonNull(newText, "text");
    return newText.equals(text) ? this : new Document(id, newText, metadata);
  }

  /** Returns this document with one metadata entry added or replaced. */
  public Document withMetadata(String key, Object value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>(metadata);
    copy.put(key, value);
    return new Document(id, text, Collections.unmodifiableMap(copy));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Document d && id.equals(d.id) && text.equals(d.text)
        && metadata.equals(d.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, text, metadata);
  }

  @Override
  public String toString() {
    String shown = text.length() <= 60 ? text : text.substring(0, 57) + "...";
    return "Document{id=" + id + ", text=\"" + shown.replace("\n", "\\n") + "\", metadata="
        + metadata + '}';
  }
}
