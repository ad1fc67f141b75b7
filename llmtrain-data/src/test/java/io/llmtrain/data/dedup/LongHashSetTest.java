package io.llmtrain.data.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

  @Test
  void addReportsWhetherTheValueWasNew() {
    LongHashSet set = new LongHashSet();
    assertThat(set.add(42)).isTrue();
    assertThat(set.add(42)).isFalse();
    assertThat(set.add(-42)).isTrue();
    assertThat(set.contains(42)).isTrue();
    assertThat(set.contains(-42)).isTrue();
    assertThat(set.contains(43)).isFalse();
    assertThat(set.size()).isEqualTo(2);
  }

  @Test
  void zeroAndExtremeValuesAreOrdinaryMembers() {
    LongHashSet set = new LongHashSet();
    assertThat(set.contains(0)).isFalse();
    assertThat(set.add(0)).isTrue();
    assertThat(set.add(0)).isFalse();
    assertThat(set.add(Long.MIN_VALUE)).isTrue();
    assertThat(set.add(Long.MAX_VALUE)).isTrue();
    assertThat(set.add(-1)).isTrue();
    assertThat(set.contains(0)).isTrue();
    assertThat(set.contains(Long.MIN_VALUE)).isTrue();
    assertThat(set.size()).isEqualTo(4);
  }

  @Test
  void manyInsertsThroughRepeatedGrowthAgreeWithJavaHashSet() {
    LongHashSet set = new LongHashSet();
    Set<Long> reference = new HashSet<>();
    SplittableRandom random = new SplittableRandom(7);
    int initialCapacity = set.capacity();
    for (int i = 0; i < 300_000; i++) {
      // a mix of random values, small sequential ones and repeats
      long v = switch (i % 3) {
        case 0 -> random.nextLong();
        case 1 -> i;
        default -> random.nextLong(1000);
      };
      assertThat(set.add(v)).isEqualTo(reference.add(v));
    }
    assertThat(set.size()).isEqualTo(reference.size());
    assertThat(set.capacity()).isGreaterThan(initialCapacity);
    for (long v : reference) {
      assertThat(set.contains(v)).isTrue();
    }
    SplittableRandom absent = new SplittableRandom(8);
    for (int i = 0; i < 10_000; i++) {
      long v = absent.nextLong();
      assertThat(set.contains(v)).isEqualTo(reference.contains(v));
    }
  }

  @Test
  void valuesSharingAHomeSlotProbeAndWrapAroundTheTableEnd() {
    LongHashSet set = new LongHashSet(); // 16 slots until it grows past 12 elements
    int capacity = set.capacity();
    List<Long> lastSlot = valuesWithHomeSlot(capacity - 1, capacity, 6);
    for (long v : lastSlot) {
      assertThat(set.add(v)).isTrue();
    }
    assertThat(set.capacity()).isEqualTo(capacity); // no growth hid the collisions
    for (long v : lastSlot) {
      assertThat(set.contains(v)).isTrue();
      assertThat(set.add(v)).isFalse();
    }
    // a value homed at slot 0 must still be found after the wrapped-around chain
    long first = valuesWithHomeSlot(0, capacity, 1).get(0);
    assertThat(set.contains(first)).isFalse();
    assertThat(set.add(first)).isTrue();
    assertThat(set.contains(first)).isTrue();
    assertThat(set.size()).isEqualTo(7);
  }

  @Test
  void growthKeepsEveryCollidingValue() {
    LongHashSet set = new LongHashSet();
    List<Long> colliding = valuesWithHomeSlot(3, set.capacity(), 12);
    colliding.forEach(set::add);
    for (long v = 1; v <= 100; v++) { // forces several rehashes
      set.add(v * 1_000_003);
    }
    assertThat(set.capacity()).isGreaterThan(16);
    assertThat(colliding).allMatch(set::contains);
    assertThat(set.size()).isEqualTo(112);
  }

  @Test
  void presizedSetDoesNotGrowAndHoldsAboutElevenBytesPerElement() {
    int n = 100_000;
    LongHashSet set = new LongHashSet(n);
    int capacity = set.capacity();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      set.add(random.nextLong());
    }
    assertThat(set.capacity()).isEqualTo(capacity);
    double bytesPerElement = (double) set.memoryBytes() / set.size();
    assertThat(bytesPerElement).isBetween(8 / LongHashSet.MAX_LOAD, 8 / LongHashSet.MAX_LOAD + 0.1);
  }

  @Test
  void grownSetHoldsBetweenElevenAndSixteenBytesPerElement() {
    LongHashSet set = new LongHashSet();
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 1; i <= 200_000; i++) {
      set.add(random.nextLong());
      if (i % 997 == 0) {
        double perElement = (double) (set.memoryBytes() - 48) / set.size();
        assertThat(perElement).isBetween(8 / LongHashSet.MAX_LOAD - 0.01,
            1.5 * 8 / LongHashSet.MAX_LOAD + 0.01);
      }
    }
    assertThat(set.memoryBytes()).isEqualTo(48 + 8L * set.capacity());
  }

  @Test
  void clearEmptiesAndShrinks() {
    LongHashSet set = new LongHashSet();
    for (long v = 0; v < 1000; v++) {
      set.add(v);
    }
    set.clear();
    assertThat(set.isEmpty()).isTrue();
    assertThat(set.contains(0)).isFalse();
    assertThat(set.contains(5)).isFalse();
    assertThat(set.capacity()).isEqualTo(LongHashSet.MIN_CAPACITY);
    assertThat(set.add(5)).isTrue();
  }

  @Test
  void rejectsImpossibleSizes() {
    assertThatThrownBy(() -> new LongHashSet(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LongHashSet(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("largest table");
  }

  @Test
  void objectMapKeepsTheFirstValueAndSurvivesGrowth() {
    LongObjectMap<String> map = new LongObjectMap<>(0);
    assertThat(map.putIfAbsent(0, "zero")).isNull();
    assertThat(map.putIfAbsent(0, "again")).isEqualTo("zero");
    for (long k = 1; k <= 50_000; k++) {
      assertThat(map.putIfAbsent(k * 7919, "doc-" + k)).isNull();
    }
    assertThat(map.putIfAbsent(7919 * 123, "late")).isEqualTo("doc-123");
    assertThat(map.get(7919 * 50_000L)).isEqualTo("doc-50000");
    assertThat(map.get(0)).isEqualTo("zero");
    assertThat(map.get(11)).isNull();
    assertThat(map.size()).isEqualTo(50_001);
    assertThat(map.memoryBytes()).isEqualTo(96 + 12L * map.capacity());
  }

  /** Finds {@code count} distinct non-zero values whose home slot is {@code slot}. */
  private static List<Long> valuesWithHomeSlot(int slot, int capacity, int count) {
    List<Long> found = new ArrayList<>();
    for (long v = 1; found.size() < count; v++) {
      if (LongHashSet.slot(v, capacity) == slot) {
        found.add(v);
      }
    }
    return found;
  }
}
