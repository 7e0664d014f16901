package dev.mqtt5.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The user property values {@link RetryingErrorHandler} writes on a dead letter. */
class RetryingErrorHandlerTests {

    @Test
    void headerValuesReplaceWhatBrokersRefuseAndKeepEverythingElse() {
        assertThat(RetryingErrorHandler.headerValue("plain text, ümlaut, 漢字, \uD83D\uDE00"))
            .isEqualTo("plain text, ümlaut, 漢字, \uD83D\uDE00");
        assertThat(RetryingErrorHandler.headerValue("a\tb\u0000c\u007Fd\u009Fe\uFDD0f\uFFFEg\uDBFF\uDFFFh\uD800i"))
            .isEqualTo("a?b?c?d?e?f?g?h?i");
    }

    @Test
    void headerValuesAreBoundedWithoutSplittingASurrogatePair() {
        String longText = "x".repeat(RetryingErrorHandler.MAX_HEADER_LENGTH - 1) + "\uD83D\uDE00" + "tail";
        String value = RetryingErrorHandler.headerValue(longText);
        assertThat(value).isEqualTo("x".repeat(RetryingErrorHandler.MAX_HEADER_LENGTH - 1) + "...");
        assertThat(RetryingErrorHandler.headerValue("y".repeat(10_000)))
            .hasSize(RetryingErrorHandler.MAX_HEADER_LENGTH + 3).endsWith("y...");
        assertThat(RetryingErrorHandler.headerValue("z".repeat(RetryingErrorHandler.MAX_HEADER_LENGTH)))
            .isEqualTo("z".repeat(RetryingErrorHandler.MAX_HEADER_LENGTH));
    }
}
