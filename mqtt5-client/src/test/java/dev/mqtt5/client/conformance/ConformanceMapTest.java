package dev.mqtt5.client.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/CONFORMANCE.md} and the {@link Covers} annotations of the tests in step: every
 * client-binding statement of MQTT 5.0 is either covered by tests that carry its id, or explained
 * as not applicable. Statements still awaiting implementation are tolerated only while they are
 * listed in the map's "Statements awaiting implementation" section, and are printed on every run.
 *
 * <p>The tests are found by loading every compiled class under the test output folder, so a
 * renamed or deleted test method is noticed, not only a changed annotation.
 */
class ConformanceMapTest {

    private static final Pattern ID = Pattern.compile("MQTT-\\d+(\\.\\d+)+-\\d+");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(MQTT-[^|\\s]+)\\s*\\|([^|]*)\\|([^|]*)\\|\\s*$");
    private static final Pattern ALLOWED = Pattern.compile("^-\\s*(MQTT-[^\\s:]+)\\s*:\\s*(.+)$");
    private static final String ALLOW_LIST_HEADING = "## Statements awaiting implementation";
    private static final Set<String> TEST_ANNOTATIONS =
            Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate", "FuzzTest");

    /** A row of the map: the status is {@code covered}, {@code n/a}, {@code pending} or {@code violated}. */
    private record Row(String id, String summary, String status, String detail, int line) {
    }

    /** A test method and the statement ids it carries (its own and its class's). */
    private record CoveringTest(Class<?> type, Method method, Set<String> ids) {
        String name() {
            return type.getSimpleName() + "#" + method.getName();
        }
    }

