package dev.shardline.analytics.engine;

import dev.shardline.platform.error.AwsErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.flink.client.ClientUtils;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flink job JARs: the main class (the manifest's {@code Main-Class}, or {@code class} in the property group
 * {@code kinesis.analytics.flink.run.options}) runs in a class loader of its own, and the job its
 * {@code StreamExecutionEnvironment} builds is submitted to the embedded cluster.
 *
 * <p>The application's property groups reach the job as AWS's {@code KinesisAnalyticsRuntime.getApplicationProperties()}
 * reads them: that library looks up {@code config.properties} through its own class loader, which names
 * {@code /etc/flink/application_properties.json}. Writing there needs root, so each run gets a small JAR of its own whose
 * {@code config.properties} names the run's property file instead, first on the job's class path, ahead of the user's
 * JAR (which may bundle the library and its {@code config.properties}).
 */
final class JarJobs {

    static final String RUN_OPTIONS = "kinesis.analytics.flink.run.options";

    private final Path workDirectory;
    private final Function<Consumer<JobClient>, PipelineExecutorServiceLoader> executors;

    /** @param executors where a main's job goes, telling the given consumer each job submitted */
    JarJobs(Path workDirectory, Function<Consumer<JobClient>, PipelineExecutorServiceLoader> executors) {
        this.workDirectory = workDirectory;
        this.executors = executors;
    }

    /** The JAR's main class, checked to exist and have {@code public static void main(String[])}. */
    String validate(JobSpec.Jar code, Map<String, Map<String, String>> propertyGroups) {
        Path jar = userJar(code, propertyGroups, null);
        String mainClass = mainClass(jar, propertyGroups);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url(jar)}, JarJobs.class.getClassLoader())) {
            Class<?> type = Class.forName(mainClass, false, loader);
            Method main = type.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers()) || !Modifier.isPublic(main.getModifiers())) {
                throw new NoSuchMethodException("main(String[]) is not public static");
            }
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw AwsErrorType.CODE_VALIDATION.exception(
                    "The main class " + mainClass + " is not in the application's JAR: " + e.getMessage());
        } catch (NoSuchMethodException e) {
            throw AwsErrorType.CODE_VALIDATION.exception(
                    "The main class " + mainClass + " has no public static void main(String[]): " + e.getMessage());
        } catch (IOException e) {
            throw AwsErrorType.CODE_VALIDATION.exception("The application's JAR cannot be read: " + e.getMessage());
        }
        return mainClass;
    }

    /** One at a time: a main finds its environment through Flink's process-wide context. */
    synchronized JobClient submit(JobSpec spec, JobSpec.Jar code, Configuration configuration) {
        String mainClass = validate(code, spec.propertyGroups());
        Path runDirectory = workDirectory.resolve(spec.applicationName() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(runDirectory);
            Path jar = userJar(code, spec.propertyGroups(), runDirectory);
            Path runtimeJar = applicationPropertiesJar(runDirectory, spec.propertyGroups());
            Configuration jobConfiguration = new Configuration(configuration);
            // The JAR, then the libraries it carries under lib/ (Flink's convention for JARs that are not shaded).
            List<URL> classPath = new java.util.ArrayList<>(List.of(url(jar)));
            for (java.io.File library : PackagedProgram.extractContainedLibraries(url(jar))) {
                classPath.add(url(library.toPath()));
            }
            jobConfiguration.set(
                    PipelineOptions.CLASSPATHS,
                    classPath.stream().map(URL::toString).toList());
            AtomicReference<JobClient> submitted = new AtomicReference<>();
            try (PackagedProgram program = PackagedProgram.newBuilder()
                    .setJarFile(runtimeJar.toFile())
                    .setUserClassPaths(classPath)
                    .setEntryPointClassName(mainClass)
                    .setConfiguration(jobConfiguration)
                    .build()) {
                jobConfiguration.set(
                        PipelineOptions.JARS,
                        program.getJobJarAndDependencies().stream()
                                .map(URL::toString)
                                .toList());
                ClientUtils.executeProgram(executors.apply(submitted::set), jobConfiguration, program, true, false);
            }
            JobClient job = submitted.get();
            if (job == null) {
                throw AwsErrorType.CODE_VALIDATION.exception(
                        "The main method of " + mainClass + " returned without executing a Flink job");
            }
            return job;
        } catch (ProgramInvocationException e) {
            throw EngineErrors.translate(e);
        } catch (IOException e) {
            throw new IllegalStateException("Preparing the run of " + spec.applicationName() + " failed", e);
        }
    }

    /**
     * The JAR to run: the code itself, or the JAR that {@code jarfile} of the run options names inside the code's ZIP
     * (extracted into {@code runDirectory}, or a temporary file while validating).
     */
    private Path userJar(JobSpec.Jar code, Map<String, Map<String, String>> propertyGroups, Path runDirectory) {
        String inner = propertyGroups.getOrDefault(RUN_OPTIONS, Map.of()).get("jarfile");
        if (!Files.isRegularFile(code.file())) {
            throw AwsErrorType.CODE_VALIDATION.exception("The application's code " + code.file() + " is not a file");
        }
        if (inner == null) {
            return code.file();
        }
        try (ZipFile zip = new ZipFile(code.file().toFile())) {
            ZipEntry entry = zip.getEntry(inner);
            if (entry == null) {
                throw AwsErrorType.CODE_VALIDATION.exception(
                        "The jarfile " + inner + " of " + RUN_OPTIONS + " is not in the application's ZIP");
            }
            Path target = runDirectory != null
                    ? runDirectory.resolve("application.jar")
                    : Files.createTempFile("shardline-validate", ".jar");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (runDirectory == null) {
                target.toFile().deleteOnExit();
            }
            return target;
        } catch (IOException e) {
            throw AwsErrorType.CODE_VALIDATION.exception(
                    "The application's code is not a readable ZIP or JAR: " + e.getMessage());
        }
    }

    private static String mainClass(Path jar, Map<String, Map<String, String>> propertyGroups) {
        String configured = propertyGroups.getOrDefault(RUN_OPTIONS, Map.of()).get("class");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            String main = file.getManifest() == null
                    ? null
                    : file.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (main == null || main.isBlank()) {
                throw AwsErrorType.CODE_VALIDATION.exception("The application's JAR names no main class: its manifest"
                        + " has no Main-Class, and " + RUN_OPTIONS + " has no class");
            }
            return main.strip();
        } catch (IOException e) {
            throw AwsErrorType.CODE_VALIDATION.exception("The application's JAR cannot be read: " + e.getMessage());
        }
    }

    /** The property groups as AWS writes them, and a JAR whose {@code config.properties} points the library there. */
    private static Path applicationPropertiesJar(Path runDirectory, Map<String, Map<String, String>> propertyGroups)
            throws IOException {
        Path properties = runDirectory.resolve("application_properties.json");
        List<Map<String, Object>> groups = propertyGroups.entrySet().stream()
                .map(group ->
                        Map.<String, Object>of("PropertyGroupId", group.getKey(), "PropertyMap", group.getValue()))
                .toList();
        Files.writeString(properties, JsonMapper.builder().build().writeValueAsString(groups));
        Path jar = runDirectory.resolve("shardline-application-properties.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("config.properties"));
            String path = properties.toAbsolutePath().toString().replace("\\", "\\\\");
            jarOut.write(("application_properties_file = " + path + "\n").getBytes(StandardCharsets.ISO_8859_1));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }
}
