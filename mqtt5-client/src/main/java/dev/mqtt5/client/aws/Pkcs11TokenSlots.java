package dev.mqtt5.client.aws;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the slot that holds the token with a given label. The JDK's SunPKCS11 configuration only
 * knows slots, so the labels are read through the JDK's own PKCS#11 wrapper (the same native
 * module instance SunPKCS11 uses), which needs the JVM option
 * {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}.
 */
final class Pkcs11TokenSlots {

    static final String ADD_EXPORTS = "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    private static final long CKF_OS_LOCKING_OK = 0x2L;

    private Pkcs11TokenSlots() {
    }

    /** Returns the slot id of the token labelled {@code tokenLabel}; the message lists the labels present otherwise. */
    static long slotOf(Path library, String tokenLabel) {
        Map<Long, String> tokens = tokens(library);
        for (Map.Entry<Long, String> token : tokens.entrySet()) {
            if (token.getValue().equals(tokenLabel)) {
                return token.getKey();
            }
        }
        throw new IllegalArgumentException("aws.iot.mqtt5 pkcs11 tokenLabel '" + tokenLabel + "' matches no token; "
                + "tokens present: " + (tokens.isEmpty() ? "none" : tokens.values().stream().map(l -> "'" + l + "'")
                        .toList()) + " (library " + library + ")");
    }

    /** Lists the slots with a token and their labels (trailing blanks removed). */
    static Map<Long, String> tokens(Path library) {
        Module cryptoki = ModuleLayer.boot().findModule("jdk.crypto.cryptoki").orElse(null);
        if (cryptoki == null || !cryptoki.isExported(WRAPPER.substring(0, WRAPPER.length() - 1),
                Pkcs11TokenSlots.class.getModule())) {
            throw new IllegalStateException("aws.iot.mqtt5 pkcs11 tokenLabel cannot be resolved: the JDK's PKCS#11 "
                    + "configuration has no token label, and reading labels needs the JVM option " + ADD_EXPORTS
                    + "; add it, or give slotId instead of tokenLabel");
        }
        try {
            Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
            Class<?> initArgsType = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
            Object initArgs = initArgsType.getConstructor().newInstance();
            initArgsType.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
            Method getInstance = pkcs11.getMethod("getInstance", String.class, String.class, initArgsType, boolean.class);
            Object module = getInstance.invoke(null, library.toString(), "C_GetFunctionList", initArgs, false);
            long[] slots = (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(module, true);
            Method tokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
            Field label = Class.forName(WRAPPER + "CK_TOKEN_INFO").getField("label");
            Map<Long, String> tokens = new LinkedHashMap<>();
            for (long slot : slots) {
                Object info = tokenInfo.invoke(module, slot);
                tokens.put(slot, new String((char[]) label.get(info)).strip());
            }
            return tokens;
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("aws.iot.mqtt5 pkcs11 library '" + library + "' could not list its tokens: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("aws.iot.mqtt5 pkcs11 tokenLabel cannot be resolved on this JDK (" + e
                    + "); give slotId instead of tokenLabel", e);
        }
    }
}
