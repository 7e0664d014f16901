package dev.mqtt5.spring.listener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listener's topic filter as written, with {@code {name}} variables: the MQTT filter to
 * subscribe to ({@code {name}} becomes {@code +}, a shared group adds {@code $share/<group>/}),
 * and the variables' values read back from a received topic. Immutable.
 */
public final class TopicTemplate {

    private static final String SHARE_PREFIX = "$share/";

    private final String template;

    private final String filter;

    private final List<String> levels;

    private final List<String> variables;

    private TopicTemplate(String template, String filter, List<String> levels, List<String> variables) {
        this.template = template;
        this.filter = filter;
        this.levels = levels;
        this.variables = variables;
    }

    /**
     * Parses and checks a topic filter with optional {@code {name}} variables.
     *
     * @param template the filter as written, placeholders already resolved
     * @param group a shared subscription group, or null or empty
     * @return the template
     * @throws IllegalArgumentException naming what is wrong with the filter
     */
    public static TopicTemplate parse(String template, String group) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("a topic filter must not be empty");
        }
        if (template.length() > 65535 || template.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("topic filter '" + template + "' is too long or contains U+0000");
        }
        String body = template;
        String prefix = "";
        if (template.startsWith(SHARE_PREFIX)) {
            int slash = template.indexOf('/', SHARE_PREFIX.length());
            if (slash < 0 || slash == SHARE_PREFIX.length() || slash == template.length() - 1) {
                throw new IllegalArgumentException("shared subscription '" + template
                        + "' must look like $share/<group>/<filter>");
            }
            prefix = template.substring(0, slash + 1);
            checkGroup(prefix.substring(SHARE_PREFIX.length(), prefix.length() - 1), template);
            body = template.substring(slash + 1);
        }
        if (group != null && !group.isEmpty()) {
            if (!prefix.isEmpty()) {
                throw new IllegalArgumentException("topic filter '" + template
                        + "' is already shared; remove the group attribute or the $share/ prefix");
            }
            checkGroup(group, template);
            prefix = SHARE_PREFIX + group + "/";
        }
        List<String> levels = List.of(body.split("/", -1));
        List<String> variables = new ArrayList<>();
        StringBuilder filter = new StringBuilder(prefix);
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (i > 0) {
                filter.append('/');
            }
            if (level.startsWith("{") && level.endsWith("}") && level.length() > 2) {
                String name = level.substring(1, level.length() - 1);
                if (variables.contains(name)) {
                    throw new IllegalArgumentException("topic variable {" + name + "} appears twice in '" + template + "'");
                }
                variables.add(name);
                filter.append('+');
                continue;
            }
            if (level.indexOf('{') >= 0 || level.indexOf('}') >= 0) {
                throw new IllegalArgumentException("topic filter '" + template
                        + "': a topic variable must be a whole level, like devices/{deviceId}/telemetry");
            }
            if (level.contains("#") && (!level.equals("#") || i != levels.size() - 1)) {
                throw new IllegalArgumentException("topic filter '" + template
                        + "': '#' must be a whole level and the last one");
            }
            if (level.contains("+") && !level.equals("+")) {
                throw new IllegalArgumentException("topic filter '" + template + "': '+' must be a whole level");
            }
            filter.append(level);
        }
        return new TopicTemplate(template, filter.toString(), levels, Collections.unmodifiableList(variables));
    }

    private static void checkGroup(String group, String template) {
        if (group.isEmpty() || group.contains("/") || group.contains("+") || group.contains("#")) {
            throw new IllegalArgumentException("shared subscription group '" + group + "' of '" + template
                    + "' must be non-empty and contain no '/', '+' or '#'");
        }
    }

    /** The filter as written. */
    public String getTemplate() {
        return this.template;
    }

    /** The MQTT topic filter to subscribe to. */
    public String getFilter() {
        return this.filter;
    }

    /** The variable names in order. */
    public List<String> getVariables() {
        return this.variables;
    }

    /**
     * Whether a topic name matches this filter (MQTT rules; {@code $} topics do not match leading wildcards).
     *
     * @param topic the topic name of a publish
     * @return whether it matches
     */
    public boolean matches(String topic) {
        return extract(topic) != null;
    }

    /**
     * The variables' values in a topic name that matches.
     *
     * @param topic the topic name of a publish
     * @return name to value, or null when the topic does not match
     */
    public Map<String, String> extract(String topic) {
        String[] topicLevels = topic.split("/", -1);
        if (topic.startsWith("$") && (this.levels.get(0).equals("+") || this.levels.get(0).equals("#")
                || this.levels.get(0).startsWith("{"))) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < this.levels.size(); i++) {
            String level = this.levels.get(i);
            if (level.equals("#")) {
                return values;
            }
            if (i >= topicLevels.length) {
                return null;
            }
            if (level.startsWith("{")) {
                values.put(level.substring(1, level.length() - 1), topicLevels[i]);
            } else if (!level.equals("+") && !level.equals(topicLevels[i])) {
                return null;
            }
        }
        return (topicLevels.length == this.levels.size()) ? values : null;
    }

    @Override
    public String toString() {
        return this.template;
    }
}
