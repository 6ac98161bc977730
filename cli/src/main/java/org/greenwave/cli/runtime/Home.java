package org.greenwave.cli.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, where modules and their build output live ({@code greenwave.home}, set by ./greenwave). */
public final class Home {

    public static Path dir() {
        String home = System.getProperty("greenwave.home");
        Path dir = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("greenwave"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the greenwave repository root; set -Dgreenwave.home");
        }
        return dir.toAbsolutePath().normalize();
    }

    private Home() {
    }
}
