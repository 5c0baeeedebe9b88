package org.allyledger.reporting.infra;

import java.util.List;

/** A report that can also be answered as CSV ({@code Accept: text/csv}): a header row and value rows. */
public interface CsvExportable {

    List<String> csvHeader();

    List<List<Object>> csvRows();
}
