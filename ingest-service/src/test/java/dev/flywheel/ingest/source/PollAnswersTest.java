package dev.flywheel.ingest.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

class PollAnswersTest {

    @Test
    void completesOnlyWhenEveryRecordWasAnswered() {
        // Given a poll of three records
        PollAnswers answers = new PollAnswers(3);

        // When two were answered, then it is still open; when the third was, it completed normally
        answers.answered(null);
        answers.answered(null);
        assertFalse(answers.all().isDone());
        answers.answered(null);
        assertTrue(answers.all().isDone());
        assertFalse(answers.all().isCompletedExceptionally());
    }

    @Test
    void failsAsSoonAsOneVerdictWasNotStored() {
        // Given a poll of three records
        PollAnswers answers = new PollAnswers(3);
        RuntimeException refused = new IllegalStateException("broker refused");

        // When the first answer is a failure
        answers.answered(refused);

        // Then the poll failed at once, with that failure, and later successes do not undo it
        assertTrue(answers.all().isCompletedExceptionally());
        answers.answered(null);
        answers.answered(null);
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> answers.all().get());
        assertSame(refused, thrown.getCause());
    }

    @Test
    void anEmptyPollIsAcknowledgedAtOnce() {
        assertTrue(new PollAnswers(0).all().isDone());
    }
}
