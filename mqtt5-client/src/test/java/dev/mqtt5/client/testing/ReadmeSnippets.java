package dev.mqtt5.client.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a README's Java snippets true: each {@code ```java} block must follow a marker
 * {@code <!-- snippet: PATH#TAG -->} naming a compiled source (PATH relative to the README's
 * folder) whose lines between {@code // tag::TAG[]} and {@code // end::TAG[]} are the block's
 * lines (common indentation removed). The sources compile with the module's tests, so the
 * README's code compiles, with its imports in the named file.
 */
public final class ReadmeSnippets {

    private static final String MARKER = "<!-- snippet: ";

    private ReadmeSnippets() {
    }

    /**
     * Checks every Java block of a README.
     *
     * @param readme the README
     * @return how many blocks were checked
     * @throws AssertionError naming the README line and what differs
     */
    public static int check(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```java")) {
                continue;
            }
            List<String> block = new ArrayList<>();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                block.add(lines.get(end));
                end++;
            }
            String where = readme + ":" + (i + 1);
            String marker = previousNonBlank(lines, i);
            if (marker == null || !marker.startsWith(MARKER) || !marker.contains("#") || !marker.endsWith("-->")) {
                problems.add(where + ": a Java block without a '" + MARKER + "PATH#TAG -->' line before it");
            } else {
                String reference = marker.substring(MARKER.length(), marker.length() - 3).trim();
                String path = reference.substring(0, reference.indexOf('#'));
                String tag = reference.substring(reference.indexOf('#') + 1);
                Path source = readme.toAbsolutePath().getParent().resolve(path).normalize();
                if (!Files.exists(source)) {
                    problems.add(where + ": " + path + " does not exist");
                } else {
                    List<String> region = region(Files.readAllLines(source), tag);
                    if (region == null) {
                        problems.add(where + ": " + path + " has no region '// tag::" + tag + "[]' ... '// end::" + tag + "[]'");
                    } else if (!normalized(region).equals(normalized(block))) {
                        problems.add(where + ": differs from " + path + "#" + tag + "\nREADME:\n"
                                + String.join("\n", normalized(block)) + "\nsource:\n" + String.join("\n", normalized(region)));
                    }
                }
            }
            checked++;
            i = end;
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n\n", problems));
        }
        return checked;
    }

    private static String previousNonBlank(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).trim();
            }
        }
        return null;
    }

    private static List<String> region(List<String> source, String tag) {
        int start = -1;
        for (int i = 0; i < source.size(); i++) {
            String line = source.get(i).trim();
            if (line.equals("// tag::" + tag + "[]")) {
                start = i + 1;
            } else if (line.equals("// end::" + tag + "[]") && start >= 0) {
                return source.subList(start, i);
            }
        }
        return null;
    }

    /** Trailing spaces and the lines' common indentation removed. */
    private static List<String> normalized(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            String stripped = line.stripTrailing();
            result.add(stripped.isEmpty() ? "" : stripped.substring(Math.min(indent, stripped.length())));
        }
        return result;
    }
}
