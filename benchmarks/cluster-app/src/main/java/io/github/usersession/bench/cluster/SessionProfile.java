package io.github.usersession.bench.cluster;

import java.io.Serializable;

import jakarta.enterprise.context.SessionScoped;

/**
 * The {@code @SessionScoped} twin of {@link UserProfile} (Payara's HttpSession; with {@code <distributable/>}, its
 * persistence): the same fields and methods.
 */
@SessionScoped
public class SessionProfile implements Serializable {

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
