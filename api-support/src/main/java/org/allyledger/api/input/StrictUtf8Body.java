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
 * character ({@code /}), and a stray byte as something the client never sent. A text body (CSV) must also hold no
 * control characters but tab, line feed and carriage return.
 */
@Provider
public class StrictUtf8Body implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problem.invalid("The request body is not well-formed UTF-8.",
                    List.of(new Problem.FieldError("body", "must be well-formed UTF-8"))));
        }
        // JSON text is checked field by field (StrictJson); a text body such as CSV is checked whole
        String problem = context.getMediaType() != null && "text".equals(context.getMediaType().getType()) ? TextRules.problem(text) : null;
        if (problem != null) {
            throw new ProblemException(Problem.invalid("The request body " + problem + ".", List.of(new Problem.FieldError("body", problem))));
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
