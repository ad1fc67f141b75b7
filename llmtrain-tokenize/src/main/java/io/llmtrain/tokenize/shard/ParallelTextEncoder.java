package io.llmtrain.tokenize.shard;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.tokenize.TextEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Gives any thread-safe {@link TextEncoder} a parallel {@link #encodeBatch}: texts are handed out
 * in small chunks to a fixed pool, so a few long documents do not leave the other threads idle,
 * and the results keep the input order. Closing shuts the pool down, not the delegate.
 */
public final class ParallelTextEncoder implements TextEncoder, AutoCloseable {
  /** Texts per hand-out: small enough to balance uneven documents, large enough to be cheap. */
  private static final int CHUNK = 8;

  private final TextEncoder delegate;
  private final int threads;
  private final ExecutorService pool;

  private ParallelTextEncoder(TextEncoder delegate, int threads) {
    this.delegate = delegate;
    this.threads = threads;
    this.pool = threads > 1 ? newPool(threads, "llmtrain-encode") : null;
  }

  /** Wraps {@code delegate}; {@code threads == 1} encodes on the caller's thread. */
  public static ParallelTextEncoder of(TextEncoder delegate, int threads) {
    requireNonNull(delegate, "delegate");
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    return new ParallelTextEncoder(delegate, threads);
  }

  /** A fixed pool of daemon threads, so an encoder left open never keeps the JVM alive. */
  public static ExecutorService newPool(int threads, String name) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Encodes {@code texts} with {@code encodeOne} on up to {@code parallelism} tasks of
   * {@code pool} (the caller's thread when the pool is null or the batch is tiny), in order.
   * A failure of any text fails the batch with that text's exception.
   */
  public static List<int[]> encodeInParallel(ExecutorService pool, int parallelism,
      List<String> texts, Function<String, int[]> encodeOne) {
    int n = texts.size();
    int[][] out = new int[n][];
    if (pool == null || parallelism <= 1 || n <= CHUNK) {
      for (int i = 0; i < n; i++) {
        out[i] = encodeOne.apply(texts.get(i));
      }
      return Arrays.asList(out);
    }
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int start; (start = next.getAndAdd(CHUNK)) < n; ) {
        int end = Math.min(n, start + CHUNK);
        for (int i = start; i < end; i++) {
          out[i] = encodeOne.apply(texts.get(i));
        }
      }
    };
    int tasks = Math.min(parallelism, (n + CHUNK - 1) / CHUNK);
    List<Future<?>> futures = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      futures.add(pool.submit(work));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new IllegalStateException("interrupted while encoding", e);
      } catch (ExecutionException e) {
        futures.forEach(x -> x.cancel(true));
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException("encoding failed", cause);
      }
    }
    return Arrays.asList(out);
  }

  @Override
  public int[] encode(String text, boolean addSpecialTokens) {
    return delegate.encode(text, addSpecialTokens);
  }

  @Override
  public List<int[]> encodeBatch(List<String> texts, boolean addSpecialTokens) {
    return encodeInParallel(pool, threads, texts, t -> delegate.encode(t, addSpecialTokens));
  }

  @Override
  public String decode(int[] ids, boolean skipSpecialTokens) {
    return delegate.decode(ids, skipSpecialTokens);
  }

  @Override
  public int vocabSize() {
    return delegate.vocabSize();
  }

  @Override
  public int tokenToId(String token) {
    return delegate.tokenToId(token);
  }

  public int threads() {
    return threads;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
