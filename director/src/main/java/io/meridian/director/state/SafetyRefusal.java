package io.meridian.director.state;

import java.util.List;

/** A change refused because it would leave profiles with no enabled endpoint (SPEC section 7). */
public final class SafetyRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> profiles;

    public SafetyRefusal(String change, List<String> profiles) {
        super(change + " would leave " + (profiles.size() == 1 ? "profile " : "profiles ") + String.join(", ", profiles)
                + " with no enabled endpoint; send \"force\": true to do it anyway");
        this.profiles = List.copyOf(profiles);
    }

    public List<String> profiles() {
        return profiles;
    }
}
