/**
 * The document normalizer: a document source's raw event (see {@link dev.cutover.transform.document.DocumentEvents})
 * becomes one row change of its collection's main table, carrying one set replacement per array field the plan feeds
 * to an owned table, so the row and the rows it owns change in one PostgreSQL transaction; or it becomes one dead
 * letter. Entry point: {@link dev.cutover.transform.document.DocumentTransformer}, which the transformer picks for
 * every table whose plan has a main {@link dev.cutover.schemas.plan.DocumentPlan}.
 *
 * <h2>A document's rows</h2>
 * <ul>
 *   <li><b>Key.</b> The event's key document ({@code {"_id": v}}, {@code {"id": v}}, the declared key fields,
 *       {@code {"$file": name}} or {@code {"$hash": hex}}) gives the target key, each value converted by its key
 *       column's converter; a compound {@code _id} is split by the key's {@code _id.<field>} columns and may hold no
 *       other field. The key document, as relaxed Extended JSON, is the row change's {@code sourceKey}.</li>
 *   <li><b>Columns.</b> Every planned column takes the top-level field its plan names, converted by the same
 *       converters as a tabular source's values (after the adaptation below). A field that is missing and a field
 *       that is null (or undefined) both land as SQL NULL; a NOT NULL column's field must be there and not null.
 *       A column of a {@code "schema"."name"} type the plan lists among its enums (or an array of it) takes only the
 *       enum's values. A double whose digits beyond a {@code numeric(p,s)} column's scale are float noise lands
 *       rounded, and is counted, as a SQLite REAL is; a key is never rounded.</li>
 *   <li><b>Extra.</b> Every other top-level field that is not part of the key, not fed to an owned table and not
 *       ignored by the plan goes to the table's extra column ({@code _extra jsonb}) as one relaxed Extended JSON
 *       object, in document order; NULL when there is none. A table without an extra column rejects such a
 *       document, naming the field.</li>
 *   <li><b>Owned rows.</b> A junction feed gives one row (owner key, element) per distinct element after
 *       conversion; a child feed one row per element (owner key, position from 0, the element's fields planned as
 *       columns, the rest in the child table's own extra column). A missing or null array owns no rows, an element
 *       that is null (junction) or not a document (children) rejects the document. A delete carries every feed's
 *       set with no rows.</li>
 *   <li><b>Refused.</b> A field name twice in one (sub)document (BSON allows it, a row and jsonb do not), nesting
 *       deeper than 1000 levels, bytes that are not BSON, and any value that cannot land unchanged: the dead letter's
 *       {@code row} is the original document and its {@code key} the key document, both relaxed Extended JSON (a
 *       name that appears twice stays twice there), and its reason names the field (a path such as
 *       {@code messages[2].role}) and the fix.</li>
 * </ul>
 *
 * <h2>BSON values in columns</h2>
 * Each value is adapted to the converters' input by the column's kind of type, then converted:
 * <ul>
 *   <li>int32, int64: an integer; double: a double (NaN and infinities kept where the type holds them);
 *       Decimal128: its decimal text; string and symbol: text; boolean: {@code true}/{@code false}.</li>
 *   <li>date: ISO-8601 UTC text with milliseconds ({@code 2024-01-02T03:04:05.678Z}), so a {@code timestamp(3)}
 *       column holds UTC wall time; for a date/time column, a date outside the years 0001-9999 is refused.</li>
 *   <li>ObjectId: for a {@code uuid} column the UUID of {@link dev.cutover.schemas.plan.ObjectIdUuids}' rule, for
 *       {@code bytea} its 12 bytes, otherwise its 24 lower-case hex digits.</li>
 *   <li>binary: its bytes; subtype 4 (a UUID) of 16 bytes becomes the UUID's text for any column but
 *       {@code bytea}.</li>
 *   <li>array, for an array column: its elements, each adapted as above and converted by the element type (an
 *       element that is a document or an array is refused: such an array belongs in {@code jsonb}).</li>
 *   <li>embedded document, array for a non-array column, timestamp, regular expression, JavaScript, DBPointer,
 *       MinKey, MaxKey: relaxed Extended JSON for a {@code json}/{@code jsonb} column (and as text for a text
 *       column); refused for any other.</li>
 *   <li>any value, for a {@code json}/{@code jsonb} column: its relaxed Extended JSON (a string as a JSON string, a
 *       document with its structure kept); jsonb then refuses {@code \u0000} and unpaired surrogates, as for any
 *       source.</li>
 * </ul>
 *
 * <h2>Extended JSON in jsonb</h2>
 * {@code jsonb} columns and extra columns hold MongoDB's relaxed Extended JSON v2, written by the BSON library's own
 * writer, so any Extended JSON reader reads them back to the same BSON values: int32, int64 and finite doubles as
 * JSON numbers (a double keeps a fraction or exponent, {@code 3.0}); NaN and infinities as
 * {@code {"$numberDouble": "NaN"}}; strings, booleans, null, documents and arrays as themselves; ObjectId
 * {@code {"$oid": "<24 hex>"}}; date {@code {"$date": "<ISO-8601 UTC>"}} for the years 1970-9999, otherwise
 * {@code {"$date": {"$numberLong": "<ms>"}}}; Decimal128 {@code {"$numberDecimal": "<text>"}}; binary
 * {@code {"$binary": {"base64": "...", "subType": "<hex>"}}}; timestamp {@code {"$timestamp": {"t": s, "i": n}}};
 * regular expression {@code {"$regularExpression": {"pattern": "...", "options": "..."}}}; JavaScript
 * {@code {"$code": "..."}}; symbol {@code {"$symbol": "..."}}; undefined {@code {"$undefined": true}};
 * MinKey/MaxKey {@code {"$minKey": 1}}/{@code {"$maxKey": 1}}. A document's own field whose name is such a
 * {@code $}-key is kept as written, so a sub-document that looks exactly like one of these forms reads back as that
 * type: the one ambiguity of the format.
 */
package dev.cutover.transform.document;
