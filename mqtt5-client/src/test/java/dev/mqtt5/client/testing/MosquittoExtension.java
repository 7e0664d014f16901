package dev.mqtt5.client.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link MosquittoBroker} per test class and stops it after the class. The broker is
 * injected into constructor, test and lifecycle method parameters of type {@code MosquittoBroker}
 * and into static fields of that type.
 *
 * <pre>{@code
 * @ExtendWith(MosquittoExtension.class)
 * class MyTest {
 *     @Test
 *     void connects(MosquittoBroker broker) { ... broker.tcpPort() ... }
 * }
 *
 * // or, with extra configuration:
 * class MyOtherTest {
 *     @RegisterExtension
 *     static final MosquittoExtension MOSQUITTO = new MosquittoExtension(
 *             MosquittoBroker.builder().configLine("max_inflight_messages 2"));
 *     // MOSQUITTO.broker() inside tests
 * }
 * }</pre>
 */
public final class MosquittoExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MosquittoExtension.class);

    private final MosquittoBroker.Builder builder;
    private volatile MosquittoBroker broker;

    /** Creates the extension for a broker with the default configuration (used by {@code @ExtendWith}). */
    public MosquittoExtension() {
        this(MosquittoBroker.builder());
    }

    /**
     * Creates the extension for a broker built by {@code builder}; register it with
     * {@code @RegisterExtension} on a static field.
     *
     * @param builder the broker configuration
     */
    public MosquittoExtension(MosquittoBroker.Builder builder) {
        this.builder = builder;
    }

    /**
     * Returns the broker of the running test class.
     *
     * @return the broker
     * @throws IllegalStateException outside a test class run
     */
    public MosquittoBroker broker() {
        MosquittoBroker current = broker;
        if (current == null) {
            throw new IllegalStateException("MosquittoExtension has no broker: register it on a static field");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        MosquittoBroker started = builder.start();
        broker = started;
        context.getStore(NAMESPACE).put(MosquittoBroker.class, started);
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == MosquittoBroker.class && Modifier.isStatic(field.getModifiers())
                        && !Modifier.isFinal(field.getModifiers())) {
                    field.setAccessible(true);
                    field.set(null, started);
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        MosquittoBroker started = context.getStore(NAMESPACE).remove(MosquittoBroker.class, MosquittoBroker.class);
        if (started != null) {
            started.close();
        }
        broker = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == MosquittoBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        for (ExtensionContext context = extensionContext; context != null; context = context.getParent().orElse(null)) {
            MosquittoBroker found = context.getStore(NAMESPACE).get(MosquittoBroker.class, MosquittoBroker.class);
            if (found != null) {
                return found;
            }
        }
        return broker();
    }
}
