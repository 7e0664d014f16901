/**
 * Device Shadow over MQTT: {@link dev.mqtt5.aws.iot.shadow.ShadowClient} for a classic or named
 * shadow, typed state, delta and documents streams, and {@link dev.mqtt5.aws.iot.shadow.ShadowException}
 * for the service's rejections.
 */
package dev.mqtt5.aws.iot.shadow;
