package dev.mlops.routing;

/**
 * Where one request goes.
 *
 * @param version       the version whose answer is returned
 * @param variant       whether that version is the champion or the challenger
 * @param shadowVersion in SHADOW mode the challenger, scored and captured but not returned; else {@code null}
 */
public record Route(String version, Variant variant, String shadowVersion) {
}
