package dev.flywheel.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Stops the service when the process named by {@code flywheel.parent-pid} ends. A launcher killed
 * without the chance to clean up (kill -9, a crashed test JVM) would otherwise leave services
 * running against a broker that is gone.
 */
@Singleton
public class ParentWatch {

    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    private static final Duration HARD_EXIT_AFTER = Duration.ofSeconds(30);

    private ScheduledExecutorService poller;

    void onStart(@Observes StartupEvent start, PlatformConfig config) {
        config.parentPid().ifPresent(pid -> {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "parent-watch");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(() -> exitIfGone(pid), 1, 1, TimeUnit.SECONDS);
        });
    }

    private void exitIfGone(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        LOG.warnf("parent process %d is gone; stopping", pid);
        poller.shutdown();
        Quarkus.asyncExit();
        // The launcher usually took the broker with it, and Kafka Streams waits on a gone broker
        // without end when it closes; nobody is left to kill a hung process, so bound the shutdown.
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HARD_EXIT_AFTER.toMillis());
                LOG.warnf("shutdown still running after %s; halting", HARD_EXIT_AFTER);
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "parent-watch-halt");
        halt.setDaemon(true);
        halt.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
