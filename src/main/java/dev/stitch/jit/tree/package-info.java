/**
 * Trace trees, for any language: {@link dev.stitch.jit.tree.TreeJit} counts hot loops, has a
 * {@link dev.stitch.jit.tree.FrontEnd} record them as {@link dev.stitch.jit.Trace}s, compiles and
 * runs them, grows a tree from each hot exit and links its paths, and serves runs one after
 * another with the compiled trees kept. The front end knows its language: how to record a path
 * from a pc, and how its interpreter's state goes into a trace's frame and comes back from an
 * exit's snapshot. tiny's is in {@code dev.stitch.tiny.jit}. See docs/TRACES.md.
 */
package dev.stitch.jit.tree;
