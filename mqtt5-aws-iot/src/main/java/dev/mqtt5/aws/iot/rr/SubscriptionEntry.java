package dev.mqtt5.aws.iot.rr;

/** One topic filter the client subscribed to for requests or streams; guarded by the coordinator's lock. */
final class SubscriptionEntry {

    enum Kind { REQUEST_RESPONSE, STREAMING }

    enum State { SUBSCRIBING, SUBSCRIBED, UNSUBSCRIBING }

    final String filter;
    /** Which part of the budget it counts against: the kind of its first user. */
    final Kind kind;
    State state = State.SUBSCRIBING;
    /** Requests and streams using it. */
    int users;
    /** Counts SUBSCRIBEs sent, so that the SUBACK of an earlier one is recognised as stale. */
    int attempt;
    /** Subscribed before the last disconnection: lost if the next connection has no session. */
    boolean atRisk;
    /** Taken out of the table; late acknowledgements for it are ignored. */
    boolean removed;

    SubscriptionEntry(String filter, Kind kind) {
        this.filter = filter;
        this.kind = kind;
    }

    boolean subscribed() {
        return state == State.SUBSCRIBED;
    }
}
