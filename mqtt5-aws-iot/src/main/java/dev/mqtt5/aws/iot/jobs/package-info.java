/**
 * Jobs over MQTT: {@link dev.mqtt5.aws.iot.jobs.JobsClient} for a thing's job executions, the
 * notify-next and notify streams, and {@link dev.mqtt5.aws.iot.jobs.JobsException} for the
 * service's rejections.
 */
package dev.mqtt5.aws.iot.jobs;
