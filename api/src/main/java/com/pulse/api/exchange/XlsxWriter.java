package com.pulse.api.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * An XLSX export with POI's streaming SXSSF: only a window of rows stays in memory (the rest is
 * flushed to a temporary file), then the workbook is written into the response as it is zipped.
 * POI is blocking, so this runs on the bounded-elastic scheduler.
 */
final class XlsxWriter {

    private static final int WINDOW = 200;

    private XlsxWriter() {
    }

    static Flux<DataBuffer> write(List<String> header, Flux<List<String>> rows, DataBufferFactory buffers) {
        return Flux.from(DataBufferUtils.outputStreamPublisher(out -> {
            SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
            try {
                SXSSFSheet sheet = workbook.createSheet("export");
                int r = 0;
                fill(sheet.createRow(r++), header);
                for (List<String> row : rows.toIterable(WINDOW)) {
                    fill(sheet.createRow(r++), row);
                }
                workbook.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    workbook.dispose();
                    workbook.close();
                } catch (IOException ignored) {
                    // the temporary files are best-effort
                }
            }
        }, buffers, task -> Schedulers.boundedElastic().schedule(task)));
    }

    private static void fill(Row row, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell != null && !cell.isEmpty()) {
                row.createCell(i).setCellValue(Formulas.defuse(cell));
            }
        }
    }
}
