package io.floe.standalone.auth;

/** Compares a typed password with a stored hash. {@link PasswordHash#matches} is the one in use; a seam for tests. */
@FunctionalInterface
public interface PasswordCheck {
    boolean matches(char[] password, String stored);
}
