package dev.stitch.tiny;

import java.util.Map;

/**
 * The programs of {@code examples/*.tiny} written in plain Java, for {@link TinyRunBenchmark}:
 * each is a line-by-line translation of its {@code .tiny} file, with the same sizes, the same
 * wrapping {@code long} arithmetic (tiny's integers are Java's {@code long}; its {@code %} and
 * {@code /} truncate as Java's do; its shift counts are masked with 63), comparisons and
 * {@code !} yielding 1 or 0, and the same output, printed through a {@link ProgramOutput} as the
 * interpreter prints it. tiny's arrays are {@code long[]} here; where a program prints an array
 * itself, it prints the array's reference number, which in tiny is its position in the order of
 * allocation (0, 1, 2...).
 */
final class JavaExamples {
    private JavaExamples() {}

    /** One example program: runs it from start to end, printing to {@code out}. */
    @FunctionalInterface
    interface Example {
        void run(Printer out);
    }

    /** The examples by file name without {@code .tiny}. */
    static final Map<String, Example> EXAMPLES = Map.of(
            "sum_squares", JavaExamples::sumSquares,
            "fib_iter", JavaExamples::fibIter,
            "fib_rec", JavaExamples::fibRec,
            "sieve", JavaExamples::sieve,
            "collatz", JavaExamples::collatz,
            "mandelbrot", JavaExamples::mandelbrot,
            "matmul", JavaExamples::matmul,
            "print_loop", JavaExamples::printLoop);

    /** {@code print(...)} of tiny: the values separated by spaces, then a newline. */
    static final class Printer {
        private final ProgramOutput output;
        private final long[] values = new long[4];

        Printer(ProgramOutput output) {
            this.output = output;
        }

        void print() {
            output.printLine(values, 0, 0);
        }

        void print(long a) {
            output.printLine(a);
        }

        void print(long a, long b) {
            values[0] = a;
            values[1] = b;
            output.printLine(values, 0, 2);
        }

        void print(long a, long b, long c) {
            values[0] = a;
            values[1] = b;
            values[2] = c;
            output.printLine(values, 0, 3);
        }

        void print(long a, long b, long c, long d) {
            values[0] = a;
            values[1] = b;
            values[2] = c;
            values[3] = d;
            output.printLine(values, 0, 4);
        }

        /** Writes what is buffered to the stream, as the end of a tiny run does. */
        void flush() {
            output.flush();
        }
    }

    private static long bool(boolean value) {
        return value ? 1 : 0;
    }

    // ---- sum_squares.tiny

    private static long sumSquares(long n) {
        long s = 0;
        long i = 0;
        while (i < n) {
            s = s + i * i;
            i = i + 1;
        }
        return s;
    }

    static void sumSquares(Printer out) {
        out.print(sumSquares(10), sumSquares(100), sumSquares(1000));
        long n = 200000;
        long s = 0;
        long i = 0;
        while (i < n) {
            s = s + i * i;
            i = i + 1;
            if (i % 50000 == 0) {
                out.print(i, s);
            }
        }
        out.print(bool(s == sumSquares(n)), bool(s == (n - 1) * n * (2 * n - 1) / 6));
    }

    // ---- fib_iter.tiny

    private static long fibIter(long n) {
        long a = 0;
        long b = 1;
        long i = 0;
        while (i < n) {
            long t = a + b;
            a = b;
            b = t;
            i = i + 1;
        }
        return a;
    }

    static void fibIter(Printer out) {
        long i = 0;
        while (i <= 90) {
            if (i % 10 == 0) {
                out.print(i, fibIter(i));
            }
            i = i + 1;
        }
        out.print(92, fibIter(92));
        out.print(93, fibIter(93));
        out.print(100, fibIter(100));
        long x = 0;
        long k = 0;
        while (k < 3000) {
            x = x ^ fibIter(k % 93);
            k = k + 1;
        }
        out.print(x);
    }

    // ---- fib_rec.tiny

    private static long fibRec(long n) {
        if (n < 2) {
            return n;
        }
        return fibRec(n - 1) + fibRec(n - 2);
    }

    static void fibRec(Printer out) {
        long n = 0;
        while (n <= 22) {
            out.print(n, fibRec(n));
            n = n + 1;
        }
    }

    // ---- sieve.tiny

