package org.allyledger.reporting.infra;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Writes any {@link CsvExportable} report as RFC 4180 CSV with jackson-dataformat-csv, quoting only where a cell needs it.
 * A text cell that a spreadsheet would run as a formula (it begins with {@code = + - @}, a tab or a carriage return) is
 * written with a leading apostrophe, so an exported name can never execute in an analyst's spreadsheet; numbers are
 * written as they are.
 */
@Provider
@Produces("text/csv")
public class CsvWriter implements MessageBodyWriter<CsvExportable> {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\r\n");

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return CsvExportable.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(CsvExportable report, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException, WebApplicationException {
        try (SequenceWriter rows = CSV.writer(ROWS).writeValues(out)) {
            rows.write(report.csvHeader());
            for (List<Object> row : report.csvRows()) {
                rows.write(row.stream().map(CsvWriter::cell).toList());
            }
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
