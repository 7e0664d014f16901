/**
 * Fleet Provisioning by claim over MQTT: {@link dev.mqtt5.aws.iot.provisioning.FleetProvisioningClient}
 * obtains a certificate (for a key AWS IoT creates, or for a CSR made on the device with
 * {@link dev.mqtt5.aws.iot.provisioning.CsrGenerator}) and registers the thing.
 */
package dev.mqtt5.aws.iot.provisioning;
