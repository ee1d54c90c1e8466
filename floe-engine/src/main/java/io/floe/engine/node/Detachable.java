package io.floe.engine.node;

import java.util.function.Supplier;

/** A task process that can be left running when its host restarts on purpose (see {@link TaskGuard#detachAll}). */
public interface Detachable {
    /**
     * What to record when the host detaches: {@code handler} stops passing the output on and says how far it got; it
     * returns null when the task has ended already (it is then reported as usual, not detached).
     */
    void onDetach(Supplier<Detachment> handler);
}
