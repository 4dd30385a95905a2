package dev.stitch.mem;

/**
 * What a {@link CodeArena} holds at one moment.
 *
 * @param policy       the arena's W^X policy
 * @param mappings     how many mappings it has (a {@link WxPolicy#DUAL_MAP} mapping is counted once,
 *                     although it has two addresses)
 * @param mappedBytes  the bytes of those mappings
 * @param liveRegions  regions installed and not yet freed
 * @param liveBytes    bytes taken by those regions, including the padding that aligns them
 */
public record ArenaStats(WxPolicy policy, int mappings, long mappedBytes, int liveRegions, long liveBytes) {}
