package dev.mqtt5.bench.workload;

import dev.mqtt5.bench.jmh.EncodeBenchmark;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Workload 5 driver: runs {@link EncodeBenchmark} with the GC profiler (one fork) and records ns/op and B/op. */
public final class EncodeAllocationWorkload {

    private final int iterations;

    public EncodeAllocationWorkload(int iterations) {
        this.iterations = iterations;
    }

    public void run(Results results) throws Exception {
        Options options = new OptionsBuilder()
                .include(EncodeBenchmark.class.getName().replace(".", "\\.") + "\\.(encode|buildAndEncode)$")
                .forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .addProfiler("gc").jvmArgs("-Xms1g", "-Xmx1g").build();
        Collection<RunResult> runs = new Runner(options).run();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark().replaceAll(".*\\.", "");
            String cell = "encode " + name + " QoS " + run.getParams().getParam("qos") + " "
                    + run.getParams().getParam("payloadSize") + " B";
            double ns = run.getPrimaryResult().getScore();
            results.add(cell + " time", "ours", List.of(ns), "ns/op");
            for (var e : run.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    Result<?> r = e.getValue();
                    results.add(cell + " alloc", "ours", List.of(r.getScore()), "B/op");
                }
            }
        }
    }
}
