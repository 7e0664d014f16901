package dev.mqtt5.client.packet;

/** Builds the lookup tables that map a wire byte to a reason-code constant. */
final class ReasonCodeTable {

    private ReasonCodeTable() {
    }

    static <E extends ReasonCode> E[] byCode(E[] values, E[] table) {
        for (E value : values) {
            table[value.code()] = value;
        }
        return table;
    }
}
