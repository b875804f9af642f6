/**
 * The seam every source implements: what {@code run}, {@code plan}, {@code status}, {@code validate},
 * {@code finalize}, {@code stop} and {@code export} need from a source, and nothing about which source it is.
 *
 * <p>A {@link dev.cutover.schemas.source.SourceType} is found through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.cutover.schemas.source.SourceType} entry in the module that implements it) and turns a
 * {@code --source} URI into a {@link dev.cutover.schemas.source.Source}, parsed once and handed on in that form. The
 * source then provides: its check ({@link dev.cutover.schemas.source.Source#check}), its plan (introspection and
 * profile), its Kafka Connect source connector ({@link dev.cutover.schemas.source.ConnectorSpec}), its change position
 * and capture life cycle ({@link dev.cutover.schemas.source.ChangeCapture}), and the validator's read-back
 * ({@link dev.cutover.schemas.source.ReadBack}).
 *
 * <p>Values cross the seam in the raw events' form (see {@code ChangeEvent.avsc}): a tabular source's storage classes
 * (null, Long, Double, String, ByteBuffer, InvalidText), or for a document source its key as the BSON bytes of
 * {@code {"_id": value}} and one {@link dev.cutover.schemas.avro.Document} value.
 */
package dev.cutover.schemas.source;
