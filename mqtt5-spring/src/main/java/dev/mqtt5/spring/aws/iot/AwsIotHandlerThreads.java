package dev.mqtt5.spring.aws.iot;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The threads handler methods run on: one per shadow or job runner, so one blocking method stalls nothing else. */
final class AwsIotHandlerThreads {

    private AwsIotHandlerThreads() {
    }

    /** One daemon thread named {@code name}, started on first use and ended after a minute idle; tasks run in order. */
    static ExecutorService serial(String name) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                (task) -> {
                    Thread thread = new Thread(task, name);
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
