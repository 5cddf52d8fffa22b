package io.github.usersession.beans;

import java.io.Serializable;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;

/** A dependent of {@link Cart}: it must be destroyed with the cart. */
@Dependent
public class Pricing implements Serializable {

    private static final long serialVersionUID = 1L;

    @PreDestroy
    void destroyed() {
        Recorder.record("Pricing destroyed");
    }
}
