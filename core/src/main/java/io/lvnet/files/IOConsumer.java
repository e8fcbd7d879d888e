package io.lvnet.files;

import java.io.IOException;

/**
 * A consumer whose body may throw {@link IOException}, such as the code that fills a file.
 *
 * @param <T> the type of the consumed value
 */
@FunctionalInterface
public interface IOConsumer<T> {
    /**
     * Consumes a value.
     *
     * @param value the value
     * @throws IOException if the consumer fails
     */
    void accept(T value) throws IOException;
}
