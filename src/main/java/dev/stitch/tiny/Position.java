package dev.stitch.tiny;

/** Where something is in a source file: 1-based line and column (columns count characters). */
record Position(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
