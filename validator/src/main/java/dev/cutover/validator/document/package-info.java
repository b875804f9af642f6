/**
 * Reconciliation of a document source with its PostgreSQL tables, independently of the pipeline: each document is
 * read back from the source, its row (and its junction or child rows) read from PostgreSQL as {@code to_jsonb} of the
 * row, and every planned field compared after mapping the target value back to the document's terms (a {@code uuid}
 * to the ObjectId it embeds, {@code timestamp(3)} to the date's milliseconds, {@code numeric} to the number,
 * {@code jsonb} structurally against the value written as relaxed Extended JSON, arrays element by element). Fields
 * without a column are compared with the row's extra column. The normalizer's code is not used: a mistake there shows
 * up here as a difference.
 */
package dev.cutover.validator.document;
