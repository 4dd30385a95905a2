package dev.stitch.cli;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.ICache;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;

import java.io.PrintStream;

/**
 * {@code stitch info}: what Stitch finds on this host. Each W^X policy is tried for real; a
 * policy that fails is reported with the reason, and the command still succeeds.
 */
final class InfoCommand {
    private InfoCommand() {}

    static final String USAGE = "stitch info";

    static int run(String[] args, PrintStream out) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(help());
            return Main.OK;
        }
        if (args.length > 0) {
            throw new UsageException("'info' takes no arguments, got '" + String.join(" ", args) + "'");
        }
        Architecture arch = Architecture.host();
        out.println("stitch " + Version.current());
        out.printf("architecture  %s (os.arch=%s)%n", arch.displayName(), System.getProperty("os.arch"));
        out.printf("os            %s %s%n", System.getProperty("os.name"), System.getProperty("os.version"));
        out.printf("page size     %d bytes (sysconf(_SC_PAGESIZE))%n", CodeArena.pageSize());
        out.printf("jdk           %s %s (%s)%n", System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version"), System.getProperty("java.home"));
        out.printf("icache flush  %s%n", ICache.host().description());
        out.println("W^X policies  (each one installs, runs, re-patches and runs a function)");
        for (WxPolicy policy : WxPolicy.values()) {
            PolicyProbe.Result result = PolicyProbe.probe(policy);
            out.printf("  %-9s %-6s %s%n", policy, result.works() ? "works" : "FAILS", policy.description());
            if (!result.works()) {
                out.printf("            %s%n", result.failure());
            }
        }
        return Main.OK;
    }

    /** The help of {@code stitch info --help}. */
    static String help() {
        return "Usage: " + USAGE + "\n" + """
                Print what Stitch finds on this host: the architecture, OS, page size and JDK, how
                the instruction cache is flushed, and which W^X policies work here (each one is
                tried by installing, running, re-patching and running a function; a policy that
                fails is reported with the reason and the command still succeeds).
                """;
    }
}
