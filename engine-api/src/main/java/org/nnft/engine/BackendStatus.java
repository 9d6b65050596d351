package org.nnft.engine;

/**
 * One line of {@link Backends#list()}.
 *
 * @param name      registry name
 * @param available whether it can start here
 * @param reason    why not, or what it would run on
 * @param priority  preference used by {@link Backends#best()}
 */
public record BackendStatus(String name, boolean available, String reason, int priority) {
    @Override
    public String toString() {
        return String.format("%-8s %s  %s", name, available ? "available  " : "unavailable", reason);
    }
}
