package dev.stitch.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard output of the command line, and the one check that everything written to it arrived.
 * A {@link PrintStream} never throws: a full disk, a closed pipe or {@code > /dev/full} only sets
 * its error flag, so unless someone asks, the output is lost and the command still exits 0.
 * {@link Main} asks once, after the command, through {@link #failure}.
 */
final class StandardOutput {
    private StandardOutput() {}

    /**
     * A print stream on {@code out} that remembers why a write or flush failed: what
     * {@code System.out} is, but with the reason kept for {@link #failure}.
     */
    static PrintStream over(OutputStream out, Charset charset) {
        return new ReasonKeepingStream(new FailureRecorder(out), charset);
    }

    /** Standard output, file descriptor 1, in the charset {@code System.out} uses. */
    static PrintStream system() {
        return over(new FileOutputStream(FileDescriptor.out), System.out.charset());
    }

    /**
     * Flushes {@code out} and says why not everything written to it arrived, or returns null if
     * it did. The reason is the operating system's ("no space left on device", "broken pipe")
     * when {@code out} came from {@link #over}.
     */
    static String failure(PrintStream out) {
        out.flush();
        if (!out.checkError()) {
            return null;
        }
        IOException first = out instanceof ReasonKeepingStream keeping ? keeping.recorder.first : null;
        return first != null ? FileArguments.reason(first) : "the stream reported an error";
    }

    /** Autoflush on, as {@code System.out}: output and error messages interleave as they were written. */
    private static final class ReasonKeepingStream extends PrintStream {
        private final FailureRecorder recorder;

        ReasonKeepingStream(FailureRecorder recorder, Charset charset) {
            super(recorder, true, charset);
            this.recorder = recorder;
        }
    }

    /** Passes bytes on and keeps the first exception, which the print stream above it swallows. */
    private static final class FailureRecorder extends FilterOutputStream {
        private IOException first;

        FailureRecorder(OutputStream out) {
            super(new BufferedOutputStream(out, 8192));
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw record(e);
            }
        }

        private IOException record(IOException e) {
            if (first == null) {
                first = e;
            }
            return e;
        }
    }
}
