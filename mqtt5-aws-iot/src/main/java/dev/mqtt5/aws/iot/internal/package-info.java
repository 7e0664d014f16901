/** Helpers shared by the service clients of this module; not a stable API. */
package dev.mqtt5.aws.iot.internal;
