package com.pulse.streams.rebuild;

import java.io.PrintStream;

/** One line, redrawn in place: {@code [#########...........]  45%  12,345 / 27,000 records  3,210/s}. */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long started = System.nanoTime();

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    public void show(ReplayProgress.Progress p) {
        double fraction = p.total() == 0 ? 1 : (double) p.processed() / p.total();
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
        out.printf("\r[%s%s] %3d%%  %,d / %,d records  %,.0f/s%s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), p.processed(), p.total(), p.processed() / seconds,
                p.caughtUp() ? "  caught up" : "  ");
        out.flush();
    }

    public void done() {
        out.println();
    }
}
