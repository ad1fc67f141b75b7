package io.llmtrain.eval.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.spi.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Held-out splits of JSONL documents: disjointness, proportions, strata, determinism, errors. */
class HeldOutSplitTest {
  @TempDir
  Path dir;

  private static final List<String> EN = List.of(
      "The committee approved the budget on Tuesday after a long debate.",
      "Rain is expected tomorrow across the north of the country.",
      "He played the piano beautifully at the concert last night.",
      "The library will close early on public holidays.",
      "Scientists observed a new comet passing near Jupiter.",
      "The bakery on the corner sells bread, cheese and coffee.",
      "Traffic was heavy on the bridge during the morning rush.",
      "The museum opened an exhibition of medieval maps.",
      "Our team finished the project two weeks ahead of schedule.",
      "The river flooded the lower part of the old town.",
      "She learned to sail on the lake every summer.",
      "The train to the coast leaves at eight o'clock.",
      "Farmers hope the dry season ends before the harvest.",
      "The new bridge connects the island to the mainland.",
      "A quiet street of small houses leads to the harbour.");
  private static final List<String> PT = List.of(
      "O comitê aprovou o orçamento na terça-feira após longo debate.",
      "Espera-se chuva amanhã em todo o norte do país.",
      "Ele tocou piano lindamente no concerto de ontem à noite.",
      "A biblioteca fecha mais cedo nos feriados.",
      "Os cientistas observaram um cometa passando perto de Júpiter.",
      "A padaria da esquina vende pão, queijo e café.",
      "O trânsito estava intenso na ponte durante a manhã.",
      "São Paulo é a maior cidade do Brasil.",
      "A reunião foi adiada para a próxima semana.",
      "Os alunos estudaram matemática e história.");

