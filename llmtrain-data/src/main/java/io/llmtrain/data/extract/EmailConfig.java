package io.llmtrain.data.extract;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of e-mail body extraction (processor {@code email}, {@link EmailExtractor}).
 * Defaults:
 *
 * <ul>
 *   <li>{@code keepSubject = true}: the decoded Subject is the first line of the text, followed by
 *       a blank line. Every other header is dropped.
 *   <li>{@code includeAttachedMessages = true}: the bodies of attached or forwarded messages
 *       ({@code message/rfc822} parts) are part of the text; when false they are skipped and
 *       counted with the attachments.
 *   <li>{@code detectCharset = true}: a transfer-encoded body that declares no usable charset and
 *       is not UTF-8 has its charset detected with ICU4J; when false it is read as Windows-1252.
 * </ul>
 */
public final class EmailConfig implements StageSpec {
  public static final String NAME = "email";

  private final boolean keepSubject;
  private final boolean includeAttachedMessages;
  private final boolean detectCharset;

  private EmailConfig(Builder b) {
    this.keepSubject = b.keepSubject;
    this.includeAttachedMessages = b.includeAttachedMessages;
    this.detectCharset = b.detectCharset;
  }

  public static EmailConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static EmailConfig fromParams(Params p) {
    EmailConfig d = defaults();
    Builder b = builder()
        .keepSubject(p.getBoolean("keepSubject", d.keepSubject))
        .includeAttachedMessages(
            p.getBoolean("includeAttachedMessages", d.includeAttachedMessages))
        .detectCharset(p.getBoolean("detectCharset", d.detectCharset));
    p.finish();
    return b.build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keepSubject", keepSubject);
    m.put("includeAttachedMessages", includeAttachedMessages);
    m.put("detectCharset", detectCharset);
    return Collections.unmodifiableMap(m);
  }

  public boolean keepSubject() {
    return keepSubject;
  }

  public boolean includeAttachedMessages() {
    return includeAttachedMessages;
  }

  public boolean detectCharset() {
    return detectCharset;
  }

  public Builder toBuilder() {
    return builder().keepSubject(keepSubject).includeAttachedMessages(includeAttachedMessages)
        .detectCharset(detectCharset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmailConfig c && keepSubject == c.keepSubject
        && includeAttachedMessages == c.includeAttachedMessages
        && detectCharset == c.detectCharset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keepSubject, includeAttachedMessages, detectCharset);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds an {@link EmailConfig}; starts from the defaults. */
  public static final class Builder {
    private boolean keepSubject = true;
    private boolean includeAttachedMessages = true;
    private boolean detectCharset = true;

    private Builder() {
    }

    public Builder keepSubject(boolean v) {
      this.keepSubject = v;
      return this;
    }

    public Builder includeAttachedMessages(boolean v) {
      this.includeAttachedMessages = v;
      return this;
    }

    public Builder detectCharset(boolean v) {
      this.detectCharset = v;
      return this;
    }

    public EmailConfig build() {
      return new EmailConfig(this);
    }
  }
}
