package io.github.usersession.bench.floor;

import java.io.Serializable;

/** The benchmarks' bean of the {@link FloorScopes.NormalFloor} scope, of the same shape as the other counters. */
@FloorScopes.NormalFloor
public class NormalFloorCounter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public int next() {
        return ++count;
    }
}
