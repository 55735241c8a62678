package io.meridian.director.core;

import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Notices edits of the config file by polling its modification time and size (portable,
 * no inotify limits, non-blocking through Vert.x's file system). A save that replaces the
 * file (editors, config management) is seen the same way.
 */
final class ConfigFileWatcher {
    private final Vertx vertx;
    private final Path file;
    private final Runnable onChange;
    private long timer = -1;
    private String seen;

    ConfigFileWatcher(Vertx vertx, Path file, Runnable onChange) {
        this.vertx = vertx;
        this.file = file;
        this.onChange = onChange;
    }

    void start(Duration period) {
        vertx.fileSystem().props(file.toString()).onComplete(ar -> {
            seen = ar.succeeded() ? stamp(ar.result()) : null;
            timer = vertx.setPeriodic(period.toMillis(), id -> poll());
        });
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void poll() {
        vertx.fileSystem().props(file.toString()).onComplete(ar -> {
            String now = ar.succeeded() ? stamp(ar.result()) : null;
            if (now != null && !now.equals(seen)) {
                seen = now;
                onChange.run();
            }
        });
    }

    private static String stamp(FileProps props) {
        return props.lastModifiedTime() + "/" + props.size();
    }
}
