package io.github.usersession.bench.cluster;

import java.io.Serializable;

import io.github.usersession.UserSession;

/**
 * The {@code @UserSession} bean of the scale-out benchmark: about 1 KB serialized (a version and a 960-character
 * text). {@link SessionProfile} is its {@code @SessionScoped} twin, with the same fields and methods.
 */
@UserSession
public class UserProfile implements Serializable {

    private static final long serialVersionUID = 1L;

    private long version;
    private String text = Texts.of(0);

    /** Changes the state: the next version, whose text is another. */
    public synchronized String change() {
        version++;
        text = Texts.of(version);
        return read();
    }

    /** Reads the state, changing nothing: the version, and whether the text is the one the version calls for. */
    public synchronized String read() {
        return "v=" + version + " ok=" + text.equals(Texts.of(version)) + "\n";
    }
}
