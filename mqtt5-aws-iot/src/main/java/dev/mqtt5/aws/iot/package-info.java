/**
 * AWS IoT Core services over MQTT 5, layered on an existing {@code Mqtt5Client}: Device Shadow
 * ({@code shadow}), Jobs ({@code jobs}) and Fleet Provisioning by claim ({@code provisioning}), on a
 * request-response core ({@code rr}) that shares response subscriptions, keeps within a
 * subscription budget and gives each request one deadline. Start from {@link dev.mqtt5.aws.iot.AwsIotServices}.
 */
package dev.mqtt5.aws.iot;
