package org.dendrite.callbacks;

import java.io.Serializable;

/**
 * A callback whose run state can be handed out and taken back, so that a run resumed from a
 * backup ({@code Fit.backup(dir)}, Keras's {@code BackupAndRestore}) continues as if never
 * interrupted: early stopping's wait count and best value, a plateau's cooldown. The built-in
 * callbacks with state implement it; a callback that does not starts afresh on a resumed run.
 */
public interface Resumable {

    /** This callback's run state now, after an epoch; written with the backup (Java serialisation). */
    Serializable state();

    /**
     * Takes back a state {@link #state()} handed out, in a resumed run: called after
     * {@link Callback#onTrainBegin}, before the first epoch run.
     */
    void restore(Serializable state);
}
