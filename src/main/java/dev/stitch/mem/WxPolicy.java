package dev.stitch.mem;

/**
 * How a {@link CodeArena} keeps pages from being writable and executable at the same time.
 */
public enum WxPolicy {
    /**
     * The default. Pages are made writable ({@code PROT_READ|PROT_WRITE}) for each write and
     * executable again ({@code PROT_READ|PROT_EXEC}) right after it: one {@code mprotect} pair per
     * write. While a page is writable, calls into the arena wait (see {@link CodeArena}).
     */
    FLIP("RW while writing, then mprotect RX: one mprotect pair per install or patch"),
    /**
     * One {@code memfd} mapped twice: a view that is only ever writable and a view that is only
     * ever executable, at different addresses. Installing needs no {@code mprotect}.
     */
    DUAL_MAP("memfd mapped twice: an RW view for writing and an RX view for running; no mprotect per install"),
    /**
     * Pages are writable and executable at once. Opt-in, for measurements: it breaks W^X.
     */
    RWX("pages writable and executable at once (opt-in, breaks W^X)");

    private final String description;

    WxPolicy(String description) {
        this.description = description;
    }

    /** One line saying how the policy works, as printed by {@code stitch info}. */
    public String description() {
        return description;
    }
}
