package dev.stitch.tiny.jit;

import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceUop;
import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Uop;
import dev.stitch.tiny.FunctionCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * tiny's part of a loop's trace tree: where the loop is, and how the trace's slots are laid out
 * as recordings need them: the function's own slots from 0, then a region per inlined callee (by
 * call depth and function), per caller it returns to, the key and scratch slots for returns, and
 * the slot of {@code array(n)}.
 * Regions are only added, so a trace installed earlier keeps its slots; what it knows of them is
 * noted at each install.
 */
final class Loop {
    final FunctionCode function;
    final int head;
    final int end;
    /** The call sites the installed trace uses: those made by later recordings may not be in its frame. */
    int installedSites;
    /** True if the installed trace keeps a key slot (one a later recording made is not in its frame). */
    boolean installedKey;
    /**
     * The loop function's own slots the installed trace may read or write, from slot 0: the slots
     * copied in at entry and out at exits (the others are left alone, whatever the trace's frame holds).
     */
    int ownSlotsUsed;

    private final List<CallSite> sites = new ArrayList<>();
    private final Map<String, Integer> regions = new HashMap<>();
    private int slotCount;
    private int keySlot = -1;
    private int maxInlined;

    Loop(FunctionCode function, int head) {
        this.function = function;
        this.head = head;
        this.end = TraceRecorder.loopEnd(function.code(), head);
        this.slotCount = function.slotCount();
    }

    /** {@code NAME_pcHEAD}, with every character of the function's name that is not a letter, digit or {@code _} as {@code _}. */
    String traceName() {
        String name = function.name();
        StringBuilder text = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            text.append(plain ? c : '_');
        }
        return text.append("_pc").append(head).toString();
    }

    /** {@code trace}, all recorded so far, is installed: its frame holds every region made so far. */
    void installed(Trace trace) {
        installedSites = sites.size();
        installedKey = keySlot >= 0;
        int own = function.slotCount();
        int used = 0;
        for (int i = 0; i < trace.size(); i++) {
            TraceUop u = trace.uop(i);
            if ((u.uop() == Uop.LOAD || u.uop() == Uop.STORE) && u.arg() < own) {
                used = Math.max(used, (int) u.arg() + 1);
            }
        }
        ownSlotsUsed = used;
    }

    /**
     * The index of the call site where {@code caller} goes on at {@code resumePc} with
     * {@code pending} values on its stack, made now if new; -1 if its slots would not fit.
     */
    int site(FunctionCode caller, int resumePc, int pending) {
        for (int i = 0; i < sites.size(); i++) {
            CallSite s = sites.get(i);
            if (s.caller() == caller && s.resumePc() == resumePc) {
                return i;
            }
        }
        int base = region("caller " + caller.index(), caller.slotCount() + caller.maxStack());
        if (base < 0 || key() < 0) {
            return -1;
        }
        sites.add(new CallSite(caller, resumePc, pending, base));
        return sites.size() - 1;
    }

    CallSite callSite(int index) {
        return sites.get(index);
    }

    /** The slots of a callee run inline at call depth {@code depth}; -1 if they would not fit. */
    int inlinedBase(int depth, FunctionCode callee) {
        maxInlined = Math.max(maxInlined, depth);
        return region("inlined " + depth + " " + callee.index(), callee.slotCount());
    }

    /** The most calls the tree runs inline at once, so far. */
    int maxInlined() {
        return maxInlined;
    }

    /** The slot holding which call site called the trace's function (its index + 1, or 0); -1 if none fits. */
    int key() {
        if (keySlot < 0) {
            keySlot = region("key", 2);
        }
        return keySlot;
    }

    /** A slot a return parks its result in while it puts the caller's values back below it. */
    int scratch() {
        return key() + 1;
    }

    /** A slot {@code array(n)} keeps the new reference in while it checks it; -1 if none fits. */
    int allocationSlot() {
        return region("array", 1);
    }

    /** The trace frame's slot count: every region made so far. */
    int slotCount() {
        return slotCount;
    }

    private int region(String key, int size) {
        Integer base = regions.get(key);
        if (base != null) {
            return base;
        }
        if (slotCount + size > FrameLayout.MAX_LOCAL + 1) {
            return -1;
        }
        int at = slotCount;
        slotCount += size;
        regions.put(key, at);
        return at;
    }
}
