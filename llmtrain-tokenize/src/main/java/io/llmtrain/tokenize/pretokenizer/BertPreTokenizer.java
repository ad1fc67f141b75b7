package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.ArrayList;
import java.util.List;

/** BERT's splitter: on whitespace (dropped), then every punctuation mark on its own. */
public final class BertPreTokenizer implements PreTokenizer {
  public static final BertPreTokenizer INSTANCE = new BertPreTokenizer();

  private BertPreTokenizer() {
  }

  @Override
  public String type() {
    return "BertPreTokenizer";
  }

  @Override
  public List<String> split(String normalized) {
    List<String> out = new ArrayList<>();
    for (String w : SplitBehavior.Removed.split(normalized, SplitBehavior::isWhiteSpace)) {
      out.addAll(SplitBehavior.Isolated.split(w, SplitBehavior::isPunctuation));
    }
    return out;
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type());
  }
}