    @Test
    void everyClientBindingStatementIsCoveredByATestOrExplained() throws Exception {
        Path testClasses = testClassesFolder();
        Path map = testClasses.getParent().getParent().resolve("../docs/CONFORMANCE.md").normalize();
        assertThat(map).as("the conformance map").exists();
        List<String> lines = Files.readAllLines(map, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();

        Map<String, Row> rows = parseRows(lines, problems);
        Map<String, String> allowList = parseAllowList(lines, problems);
        List<CoveringTest> tests = coveringTests(testClasses, problems);

        Map<String, List<CoveringTest>> testsById = new TreeMap<>();
        for (CoveringTest test : tests) {
            for (String id : test.ids()) {
                testsById.computeIfAbsent(id, k -> new ArrayList<>()).add(test);
            }
        }
        Map<String, List<CoveringTest>> testsByName = new TreeMap<>();
        for (CoveringTest test : tests) {
            testsByName.computeIfAbsent(test.name(), k -> new ArrayList<>()).add(test);
        }

        for (Row row : rows.values()) {
            checkRow(row, testsById.getOrDefault(row.id(), List.of()), testsByName, allowList, problems);
        }
        for (Map.Entry<String, List<CoveringTest>> entry : testsById.entrySet()) {
            if (!rows.containsKey(entry.getKey())) {
                problems.add(entry.getKey() + ": carried by " + names(entry.getValue())
                        + " but not in the map; add a row for it or fix the id");
            }
        }
        for (String id : allowList.keySet()) {
            Row row = rows.get(id);
            if (row == null) {
                problems.add(id + ": in the awaiting-implementation list but has no row in the map");
            } else if (!row.status().equals("pending") && !row.status().equals("violated")) {
                problems.add(id + ": in the awaiting-implementation list but its row says " + row.status()
                        + "; remove it from the list");
            }
        }

        report(rows, allowList);
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s): docs/CONFORMANCE.md is out of step with the tests:" + System.lineSeparator()
                    + "  - " + String.join(System.lineSeparator() + "  - ", problems));
        }
    }

    private static void checkRow(Row row, List<CoveringTest> carrying, Map<String, List<CoveringTest>> testsByName,
            Map<String, String> allowList, List<String> problems) {
        switch (row.status()) {
            case "covered" -> {
                if (carrying.isEmpty()) {
                    problems.add(row.id() + " (line " + row.line() + "): marked covered, but no test carries "
                            + "@Covers(\"" + row.id() + "\")");
                }
                List<String> listed = splitList(row.detail());
                if (listed.isEmpty()) {
                    problems.add(row.id() + " (line " + row.line() + "): marked covered without naming a Class#method");
                }
                for (String name : listed) {
                    List<CoveringTest> named = testsByName.get(name);
                    if (named == null) {
                        problems.add(row.id() + " (line " + row.line() + "): names " + name
                                + ", which is no test method with @Covers (renamed, deleted, or not annotated?)");
                    } else if (named.stream().noneMatch(t -> t.ids().contains(row.id()))) {
                        problems.add(row.id() + " (line " + row.line() + "): names " + name
                                + ", which does not carry @Covers(\"" + row.id() + "\")");
                    }
                }
                for (CoveringTest test : carrying) {
                    if (!listed.contains(test.name())) {
                        problems.add(row.id() + " (line " + row.line() + "): " + test.name()
                                + " carries this id but the row does not list it");
                    }
                }
            }
            case "n/a" -> {
                if (row.detail().isBlank()) {
                    problems.add(row.id() + " (line " + row.line() + "): n/a without a reason");
                }
                if (!carrying.isEmpty()) {
                    problems.add(row.id() + " (line " + row.line() + "): marked n/a, but " + names(carrying)
                            + " carry it; mark it covered or drop the id from those tests");
                }
            }
            case "pending", "violated" -> {
                if (!allowList.containsKey(row.id())) {
                    problems.add(row.id() + " (line " + row.line() + "): " + row.status() + " and not in the "
                            + "\"Statements awaiting implementation\" list");
                }
            }
            default -> problems.add(row.id() + " (line " + row.line() + "): no status; start the last cell with "
                    + "covered:, n/a:, pending: or violated:");
        }
    }

    private static Map<String, Row> parseRows(List<String> lines, List<String> problems) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("| MQTT-") && !line.startsWith("|MQTT-")) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                problems.add("line " + (i + 1) + ": a row needs three cells: | id | summary | status |");
                continue;
            }
            String id = m.group(1);
            if (!ID.matcher(id).matches()) {
                problems.add("line " + (i + 1) + ": '" + id + "' is not a statement id like MQTT-4.3.3-2");
            }
            String cell = m.group(3).strip();
            int colon = cell.indexOf(':');
            String status = colon < 0 ? cell : cell.substring(0, colon).strip();
            String detail = colon < 0 ? "" : cell.substring(colon + 1).strip();
            if (m.group(2).isBlank()) {
                problems.add(id + " (line " + (i + 1) + "): no summary of what the statement requires");
            }
            Row previous = rows.put(id, new Row(id, m.group(2).strip(), status, detail, i + 1));
            if (previous != null) {
                problems.add(id + ": listed twice (lines " + previous.line() + " and " + (i + 1) + ")");
            }
        }
        if (rows.isEmpty()) {
            problems.add("the map has no rows");
        }
        return rows;
    }

    private static Map<String, String> parseAllowList(List<String> lines, List<String> problems) {
        Map<String, String> allowed = new TreeMap<>();
        boolean inSection = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("## ")) {
                inSection = line.equals(ALLOW_LIST_HEADING);
                continue;
            }
            if (inSection && line.startsWith("- ")) {
                Matcher m = ALLOWED.matcher(line);
                if (m.matches()) {
                    allowed.put(m.group(1), m.group(2));
                } else {
                    problems.add("awaiting-implementation entry '" + line + "' should read '- MQTT-x.y.z-n: why'");
                }
            }
        }
        return allowed;
    }

    private static List<CoveringTest> coveringTests(Path testClasses, List<String> problems) throws IOException {
        List<CoveringTest> tests = new ArrayList<>();
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(testClasses)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        ClassLoader loader = ConformanceMapTest.class.getClassLoader();
        for (Path file : classFiles) {
            String relative = testClasses.relativize(file).toString();
            String className = relative.substring(0, relative.length() - ".class".length())
                    .replace(file.getFileSystem().getSeparator(), ".");
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add("could not load " + className + " to read its @Covers: " + e);
                continue;
            }
            Set<String> classIds = ids(type.getAnnotationsByType(Covers.class));
            Method[] methods;
            try {
                methods = type.getDeclaredMethods();
            } catch (LinkageError e) {
                problems.add("could not read the methods of " + className + ": " + e);
                continue;
            }
            for (Method method : methods) {
                Set<String> ids = new TreeSet<>(ids(method.getAnnotationsByType(Covers.class)));
                boolean isTest = isTest(method);
                if (isTest) {
                    ids.addAll(classIds);
                } else if (!ids.isEmpty()) {
                    problems.add(type.getSimpleName() + "#" + method.getName() + " carries @Covers but is not a test");
                }
                if (isTest && !ids.isEmpty()) {
                    for (String id : ids) {
                        if (!ID.matcher(id).matches()) {
                            problems.add(type.getSimpleName() + "#" + method.getName() + ": '" + id
                                    + "' is not a statement id like MQTT-4.3.3-2");
                        }
                    }
                    tests.add(new CoveringTest(type, method, ids));
                }
            }
        }
        return tests;
    }

    private static boolean isTest(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (TEST_ANNOTATIONS.contains(annotation.annotationType().getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> ids(Covers[] annotations) {
        Set<String> ids = new TreeSet<>();
        for (Covers covers : annotations) {
            ids.addAll(List.of(covers.value()));
        }
        return ids;
    }

    private static List<String> splitList(String detail) {
        List<String> names = new ArrayList<>();
        for (String part : detail.split(",")) {
            String name = part.strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String names(List<CoveringTest> tests) {
        return tests.stream().map(CoveringTest::name).toList().toString();
    }

    /** Prints the totals and, loudly, every statement still awaiting implementation. */
    private static void report(Map<String, Row> rows, Map<String, String> allowList) {
        Map<String, Integer> counts = new TreeMap<>();
        rows.values().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        StringBuilder out = new StringBuilder("MQTT 5 conformance map: ").append(rows.size())
                .append(" statements ").append(counts).append(System.lineSeparator());
        if (!allowList.isEmpty()) {
            out.append("!!! ").append(allowList.size()).append(" statement(s) NOT YET MET, tolerated only while listed ")
                    .append("under \"Statements awaiting implementation\" in docs/CONFORMANCE.md:")
                    .append(System.lineSeparator());
            allowList.forEach((id, why) -> out.append("!!!   ").append(id).append(": ").append(why)
                    .append(System.lineSeparator()));
        }
        System.out.print(out);
    }

    private static Path testClassesFolder() throws URISyntaxException {
        return Path.of(ConformanceMapTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
