/**
 * The tracing JIT of tiny: {@link dev.stitch.tiny.jit.TracingJit} counts loop iterations through
 * {@link dev.stitch.tiny.InterpreterHooks#onBackwardJump}, records a hot loop's iteration as a
 * {@link dev.stitch.jit.Trace} of uops while executing it for real, compiles it with
 * {@link dev.stitch.jit.TraceCompiler} and runs it on a {@link dev.stitch.jit.Frame} that shares
 * the run's arrays ({@link dev.stitch.jit.ArrayTable}). Exit values are bytecode pcs: the
 * interpreter continues where a trace left. See docs/TRACES.md, "tiny's tracing JIT".
 */
package dev.stitch.tiny.jit;
