package io.llmtrain.eval.split;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.DocumentSink;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.io.RecordReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Splits documents into train, test and (optionally) validation sets, by document, so that no
 * document, and no group of documents sharing a key, is on two sides.
 *
 * <p><b>Groups.</b> Documents with the same key always go to the same split. The key is the value
 * of {@link SplitConfig#groupBy()} (an {@code id}, a {@code url}...) or, by default, the SHA-256
 * of the normalized text (NFKC, lower-cased, whitespace runs collapsed to one space, trimmed), so
 * duplicate documents, down to case and spacing, cannot leak from training into test.
 *
 * <p><b>Assignment.</b> Within each stratum (the whole input when not stratified) groups are
 * ranked by a SHA-256 of the seed and their key, and taken in that order: test until it holds
 * {@code round(testFraction × n)} documents, then validation until it holds {@code
 * round((testFraction + validationFraction) × n) - round(testFraction × n)}, the rest training
 * (a group is added while that brings the split's count closer to its quota, so multi-document
 * groups may leave a split up to half a group off). We rank by keyed hash rather than shuffle
 * positions: the split then depends only on the set of documents and the seed, not on their
 * order in the input, and adding documents later moves only groups near a quota's boundary. A
 * pure threshold on the hash ({@code hash < fraction}) would be even more stable under growth,
 * but its counts are only binomially close to the fraction, which small strata cannot afford.
 *
 * <p><b>Strata.</b> With {@link SplitConfig#stratify()}, each value of the field is split in
 * proportion separately; a group whose documents have several values counts in its most frequent
 * one (the smallest on ties). A stratum too small for a split to get a document after rounding
 * keeps what rounding gives and is listed in the manifest's {@code small_strata}.
 *
 * <p><b>Outputs.</b> {@code train.jsonl}, {@code test.jsonl}, {@code validation.jsonl} (only with
 * a validation fraction; a stale one is removed) and {@code split.json} ({@link SplitManifest}),
 * each written atomically. JSONL inputs are copied line for line, in input order, so outputs keep
 * every field exactly; a {@link DataSource} is written as llmtrain documents ({@code id}, {@code
 * text}, {@code metadata}). The same input and seed give byte-identical outputs.
 */
public final class HeldOutSplit {
  public static final String TRAIN = "train";
  public static final String TEST = "test";
  public static final String VALIDATION = "validation";
  public static final String MANIFEST = "split.json";

  private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final byte SPLIT_TRAIN = 0;
  private static final byte SPLIT_TEST = 1;
  private static final byte SPLIT_VALIDATION = 2;

  private final SplitConfig config;

  public HeldOutSplit(SplitConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public SplitConfig config() {
    return config;
  }

  /** Splits JSONL files (one JSON object per line; blank lines are skipped) into {@code outDir}. */
  public SplitManifest split(List<Path> jsonlFiles, Path outDir) throws IOException {
    Objects.requireNonNull(jsonlFiles, "jsonlFiles");
    if (jsonlFiles.isEmpty()) {
      throw new IllegalArgumentException("jsonlFiles must name at least one file");
    }
    for (Path f : jsonlFiles) {
      if (!Files.isRegularFile(f)) {
        throw new InputException(f.toString(), "no such file", null);
      }
    }
    return run(new JsonlInput(List.copyOf(jsonlFiles)), outDir);
  }

  /** Splits any source's documents into {@code outDir}; fields are the id, text or metadata. */
  public SplitManifest split(DataSource source, Path outDir) throws IOException {
    Objects.requireNonNull(source, "source");
    source.validate();
    return run(new SourceInput(source), outDir);
  }

  // ---- the algorithm, independent of the input's kind ----

  /** What pass one learns of each record. */
  private final class Collector {
    final Map<String, Integer> groupIds = new HashMap<>();
    final List<String> groupKeys = new ArrayList<>();
    final List<Map<String, Integer>> groupStrata = new ArrayList<>();
    final List<Integer> groupSizes = new ArrayList<>();
    int[] recordGroup = new int[1024];
    String[] recordStratum = new String[1024];
    int records;

    void add(Fields f, String file, long line) {
      String key;
      if (config.groupBy().isPresent()) {
        key = "field:" + scalar(f, config.groupBy().get(), file, line);
      } else {
        key = "text:" + sha256Hex(normalize(f.text()));
      }
      String stratum = config.stratify().isPresent()
          ? scalar(f, config.stratify().get(), file, line) : "";
      Integer g = groupIds.get(key);
      if (g == null) {
        g = groupKeys.size();
        groupIds.put(key, g);
        groupKeys.add(key);
        groupStrata.add(new HashMap<>(2));
        groupSizes.add(0);
      }
      groupStrata.get(g).merge(stratum, 1, Integer::sum);
      groupSizes.set(g, groupSizes.get(g) + 1);
      if (records == recordGroup.length) {
        recordGroup = Arrays.copyOf(recordGroup, records * 2);
        recordStratum = Arrays.copyOf(recordStratum, records * 2);
      }
      recordGroup[records] = g;
      recordStratum[records] = stratum.intern();
      records++;
    }
  }

  private SplitManifest run(Input input, Path outDir) throws IOException {
    Objects.requireNonNull(outDir, "outDir");
    Collector c = new Collector();
    input.scan(c);
    byte[] groupSplit = assign(c);
    byte[] recordSplit = new byte[c.records];
    for (int i = 0; i < c.records; i++) {
      recordSplit[i] = groupSplit[c.recordGroup[i]];
    }
    boolean validation = config.validationFraction() > 0;
    Files.createDirectories(outDir);
    input.copy(recordSplit, outDir, validation);
    if (!validation) {
      // A validation set from an earlier run with other settings would pass for this split's.
      Files.deleteIfExists(outDir.resolve(VALIDATION + ".jsonl"));
    }
    SplitManifest manifest = manifest(c, recordSplit, groupSplit, input.hashes(), validation);
    AtomicOutput.write(outDir.resolve(MANIFEST), Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValueAsBytes(manifest.toJson()), new byte[] {'\n'});
    return manifest;
  }

  /** Each group's split, by stratum: ranked by keyed hash, quotas by rounding. */
  private byte[] assign(Collector c) {
    int groups = c.groupKeys.size();
    Map<String, List<Integer>> byStratum = new TreeMap<>();
    for (int g = 0; g < groups; g++) {
      byStratum.computeIfAbsent(majority(c.groupStrata.get(g)), k -> new ArrayList<>()).add(g);
    }
    long[] rank = new long[groups];
    for (int g = 0; g < groups; g++) {
      rank[g] = keyedHash(c.groupKeys.get(g));
    }
    byte[] split = new byte[groups];
    double t = config.testFraction();
    double v = config.validationFraction();
    for (List<Integer> members : byStratum.values()) {
      members.sort((a, b) -> {
        int cmp = Long.compareUnsigned(rank[a], rank[b]);
        return cmp != 0 ? cmp : c.groupKeys.get(a).compareTo(c.groupKeys.get(b));
      });
      long n = 0;
      for (int g : members) {
        n += c.groupSizes.get(g);
      }
      long testQuota = Math.round(t * n);
      long validationQuota = Math.round((t + v) * n) - testQuota;
      long inTest = 0;
      long inValidation = 0;
      for (int g : members) {
        int size = c.groupSizes.get(g);
        // add a group while that brings the split closer to its quota
        if (inTest + size / 2.0 < testQuota) {
          split[g] = SPLIT_TEST;
          inTest += size;
        } else if (inValidation + size / 2.0 < validationQuota) {
          split[g] = SPLIT_VALIDATION;
          inValidation += size;
        } else {
          split[g] = SPLIT_TRAIN;
        }
      }
    }
    return split;
  }

  private static String majority(Map<String, Integer> strata) {
    String best = null;
    int bestCount = -1;
    for (Map.Entry<String, Integer> e : strata.entrySet()) {
      if (e.getValue() > bestCount
          || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  private long keyedHash(String key) {
    MessageDigest md = sha256();
    md.update(ByteBuffer.allocate(Long.BYTES).putLong(config.seed()).array());
    md.update(key.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(md.digest()).getLong();
  }

  private SplitManifest manifest(Collector c, byte[] recordSplit, byte[] groupSplit,
      Map<String, String> hashes, boolean validation) {
    List<String> names = validation ? List.of(TRAIN, TEST, VALIDATION) : List.of(TRAIN, TEST);
    Map<String, Long> counts = zeros(names);
    Map<String, Map<String, Long>> strata = new TreeMap<>();
    for (int i = 0; i < c.records; i++) {
      String split = name(recordSplit[i]);
      counts.merge(split, 1L, Long::sum);
      if (config.stratify().isPresent()) {
        Map<String, Long> s = strata.computeIfAbsent(c.recordStratum[i], k -> {
          Map<String, Long> m = new LinkedHashMap<>();
          m.put("documents", 0L);
          m.putAll(zeros(names));
          return m;
        });
        s.merge("documents", 1L, Long::sum);
        s.merge(split, 1L, Long::sum);
      }
    }
    Map<String, Long> groupCounts = zeros(names);
    long spanning = 0;
    for (int g = 0; g < groupSplit.length; g++) {
      groupCounts.merge(name(groupSplit[g]), 1L, Long::sum);
      if (c.groupStrata.get(g).size() > 1) {
        spanning++;
      }
    }
    List<String> small = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> e : strata.entrySet()) {
      List<String> empty = new ArrayList<>();
      for (String n : names) {
        if (e.getValue().get(n) == 0) {
          empty.add(n);
        }
      }
      if (!empty.isEmpty()) {
        small.add(config.stratify().get() + "=" + e.getKey() + ": " + e.getValue().get("documents")
            + " document(s), none in " + String.join(", ", empty));
      }
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (String n : names) {
      files.put(n, n + ".jsonl");
    }
    return new SplitManifest(config, c.records, c.groupKeys.size(), counts, groupCounts, strata,
        small, spanning, hashes, files);
  }

  private static Map<String, Long> zeros(List<String> names) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, 0L);
    }
    return m;
  }

  private static String name(byte split) {
    return switch (split) {
      case SPLIT_TEST -> TEST;
      case SPLIT_VALIDATION -> VALIDATION;
      default -> TRAIN;
    };
  }

  /** NFKC, lower case, whitespace runs as one space, trimmed: what counts as the same text. */
  static String normalize(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return SPACES.matcher(s).replaceAll(" ").strip();
  }

  private static String scalar(Fields f, String field, String file, long line) {
    Object v = f.get(field);
    if (v == null) {
      throw new InputException(file, line, field, "missing (or null); every document needs it "
          + "to be split");
    }
    if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
      throw new InputException(file, line, field, "must be a string, number or boolean, found "
          + v.getClass().getSimpleName().toLowerCase(Locale.ROOT));
    }
    return v.toString();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static String sha256Hex(String s) {
    return HexFormat.of().formatHex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  // ---- inputs ----

  /** A record's fields: dotted paths into the record, the text by {@link SplitConfig}. */
  private interface Fields {
    /** A scalar as String/Number/Boolean, another value as itself, or null when absent. */
    Object get(String path);

    String text();
  }

  private interface Input {
    void scan(Collector c) throws IOException;

    /** Pass two: each record to its split's file, committed together at the end. */
    void copy(byte[] recordSplit, Path outDir, boolean validation) throws IOException;

    /** SHA-256 of each input file, by path. */
    Map<String, String> hashes();
  }

  /** JSONL files read as lines; outputs are the input lines, verbatim. */
  private final class JsonlInput implements Input {
    private final List<Path> files;
    private final Map<String, String> hashes = new LinkedHashMap<>();

    JsonlInput(List<Path> files) {
      this.files = files;
    }

    private interface LineVisitor {
      void line(String line, ObjectNode obj, long lineNo) throws IOException;
    }

    /** Reads one file strictly (UTF-8, JSON objects), returning its SHA-256. */
    private String read(Path file, LineVisitor visitor) throws IOException {
      MessageDigest md = sha256();
      long lineNo = 0;
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), md);
           BufferedReader r = new BufferedReader(new InputStreamReader(in,
               StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                   .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
        String line;
        while (true) {
          try {
            line = r.readLine();
          } catch (CharacterCodingException e) {
            throw new InputException(file.toString(), lineNo + 1, null, "not valid UTF-8");
          }
          if (line == null) {
            break;
          }
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          JsonNode node;
          try {
            node = Json.MAPPER.readTree(line);
          } catch (JsonProcessingException e) {
            throw new InputException(file.toString(), lineNo, null, "invalid JSON: "
                + e.getOriginalMessage());
          }
          if (!(node instanceof ObjectNode obj)) {
            throw new InputException(file.toString(), lineNo, null, "expected a JSON object, "
                + "found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
          }
          visitor.line(line, obj, lineNo);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void scan(Collector c) throws IOException {
      for (Path file : files) {
        String name = file.toString();
        String sha = read(file, (line, obj, lineNo) -> {
          JsonNode text = obj.get(config.textField());
          if (text == null || !text.isTextual()) {
            throw new InputException(name, lineNo, config.textField(), text == null
                ? "missing" : "must be a string, found "
                + text.getNodeType().name().toLowerCase(Locale.ROOT));
          }
          c.add(new JsonFields(obj, text.textValue()), name, lineNo);
        });
        hashes.put(name, sha);
      }
    }

    @Override
    public void copy(byte[] recordSplit, Path outDir, boolean validation) throws IOException {
      try (AtomicOutput train = AtomicOutput.create(outDir.resolve(TRAIN + ".jsonl"));
           AtomicOutput test = AtomicOutput.create(outDir.resolve(TEST + ".jsonl"));
           AtomicOutput val = validation
               ? AtomicOutput.create(outDir.resolve(VALIDATION + ".jsonl")) : null) {
        OutputStream[] outs = {train, test, val};
        int[] next = {0};
        for (Path file : files) {
          String sha = read(file, (line, obj, lineNo) -> {
            if (next[0] >= recordSplit.length) {
              throw new InputException(file.toString(), lineNo, null, "changed while being "
                  + "split (more records than at first); run again");
            }
            OutputStream o = outs[recordSplit[next[0]++]];
            o.write(line.getBytes(StandardCharsets.UTF_8));
            o.write('\n');
          });
          if (!sha.equals(hashes.get(file.toString()))) {
            throw new InputException(file.toString(), "changed while being split; run again",
                null);
          }
        }
        train.commit();
        test.commit();
        if (val != null) {
          val.commit();
        }
      }
    }

    @Override
    public Map<String, String> hashes() {
      return hashes;
    }
  }

  private static final class JsonFields implements Fields {
    private final ObjectNode obj;
    private final String text;

    JsonFields(ObjectNode obj, String text) {
      this.obj = obj;
      this.text = text;
    }

    @Override
    public Object get(String path) {
      JsonNode n = obj;
      for (String part : path.split("\\.")) {
        n = n.isObject() ? n.get(part) : null;
        if (n == null || n.isNull()) {
          return null;
        }
      }
      if (n.isTextual()) {
        return n.textValue();
      }
      if (n.isNumber()) {
        return n.asText(); // as spelled in the input (7 and 7.0 differ)
      }
      if (n.isBoolean()) {
        return n.booleanValue();
      }
      return n;
    }

    @Override
    public String text() {
      return text;
    }
  }

  /** Any core source: fields are the id, the text or metadata; written as documents. */
  private final class SourceInput implements Input {
    private final DataSource source;
    private final Map<String, String> hashes = new TreeMap<>();

    SourceInput(DataSource source) {
      this.source = source;
    }

    @Override
    public void scan(Collector c) throws IOException {
      try (RecordReader r = source.open(ErrorPolicy.FAIL)) {
        long n = 0;
        for (Document d = r.nextDocument(); d != null; d = r.nextDocument()) {
          n++;
          Object src = d.metadata().get("source");
          Object line = d.metadata().get("line");
          String file = src instanceof String s ? s : source.description();
          long lineNo = line instanceof Number num ? num.longValue() : n;
          c.add(new DocumentFields(d), file + (src instanceof String ? "" : " (" + d.id() + ")"),
              lineNo);
        }
        hashes.putAll(r.inputHashes());
      }
    }

    @Override
    public void copy(byte[] recordSplit, Path outDir, boolean validation) throws IOException {
      try (DocumentSink train = DocumentSink.jsonl(outDir.resolve(TRAIN + ".jsonl"));
           DocumentSink test = DocumentSink.jsonl(outDir.resolve(TEST + ".jsonl"));
           DocumentSink val = validation
               ? DocumentSink.jsonl(outDir.resolve(VALIDATION + ".jsonl")) : null;
           RecordReader r = source.open(ErrorPolicy.FAIL)) {
        DocumentSink[] sinks = {train, test, val};
        int next = 0;
        for (Document d = r.nextDocument(); d != null; d = r.nextDocument()) {
          if (next >= recordSplit.length) {
            throw new InputException(source.description(), "changed while being split (more "
                + "documents than at first); run again", null);
          }
          sinks[recordSplit[next++]].write(d);
        }
        if (next != recordSplit.length || !new TreeMap<>(r.inputHashes()).equals(hashes)) {
          throw new InputException(source.description(), "changed while being split; run "
              + "again", null);
        }
        train.commit();
        test.commit();
        if (val != null) {
          val.commit();
        }
      }
    }

    @Override
    public Map<String, String> hashes() {
      return hashes;
    }
  }

  private final class DocumentFields implements Fields {
    private final Document d;

    DocumentFields(Document d) {
      this.d = d;
    }

    @Override
    public Object get(String path) {
      if (path.equals("id")) {
        return d.id();
      }
      if (path.equals(config.textField())) {
        return d.text();
      }
      Object v = d.metadata();
      for (String part : path.split("\\.")) {
        v = v instanceof Map<?, ?> m ? m.get(part) : null;
        if (v == null) {
          return null;
        }
      }
      return v;
    }

    @Override
    public String text() {
      return d.text();
    }
  }
}
