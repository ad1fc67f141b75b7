/**
 * The fast encoding path: {@link io.llmtrain.tokenize.rust.RustTokenizer} runs a
 * {@code tokenizer.json} in the Hugging Face {@code tokenizers} library through DJL's JNI
 * binding. Where the native library cannot load, loading fails with
 * {@link io.llmtrain.tokenize.rust.NativeTokenizerUnavailableException} and callers fall back to
 * the pure-Java encoder.
 */
package io.llmtrain.tokenize.rust;
