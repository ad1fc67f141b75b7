package io.llmtrain.core.train;

import io.llmtrain.core.tokens.ShardSidecar;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.TokenDtype;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A byte-level token shard (vocabulary 256, end of document = 0) of real English paragraphs. */
final class EnglishTokens {
  static final String[] PARAGRAPHS = {
      "The river runs past the old mill and under the stone bridge before it reaches the town. "
          + "In spring the water is high and brown, and the children stand on the bridge to "
          + "watch branches float by. In summer it is low and clear, and you can see the fish "
          + "resting in the shade of the willows that grow along the bank.",
      "My grandmother kept a garden behind the house. She grew beans, tomatoes, onions and "
          + "potatoes, and along the fence there were roses that she had planted the year she "
          + "was married. Every morning she walked between the rows with a basket and a small "
          + "knife, and every evening she watered the plants with water from the rain barrel.",
      "The train was late again. The people on the platform looked at their watches, then at "
          + "the board, then at each other. A man with a brown hat said that the line had been "
          + "closed for repairs near the river. A woman with two suitcases said that she would "
          + "miss her meeting in the city, and that this was the third time this week.",
      "When the snow came it covered the fields and the roads, and for three days nobody could "
          + "leave the village. The baker kept his oven burning and gave bread to anyone who "
          + "asked. The teacher opened the school so that the children had somewhere warm to "
          + "play, and in the evenings the older people told stories about winters long ago.",
      "Learning to read music is much like learning to read a new language. At first every "
          + "note must be named and counted, and the hands move slowly and with effort. After "
          + "some weeks the eyes begin to see patterns, and the fingers find the keys before the "
          + "mind has finished naming them. In the end the page simply sounds like a song.",
      "The library in our town is a small building with tall windows and a wooden floor that "
          + "creaks when you walk across it. On rainy afternoons it is full of students doing "
          + "their homework and old men reading the newspaper. The librarian knows every book "
          + "on the shelves and will always find the one you are looking for.",
      "At the edge of the forest there is a path that climbs slowly up the hill to a clearing "
          + "with a view of the whole valley. From there you can see the river, the roofs of "
          + "the town, the church tower and the road that leads to the sea. On a clear day you "
          + "can even see the sails of the boats in the harbour far away.",
      "The cook put the pot on the stove, added the onions and a little oil, and stirred them "
          + "until they were soft and golden. Then she added the meat, the carrots and a glass "
          + "of wine, and let everything cook slowly for two hours. The smell filled the whole "
          + "house, and one by one the family came into the kitchen to ask when it would be ready."
  };

  private EnglishTokens() {
  }

  /** Token ids: the UTF-8 bytes of each paragraph, 0 after each; repeated {@code copies} times. */
  static int[] ids(int copies) {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c < copies; c++) {
      for (String p : PARAGRAPHS) {
        all.append(p).append('\0');
      }
    }
    byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = bytes[i] & 0xFF;
    }
    return ids;
  }

  /** Writes the shard and its sidecar under {@code dir} and opens it. */
  static TokenDataset dataset(Path dir, int copies) throws IOException {
    return dataset(dir, "english", ids(copies), 0);
  }

  /** Writes {@code ids} as shard {@code name} (vocabulary 256) under {@code dir} and opens it. */
  static TokenDataset dataset(Path dir, String name, int[] ids, int eosId) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(ids.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    long docs = 0;
    for (int id : ids) {
      b.putShort((short) id);
      if (id == eosId) {
        docs++;
      }
    }
    Files.createDirectories(dir);
    Path shard = dir.resolve(name + ".bin");
    Files.write(shard, b.array());
    ShardSidecar sc = new ShardSidecar(TokenDtype.UINT16, ids.length, docs, 256, eosId,
        sha256(b.array()), "ab".repeat(32), List.of(), "test", Map.of(), null);
    sc.write(ShardSidecar.pathFor(shard));
    return TokenDataset.open(shard);
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