  /** 15 x 14 English pairs and 10 x 9 Portuguese pairs: 300 distinct documents, two languages. */
  private static List<Map<String, Object>> documents() {
    List<Map<String, Object>> docs = new ArrayList<>();
    int id = 0;
    for (List<String> lang : List.of(EN, PT)) {
      for (int i = 0; i < lang.size(); i++) {
        for (int j = 0; j < lang.size(); j++) {
          if (i != j) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", "doc-" + id++);
            d.put("text", lang.get(i) + " " + lang.get(j));
            d.put("lang", lang == EN ? "en" : "pt");
            d.put("url", "https://example.org/" + (lang == EN ? "en/" : "pt/") + i);
            docs.add(d);
          }
        }
      }
    }
    return docs;
  }

  private Path write(String name, List<Map<String, Object>> docs) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> d : docs) {
      lines.add(Json.MAPPER.writeValueAsString(d));
    }
    return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
  }

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(Json.MAPPER.readTree(line));
    }
    return out;
  }

  private static Set<String> field(List<JsonNode> docs, String field) {
    Set<String> out = new HashSet<>();
    for (JsonNode d : docs) {
      out.add(field.equals("norm") ? normalized(d.get("text").asText()) : d.get(field).asText());
    }
    return out;
  }

  /** Independent of the implementation: lower case and collapsed spaces. */
  private static String normalized(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  @Test
  void duplicatesNeverLandOnBothSides() throws IOException {
    List<Map<String, Object>> docs = documents();
    // exact duplicates and case/space variants of 40 documents, under new ids
    for (int k = 0; k < 40; k++) {
      Map<String, Object> copy = new LinkedHashMap<>(docs.get(k * 7));
      copy.put("id", "dup-" + k);
      String text = (String) copy.get("text");
      copy.put("text", k % 2 == 0 ? text : "  " + text.toUpperCase(java.util.Locale.ROOT)
          .replace(" ", "   ") + "\n");
      docs.add(copy);
    }
    Path in = write("docs.jsonl", docs);
    Path out = dir.resolve("out");
    SplitManifest m = new HeldOutSplit(SplitConfig.builder().testFraction(0.2)
        .validationFraction(0.1).seed(5).build()).split(List.of(in), out);
    List<JsonNode> train = read(out.resolve("train.jsonl"));
    List<JsonNode> test = read(out.resolve("test.jsonl"));
    List<JsonNode> val = read(out.resolve("validation.jsonl"));
    assertThat(train.size() + test.size() + val.size()).isEqualTo(docs.size());
    assertThat(m.documents()).isEqualTo(docs.size());
    assertThat(m.groups()).isEqualTo(docs.size() - 40);
    Set<String> trainTexts = field(train, "norm");
    assertThat(trainTexts).doesNotContainAnyElementsOf(field(test, "norm"));
    assertThat(trainTexts).doesNotContainAnyElementsOf(field(val, "norm"));
    assertThat(field(test, "norm")).doesNotContainAnyElementsOf(field(val, "norm"));
    // and the duplicates were spread over the splits, not all parked in training
    Set<String> dupSides = new HashSet<>();
    for (List<JsonNode> split : List.of(train, test, val)) {
      for (JsonNode d : split) {
        if (d.get("id").asText().startsWith("dup-")) {
          dupSides.add(split == train ? "train" : split == test ? "test" : "val");
        }
      }
    }
    assertThat(dupSides).contains("train", "test");
  }

  @Test
  void fractionsHoldWithinRoundingAndCountsMatchTheFiles() throws Exception {
    Path in = write("docs.jsonl", documents());
    Path out = dir.resolve("out");
    SplitManifest m = new HeldOutSplit(SplitConfig.builder().testFraction(0.1)
        .validationFraction(0.15).build()).split(List.of(in), out);
    int n = 300;
    long test = read(out.resolve("test.jsonl")).size();
    long val = read(out.resolve("validation.jsonl")).size();
    long train = read(out.resolve("train.jsonl")).size();
    assertThat(Math.abs(test - 0.1 * n)).isLessThanOrEqualTo(0.5);
    assertThat(Math.abs(val - 0.15 * n)).isLessThanOrEqualTo(1.0);
    assertThat(train).isEqualTo(n - test - val);
    assertThat(m.counts()).containsEntry("test", test).containsEntry("validation", val)
        .containsEntry("train", train);
    JsonNode manifest = Json.MAPPER.readTree(out.resolve("split.json").toFile());
    assertThat(manifest.get("counts").get("test").asLong()).isEqualTo(test);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(in)));
    assertThat(manifest.get("inputs").get(in.toString()).asText()).isEqualTo(sha);
    assertThat(manifest.get("seed").asLong()).isZero();
    assertThat(manifest.get("config").get("validationFraction").asDouble()).isEqualTo(0.15);
  }

  @Test
  void eachStratumIsSplitInProportionAndTinyStrataAreReported() throws Exception {
    List<Map<String, Object>> docs = documents(); // 210 en, 90 pt
    for (String text : List.of("Der Zug fährt um acht Uhr ab.", "Das Museum ist heute zu.")) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", "de-" + text.length());
      d.put("text", text);
      d.put("lang", "de");
      docs.add(d);
    }
    Path in = write("docs.jsonl", docs);
    Path out = dir.resolve("out");
    SplitManifest m = new HeldOutSplit(SplitConfig.builder().testFraction(0.2).stratify("lang")
        .seed(11).build()).split(List.of(in), out);
    List<JsonNode> test = read(out.resolve("test.jsonl"));
    Map<String, Integer> testByLang = new LinkedHashMap<>();
    for (JsonNode d : test) {
      testByLang.merge(d.get("lang").asText(), 1, Integer::sum);
    }
    assertThat(testByLang.get("en")).isEqualTo((int) Math.round(0.2 * 210));
    assertThat(testByLang.get("pt")).isEqualTo((int) Math.round(0.2 * 90));
    // 2 documents x 0.2 rounds to 0: kept, all in training, and reported
    assertThat(testByLang).doesNotContainKey("de");
    assertThat(m.strata().get("de")).containsEntry("documents", 2L).containsEntry("train", 2L);
    assertThat(m.smallStrata()).singleElement().asString().contains("lang=de", "test");
    JsonNode manifest = Json.MAPPER.readTree(out.resolve("split.json").toFile());
    assertThat(manifest.get("strata").get("pt").get("test").asInt()).isEqualTo(18);
    assertThat(manifest.get("small_strata").size()).isEqualTo(1);
  }

  @Test
  void sameInputAndSeedGiveIdenticalBytesWhateverTheInputOrder() throws Exception {
    List<Map<String, Object>> docs = documents();
    Path in = write("docs.jsonl", docs);
    SplitConfig config = SplitConfig.builder().testFraction(0.15).validationFraction(0.05)
        .stratify("lang").seed(99).build();
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    new HeldOutSplit(config).split(List.of(in), a);
    new HeldOutSplit(config).split(List.of(in), b);
    for (String f : List.of("train.jsonl", "test.jsonl", "validation.jsonl", "split.json")) {
      assertThat(Files.readAllBytes(b.resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
    // the same documents in another order: the same documents on each side
    List<Map<String, Object>> shuffled = new ArrayList<>(docs);
    Collections.shuffle(shuffled, new Random(1));
    Path in2 = write("shuffled.jsonl", shuffled);
    Path c = dir.resolve("c");
    new HeldOutSplit(config).split(List.of(in2), c);
    assertThat(field(read(c.resolve("test.jsonl")), "id"))
        .isEqualTo(field(read(a.resolve("test.jsonl")), "id"));
    assertThat(field(read(c.resolve("validation.jsonl")), "id"))
        .isEqualTo(field(read(a.resolve("validation.jsonl")), "id"));
    // another seed, another test set of the same size
    Path d = dir.resolve("d");
    new HeldOutSplit(config.toBuilder().seed(100).build()).split(List.of(in), d);
    Set<String> testA = field(read(a.resolve("test.jsonl")), "id");
    Set<String> testD = field(read(d.resolve("test.jsonl")), "id");
    assertThat(testD).hasSameSizeAs(testA).isNotEqualTo(testA);
  }

  @Test
  void groupByFieldKeepsAllDocumentsOfAKeyTogether() throws Exception {
    Path in = write("docs.jsonl", documents());
    Path out = dir.resolve("out");
    // 25 urls, 9 to 14 documents each
    SplitManifest m = new HeldOutSplit(SplitConfig.builder().testFraction(0.2).groupBy("url")
        .seed(3).build()).split(List.of(in), out);
    Set<String> trainUrls = field(read(out.resolve("train.jsonl")), "url");
    Set<String> testUrls = field(read(out.resolve("test.jsonl")), "url");
    assertThat(trainUrls).doesNotContainAnyElementsOf(testUrls);
    assertThat(testUrls).isNotEmpty();
    assertThat(m.groups()).isEqualTo(25);
    // whole groups: within half the largest group of the quota
    assertThat(Math.abs(m.counts().get("test") - 60)).isLessThanOrEqualTo(7);
  }

  @Test
  void aCoreDataSourceIsSplitIntoDocuments() throws Exception {
    List<Document> docs = new ArrayList<>();
    for (Map<String, Object> d : documents()) {
      docs.add(Document.of((String) d.get("id"), (String) d.get("text"),
          Map.of("meta", Map.of("lang", d.get("lang")))));
    }
    Path out = dir.resolve("out");
    SplitManifest m = new HeldOutSplit(SplitConfig.builder().testFraction(0.1)
        .stratify("meta.lang").groupBy("id").build()).split(DataSource.of(docs), out);
    List<JsonNode> test = read(out.resolve("test.jsonl"));
    assertThat(test).hasSize(30);
    assertThat(test.get(0).get("metadata").get("meta").get("lang").isTextual()).isTrue();
    assertThat(field(read(out.resolve("train.jsonl")), "id"))
        .doesNotContainAnyElementsOf(field(test, "id"));
    assertThat(m.strata().keySet()).containsExactly("en", "pt");
    assertThat(Files.exists(out.resolve("validation.jsonl"))).isFalse();
  }

  @Test
  void aStaleValidationFileIsRemovedWhenThereIsNoValidationSplit() throws Exception {
    Path in = write("docs.jsonl", documents());
    Path out = dir.resolve("out");
    new HeldOutSplit(SplitConfig.builder().validationFraction(0.1).build()).split(List.of(in), out);
    assertThat(out.resolve("validation.jsonl")).exists();
    new HeldOutSplit(SplitConfig.defaults()).split(List.of(in), out);
    assertThat(out.resolve("validation.jsonl")).doesNotExist();
    assertThat(Json.MAPPER.readTree(out.resolve("split.json").toFile()).get("files")
        .has("validation")).isFalse();
  }

  @Test
  void badInputIsRefusedNamingFileLineAndField() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"),
        "{\"text\": \"one\", \"lang\": \"en\"}\n\n{\"text\": \"two\", \"lang\": \"en\"\n");
    assertThatThrownBy(() -> new HeldOutSplit(SplitConfig.defaults())
        .split(List.of(bad), dir.resolve("o1")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("bad.jsonl:3").hasMessageContaining("invalid JSON");
    Path missing = Files.writeString(dir.resolve("missing.jsonl"),
        "{\"text\": \"one\", \"lang\": \"en\"}\n{\"text\": \"two\"}\n");
    assertThatThrownBy(() -> new HeldOutSplit(SplitConfig.builder().stratify("lang").build())
        .split(List.of(missing), dir.resolve("o2")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("missing.jsonl:2").hasMessageContaining("'lang'")
        .satisfies(e -> assertThat(((InputException) e).field()).contains("lang"));
    Path noText = Files.writeString(dir.resolve("notext.jsonl"), "{\"body\": \"one\"}\n");
    assertThatThrownBy(() -> new HeldOutSplit(SplitConfig.defaults())
        .split(List.of(noText), dir.resolve("o3")))
        .isInstanceOf(InputException.class).hasMessageContaining("notext.jsonl:1")
        .hasMessageContaining("'text'");
    Path list = Files.writeString(dir.resolve("list.jsonl"), "{\"text\": \"a\", \"url\": [1]}\n");
    assertThatThrownBy(() -> new HeldOutSplit(SplitConfig.builder().groupBy("url").build())
        .split(List.of(list), dir.resolve("o4")))
        .isInstanceOf(InputException.class).hasMessageContaining("list.jsonl:1")
        .hasMessageContaining("'url'");
    // nothing was published for the failed runs
    assertThat(dir.resolve("o2").resolve("train.jsonl")).doesNotExist();
  }

  @Test
  void configurationIsStrict() {
    assertThatThrownBy(() -> SplitConfig.builder().testFraction(0))
        .hasMessageContaining("testFraction");
    assertThatThrownBy(() -> SplitConfig.builder().testFraction(0.6).validationFraction(0.4)
        .build()).hasMessageContaining("testFraction + validationFraction");
    assertThatThrownBy(() -> SplitConfig.builder().stratify(" "))
        .hasMessageContaining("stratify");
    assertThatThrownBy(() -> SplitConfig.fromParams(Params.of("split",
        Map.of("testFraction", "0.2", "stratfy", "lang"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("stratfy")
        .hasMessageContaining("stratify");
    SplitConfig c = SplitConfig.fromParams(Params.of("split",
        Map.of("testFraction", "0.2", "stratify", "lang", "seed", "7")));
    assertThat(c.testFraction()).isEqualTo(0.2);
    assertThat(c.stratify()).contains("lang");
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }
}
