/**
 * The tracing JIT of tiny: {@link dev.stitch.tiny.jit.TracingJit} counts loop iterations through
 * {@link dev.stitch.tiny.InterpreterHooks#onBackwardJump}, records a hot loop's iteration as a
 * {@link dev.stitch.jit.Trace} of uops while executing it for real, compiles it with
 * {@link dev.stitch.jit.TraceCompiler} and runs it on a {@link dev.stitch.jit.Frame} that shares
 * the run's arrays ({@link dev.stitch.jit.ArrayTable}). Exit values name exit snapshots, from
 * which the interpreter's call stack is put back and it continues where a trace left. The
 * trace-tree machinery is {@link dev.stitch.jit.tree.TreeJit}'s; this package is its tiny
 * {@link dev.stitch.jit.tree.FrontEnd}. See docs/TRACES.md, "tiny's tracing JIT".
 */
package dev.stitch.tiny.jit;
