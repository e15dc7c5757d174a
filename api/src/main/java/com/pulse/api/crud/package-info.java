/**
 * What the CRM entities with history, recycle bin and cursor paging (accounts, contacts)
 * share: strict id and ETag parsing, the field-by-field change list and its history table,
 * list parameters with their keyset cursor, and text checks.
 */
package com.pulse.api.crud;
