package org.allyledger.api.input;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request body must be well-formed UTF-8: the JSON parser would decode an overlong form ({@code C0 AF}) as another
 * character ({@code /}), and a stray byte as something the client never sent.
 */
@Provider
public class StrictUtf8Body implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problem.invalid("The request body is not well-formed UTF-8.",
                    List.of(new Problem.FieldError("body", "must be well-formed UTF-8"))));
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
