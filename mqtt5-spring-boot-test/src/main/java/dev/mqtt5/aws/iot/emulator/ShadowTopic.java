package dev.mqtt5.aws.iot.emulator;

/**
 * A Device Shadow request topic taken apart: {@code $aws/things/<thing>/shadow/<operation>} for
 * the classic shadow, {@code $aws/things/<thing>/shadow/name/<shadow>/<operation>} for a named one.
 *
 * @param thingName the thing
 * @param shadowName the named shadow, or null for the classic shadow
 * @param operation get, update or delete
 */
record ShadowTopic(String thingName, String shadowName, String operation) {

    /** Parses a request topic; null when it is not one. */
    static ShadowTopic parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length == 5 && levels[0].equals("$aws") && levels[1].equals("things")
                && levels[3].equals("shadow")) {
            return new ShadowTopic(levels[2], null, levels[4]);
        }
        if (levels.length == 7 && levels[0].equals("$aws") && levels[1].equals("things")
                && levels[3].equals("shadow") && levels[4].equals("name")) {
            return new ShadowTopic(levels[2], levels[5], levels[6]);
        }
        return null;
    }

    /** The topic prefix of this shadow: the request topic without its operation. */
    static String prefix(String thingName, String shadowName) {
        return "$aws/things/" + thingName + "/shadow" + ((shadowName != null) ? "/name/" + shadowName : "");
    }

    String prefix() {
        return prefix(thingName, shadowName);
    }

    ShadowKey key() {
        return new ShadowKey(thingName, shadowName);
    }

    /** Identifies one shadow: a thing's classic shadow (null name) or one of its named shadows. */
    record ShadowKey(String thingName, String shadowName) {
    }
}
