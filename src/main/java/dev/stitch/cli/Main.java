package dev.stitch.cli;

import dev.stitch.text.ErrorText;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code stitch} command line: {@code stitch [--version | --help | COMMAND ARGS...]}.
 * Exit status 0 on success, 1 when a command fails or what it printed could not be written to
 * standard output, 2 for a usage error.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, StandardOutput.system(), System.err));
    }

    /**
     * Runs the command line with the given streams and returns the exit status; a command that
     * succeeded fails with status 1 if {@code out} reports an error once it is flushed.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        int status = command(args, in, out, err);
        String failure = StandardOutput.failure(out);
        if (failure == null) {
            return status;
        }
        err.println("stitch: cannot write standard output: " + failure);
        return status == OK ? FAILED : status;
    }

    private static int command(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("stitch: no command given");
            err.print(usage());
            return USAGE;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "--version", "-V" -> {
                    out.println("stitch " + Version.current());
                    yield OK;
                }
                case "--help", "-h", "help" -> {
                    out.print(usage());
                    yield OK;
                }
                case "info" -> InfoCommand.run(rest, out);
                case "asm" -> AsmCommand.run(rest, in, out, err);
                case "disasm" -> DisasmCommand.run(rest, in, out, err);
                case "trace" -> TraceCommand.run(rest, in, out, err);
                case "run" -> RunCommand.run(rest, in, out, err);
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            // the message quotes arguments as typed: escaped, so that they cannot drive the terminal
            err.println("stitch: " + ErrorText.escape(e.getMessage()));
            err.println("Run 'stitch --help' for the commands and their options.");
            return USAGE;
        } catch (RuntimeException e) {
            err.println("stitch " + command + ": " + e.getMessage());
            return FAILED;
        }
    }

    static String usage() {
        return """
                Usage: stitch COMMAND [ARGS...]
                Copy-and-patch native code generation for the JVM (java.lang.foreign).

                Commands ('stitch COMMAND --help' says more; asm, disasm and trace work for this
                JVM's architecture unless --arch names one; a FILE '-' reads standard input):
                  info          host architecture, OS, page size, JDK, which W^X policies work
                                here (each one is tried by installing and running a function),
                                and how the instruction cache is flushed
                  asm [--arch aarch64|x86_64] [-o OUT.bin] FILE.s
                                assemble AArch64 assembly (LLVM/GNU syntax) or x86-64 (also
                                x86-64, amd64; Intel syntax as llvm-mc reads it after
                                .intel_syntax noprefix): print 'offset: word  text' per AArch64
                                word or 'offset: bytes  text' per x86-64 statement, and with -o
                                write the raw bytes
                  disasm [--arch aarch64|x86_64] [--base ADDR] FILE.bin
                                disassemble raw code; AArch64: 'address: word  text' per word;
                                x86_64: 'address: bytes  text' per instruction, Intel syntax as
                                llvm-mc prints it, branch and RIP-relative targets as '# 0xADDR'
                                comments
                  trace [--arch aarch64|x86_64] [--strategy S|all] [--base ADDR]
                        [--run LOCALS [--listing]] FILE.uops
                                compile a trace of uops to machine code and print its listing
                                (the bytes produced, disassembled, with uops, holes, exits,
                                trampolines and data named) and statistics; --strategy all
                                compares the call strategies (MOVW_PER_CALL, LITERAL_IN_CODE,
                                LITERAL_IN_DATA, PER_TRACE (default), PER_TRACE_ALWAYS);
                                --base compiles at ADDR for inspection (default for the other
                                architecture: 0x10000); --run 100,0 runs it with those locals
                                and prints the exit value, locals and stack. CALL may name:
                                  labs(x), abs(x), getpid()  C library
                                  print_long(x)  Java upcall: prints x and a newline
                                  print_char(x)  Java upcall: prints (char) x
                  run [--no-jit] [--jit-threshold N] [--strategy S] [--shape SHAPE]
                      [--stats] [--dump-traces] [--jit-log] [--max-memory SIZE] FILE.tiny
                                compile a program of the small language tiny (see
                                examples/*.tiny) and run it, hot loops compiled to native code;
                                exit status 1 for a syntax or runtime error

                Numbers (ADDR, N, LOCALS) are decimal or 0x hexadecimal. Exit status 1 also when
                standard output cannot be written.

                Options:
                  --version     print the version and exit
                  --help        print this help and exit

                scripts/stitch runs this CLI; 'scripts/stitch --aarch64 ARGS' runs it on the
                emulated AArch64 JVM.
                """;
    }
}
