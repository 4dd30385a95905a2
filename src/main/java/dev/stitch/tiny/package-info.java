/**
 * tiny: a small language whose hot loops the tracing JIT compiles. Source text is parsed into a
 * syntax tree, compiled to a compact stack bytecode ({@link dev.stitch.tiny.Opcode}) and run by
 * an interpreter; {@link dev.stitch.tiny.Tiny#compile} is the entry point.
 *
 * <h2>The language</h2>
 * <pre>{@code
 * # the sum of the squares below n
 * fn sum_squares(n) {
 *     s = 0; i = 0
 *     while i < n {
 *         s = s + i * i
 *         i = i + 1
 *     }
 *     return s
 * }
 * print(sum_squares(10), sum_squares(100))   # 285 328350
 * }</pre>
 * <ul>
 *   <li><b>Statements</b> end at a line break or {@code ;}. Blocks are in braces. A line break
 *       inside parentheses or brackets does not end a statement. {@code #} starts a comment.</li>
 *   <li><b>Values</b> are 64-bit signed integers with Java's wrapping arithmetic. Literals are
 *       decimal or {@code 0x} hexadecimal (a bit pattern of up to 64 bits), with optional
 *       {@code _} between digits.</li>
 *   <li><b>Variables</b> are created by assignment ({@code x = expr}). Reading one that has not
 *       been assigned is the runtime error "undefined variable x". Variables are local to their
 *       function, and the top level has its own scope: <em>there are no global variables</em>;
 *       a function sees only its parameters and the variables it assigns, never those of the
 *       top level. Pass values as arguments and get results back with {@code return} (or share
 *       an array).</li>
 *   <li><b>Operators</b>, tightest first: unary {@code - ~ !}; {@code * / %} (truncating, as
 *       Java; division by zero is a runtime error); {@code + -}; {@code << >> >>>} (the count is
 *       masked with 63, as Java); {@code < <= > >=}; {@code == !=}; {@code &}; {@code ^};
 *       {@code |}; {@code &&}; {@code ||}. Comparisons and {@code ! && ||} yield 1 or 0; any
 *       non-zero value is true; {@code &&} and {@code ||} evaluate their right operand only when
 *       needed. Binary operators associate left.</li>
 *   <li><b>Control</b>: {@code if cond { } else if cond { } else { }}, {@code while cond { }},
 *       {@code break}, {@code continue}. Conditions need no parentheses.</li>
 *   <li><b>Functions</b>: {@code fn name(a, b) { ... return expr }} at top level only; they may
 *       be called before their definition and may recurse (at most 10000 calls deep; deeper is
 *       the runtime error "call stack too deep"). {@code return} without a value, and falling off
 *       the end, return 0. A call is an expression; as a statement its value is discarded.
 *       Calling an unknown function or with the wrong number of arguments is a runtime error,
 *       raised when the call is reached and before its arguments are evaluated.</li>
 *   <li><b>Top level</b>: the statements outside functions run in order; {@code return} there
 *       ends the program.</li>
 *   <li><b>Arrays</b>: {@code a = array(n)} makes n zeros, {@code a[i]} and {@code a[i] = v}
 *       read and write, {@code len(a)} is the length. An array value is a reference number (a
 *       non-negative integer naming an array of the run, numbered from 0 in allocation order,
 *       like a file descriptor); printing it prints that number, and indexing a value that names
 *       no array is the runtime error "not an array: 5". Arrays live for the whole run. Indexes
 *       are checked ("index 7 out of bounds for length 5"). A run's arrays together take at most
 *       its memory limit, 8 bytes an element ({@link dev.stitch.tiny.ArrayHeap#DEFAULT_LIMIT}:
 *       1 GiB or a quarter of physical memory, whichever is less, unless the run sets one); an
 *       {@code array(n)} past it is the runtime error "out of memory: array(n) needs ...".</li>
 *   <li><b>Built-ins</b>: {@code print(a, b, ...)} (values separated by spaces, then a line
 *       break; {@code print()} prints an empty line; as a value it is 0), {@code array},
 *       {@code len}, {@code abs}, {@code min}, {@code max}. Their names cannot be function names.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * A program that does not parse throws {@link dev.stitch.tiny.TinySyntaxException}:
 * {@code file:line:column: error: expected ..., found ...}, the line and a caret. A runtime error
 * stops the run with a {@link dev.stitch.tiny.RuntimeError}, {@code file:line: runtime error: ...};
 * what was printed before stays printed.
 *
 * <h2>Execution</h2>
 * Each function compiles to a {@link dev.stitch.tiny.FunctionCode}: an {@code int[]} of
 * instructions, a pool of 64-bit constants, numbered local slots and a line table. The
 * interpreter keeps each call's locals and operand stack in {@code long[]}s
 * ({@link dev.stitch.tiny.CallFrame}) and the arrays in an {@link dev.stitch.tiny.ArrayHeap}, in
 * native memory so that compiled traces see the same arrays; a JIT plugs in through
 * {@link dev.stitch.tiny.InterpreterHooks}, as the tracing JIT of {@link dev.stitch.tiny.jit} does.
 */
package dev.stitch.tiny;