    static void sieve(Printer out) {
        long n = 100000;
        long[] composite = new long[(int) n];
        long count = 0;
        long i = 2;
        while (i < n) {
            if (composite[(int) i] == 0) {
                count = count + 1;
                long j = i * i;
                while (j < n) {
                    composite[(int) j] = 1;
                    j = j + i;
                }
            }
            i = i + 1;
        }
        out.print(count);

        long found = 0;
        i = 2;
        while (found < 10) {
            if (composite[(int) i] == 0) {
                out.print(i);
                found = found + 1;
            }
            i = i + 1;
        }

        found = 0;
        i = n - 1;
        while (found < 3 && i > 1) {
            if (composite[(int) i] == 0) {
                out.print(i);
                found = found + 1;
            }
            i = i - 1;
        }
    }

    // ---- collatz.tiny

    static void collatz(Printer out) {
        long limit = 100000;
        long[] terms = new long[(int) limit];
        terms[1] = 1;
        long best = 1;
        long bestLength = 1;
        long n = 2;
        while (n < limit) {
            long x = n;
            long steps = 0;
            while (x >= n) {
                if (x % 2 == 0) {
                    x = x / 2;
                } else {
                    x = 3 * x + 1;
                }
                steps = steps + 1;
            }
            long length = steps + terms[(int) x];
            terms[(int) n] = length;
            if (length > bestLength) {
                best = n;
                bestLength = length;
            }
            n = n + 1;
        }
        out.print(27, terms[27]);
        out.print(97, terms[97]);
        out.print(best, bestLength);
    }

    // ---- mandelbrot.tiny

    private static long iterations(long cx, long cy, long limit) {
        long zx = 0;
        long zy = 0;
        long k = 0;
        while (k < limit) {
            long x2 = (zx * zx) >> 16;
            long y2 = (zy * zy) >> 16;
            if (x2 + y2 > 4L << 16) {
                break;
            }
            zy = ((zx * zy) >> 15) + cy;
            zx = x2 - y2 + cx;
            k = k + 1;
        }
        return k;
    }

    static void mandelbrot(Printer out) {
        long width = 48;
        long height = 24;
        long limit = 200;
        long total = 0;
        long row = 0;
        while (row < height) {
            long cy = (2 * row - (height - 1)) * 3277;
            long mask = 0;
            long sum = 0;
            long col = 0;
            while (col < width) {
                long cx = (col - 32) * 4096;
                long k = iterations(cx, cy, limit);
                if (k == limit) {
                    mask = mask | (1L << col);
                }
                sum = sum + k;
                col = col + 1;
            }
            out.print(row, mask, sum);
            total = total + sum;
            row = row + 1;
        }
        out.print(total);
    }

    // ---- matmul.tiny

    private static void fill(long[] a, long[] b, long n) {
        long i = 0;
        while (i < n) {
            long j = 0;
            while (j < n) {
                a[(int) (i * n + j)] = (i * 7 + j * 3) % 11 - 5;
                b[(int) (i * n + j)] = (i * 5 - j * 2) % 13;
                j = j + 1;
            }
            i = i + 1;
        }
    }

    private static void multiply(long[] a, long[] b, long[] c, long n) {
        long i = 0;
        while (i < n) {
            long j = 0;
            while (j < n) {
                long s = 0;
                long k = 0;
                while (k < n) {
                    s = s + a[(int) (i * n + k)] * b[(int) (k * n + j)];
                    k = k + 1;
                }
                c[(int) (i * n + j)] = s;
                j = j + 1;
            }
            i = i + 1;
        }
    }

    static void matmul(Printer out) {
        long n = 60;
        long[] a = new long[(int) (n * n)];
        long[] b = new long[(int) (n * n)];
        long[] c = new long[(int) (n * n)];
        // tiny's reference numbers of a, b and c: arrays are numbered in order of allocation
        long aReference = 0;
        long bReference = 1;
        long cReference = 2;
        fill(a, b, n);
        multiply(a, b, c, n);

        long checksum = 0;
        long trace = 0;
        long i = 0;
        while (i < n) {
            long j = 0;
            while (j < n) {
                checksum = checksum + c[(int) (i * n + j)] * (i + 2 * j + 1);
                j = j + 1;
            }
            trace = trace + c[(int) (i * n + i)];
            i = i + 1;
        }
        out.print(c[0], c[(int) (n * n - 1)], trace, checksum);
        out.print(aReference, bReference, cReference, c.length);
    }

    // ---- print_loop.tiny

    static void printLoop(Printer out) {
        long i = 0;
        long t = 0;
        while (i < 400) {
            t = t + i;
            out.print(i, t, i * i % 97);
            i = i + 1;
        }

        long s = 0;
        i = 0;
        while (i < 100000) {
            s = s + i % 7;
            if (i % 5000 == 0) {
                out.print(i, s);
            }
            i = i + 1;
        }
        out.print(s);
        out.print();
        out.print(-1, 0, 1);
    }
}
