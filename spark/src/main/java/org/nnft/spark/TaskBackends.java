package org.nnft.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;

import java.util.Locale;
import java.util.Map;

/**
 * Opens the backend of a Spark task inside the task (backends hold native handles and never travel): a GPU backend
 * on the GPU the cluster assigned to the task ({@code TaskContext.resources()}, read through
 * {@code resourcesJMap()}; resource {@value #GPU}, as {@code spark.task.resource.gpu.amount=1} with a discovery
 * script arranges), the CPU backend with the task's
 * {@code spark.task.cpus} threads otherwise. Results never depend on the choice (random numbers depend only on
 * seed, stream and index).
 */
final class TaskBackends {
    /** The Spark resource name of GPUs. */
    static final String GPU = "gpu";
    /** The backend name that picks a GPU backend where the task has a GPU and the CPU otherwise. */
    static final String AUTO = "auto";

    private TaskBackends() {
    }

    /**
     * The backend for this task.
     *
     * @param name       a backend name ({@code cpu}, {@code cuda}, {@code opencl}) or {@value #AUTO}
     * @param gpuBackend the backend {@value #AUTO} uses on a task holding a GPU ({@code cuda} or {@code opencl})
     */
    static Backend open(String name, String gpuBackend) {
        TaskContext task = TaskContext.get();
        String gpu = task == null ? null : gpuAddress(task.resourcesJMap());
        int cpus = task == null ? 0 : task.cpus();
        return Backends.named(choose(name, gpuBackend, gpu), options(name, gpuBackend, gpu, cpus));
    }

    /** The backend name for a task with (or without: null) a GPU address. */
    static String choose(String name, String gpuBackend, String gpu) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!n.equals(AUTO)) {
            return n;
        }
        return gpu != null ? gpuBackend.toLowerCase(Locale.ROOT) : "cpu";
    }

    /** The options: {@code device} = the GPU address for a GPU backend, {@code threads} = task CPUs for the CPU. */
    static BackendOptions options(String name, String gpuBackend, String gpu, int cpus) {
        String chosen = choose(name, gpuBackend, gpu);
        if (chosen.equals("cpu")) {
            return cpus > 0 ? BackendOptions.of("threads", Integer.toString(cpus)) : BackendOptions.DEFAULTS;
        }
        return gpu != null ? BackendOptions.of("device", gpu) : BackendOptions.DEFAULTS;
    }

    /** The first address of the task's {@value #GPU} resource, or null. */
    static String gpuAddress(Map<String, ResourceInformation> resources) {
        ResourceInformation info = resources == null ? null : resources.get(GPU);
        if (info == null || info.addresses().length == 0) {
            return null;
        }
        return info.addresses()[0];
    }
}
