/**
 * CSV and XLSX import and export of whole entity lists. Each entity plugs in through
 * {@link com.pulse.api.exchange.EntityExchange} (implemented next to its service, so imported
 * rows go through the same validation and the same write path as a POST).
 */
package com.pulse.api.exchange;
