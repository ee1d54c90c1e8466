package io.floe.bench;

public final class PeerFigure {
    private PeerFigure() {}
}
