package com.pulse.olap.export;

/** A pivot whose grid a worksheet cannot hold (XLSX: 16,384 columns, 1,048,576 rows); CSV has no such limit. */
class SheetTooLarge extends RuntimeException {

    SheetTooLarge(String what, int needed, int limit) {
        super("The pivot needs " + needed + " " + what + "; an XLSX worksheet holds at most " + limit
                + ". Move a dimension from the columns to the rows, filter, or export CSV.");
    }
}
