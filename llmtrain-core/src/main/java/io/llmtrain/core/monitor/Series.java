package io.llmtrain.core.monitor;

import java.util.Arrays;

/**
 * (step, value) points for a chart, bounded in memory: when full, every other point is dropped
 * and from then on only every second (fourth, ...) point is kept, so a run of millions of steps
 * still draws its whole history from at most {@code capacity} evenly spaced points.
 */
final class Series {
  private final int capacity;
  private double[] x;
  private double[] y;
  private int size;
  private long stride = 1;
  private long seen;

  Series(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
    }
    this.capacity = capacity;
    this.x = new double[Math.min(capacity, 256)];
    this.y = new double[x.length];
  }

  /** Adds a point; non-finite values are skipped (a chart cannot draw them). */
  void add(double step, double value) {
    if (!Double.isFinite(value)) {
      return;
    }
    if (seen++ % stride != 0) {
      return;
    }
    if (size == capacity) {
      int j = 0;
      for (int i = 0; i < size; i += 2) {
        x[j] = x[i];
        y[j] = y[i];
        j++;
      }
      size = j;
      stride *= 2;
      if ((seen - 1) % stride != 0) {
        return;
      }
    }
    if (size == x.length) {
      x = Arrays.copyOf(x, Math.min(capacity, x.length * 2));
      y = Arrays.copyOf(y, x.length);
    }
    x[size] = step;
    y[size] = value;
    size++;
  }

  int size() {
    return size;
  }

  double[] xs() {
    return Arrays.copyOf(x, size);
  }

  double[] ys() {
    return Arrays.copyOf(y, size);
  }

  double lastY() {
    return size == 0 ? Double.NaN : y[size - 1];
  }
}
