package dev.cutover.sink;

/**
 * Marks the sink's writes with a replication origin, so that the way back's reverse stream (pgoutput with
 * {@code origin=none}) never sends them back to the source. A session can have one origin and an origin can be active
 * in one session at a time, so each pooled connection takes the first free origin of {@code cutover_sink_0..255}
 * (creating it when missing) when it opens, and keeps it until it closes.
 *
 * <p>When it cannot be marked (a server older than 16, no right to set origins, no free origin state because
 * {@code max_replication_slots} is too low) the connection stays unmarked, which is harmless until a way
 * back exists: once the database has a publication named {@code cutover_…} (see capture's {@code WayBackSlot}), a
 * connection that cannot be marked fails to open instead, because its writes would return to the source as echoes.
 */
final class OriginSessions {
    static final String ORIGIN_PREFIX = "cutover_sink_";
    private static final int ORIGINS = 256;

    /** The SQL each new pooled connection runs first (HikariCP's connection init SQL). */
    static final String SETUP = """
            DO $cutover$
            DECLARE
              origin text;
              way_back boolean := EXISTS (SELECT 1 FROM pg_publication WHERE pubname LIKE 'cutover\\_%%');
            BEGIN
              IF current_setting('server_version_num')::int < 160000 THEN
                RAISE EXCEPTION 'PostgreSQL 16 or later is needed';
              END IF;
              IF (SELECT count(DISTINCT proname) FROM pg_proc
                  WHERE proname IN ('pg_replication_origin_session_setup', 'pg_replication_origin_create')
                    AND has_function_privilege(oid, 'EXECUTE')) < 2 THEN
                RAISE EXCEPTION 'the right to run pg_replication_origin_create and pg_replication_origin_session_setup '
                  'is needed';
              END IF;
              FOR i IN 0..%d LOOP
                origin := '%s' || i;
                BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_replication_origin WHERE roname = origin) THEN
                    PERFORM pg_replication_origin_create(origin);
                  END IF;
                  PERFORM pg_replication_origin_session_setup(origin);
                  RETURN;
                EXCEPTION WHEN object_in_use OR unique_violation THEN
                  NULL;
                END;
              END LOOP;
              RAISE EXCEPTION 'all %d origins %s* are in use';
            EXCEPTION WHEN OTHERS THEN
              IF way_back THEN
                RAISE EXCEPTION 'cutover: the way back is on in this database, but this session cannot mark its writes '
                  'with a replication origin (%%), so they would be sent back to the source; fix that or remove the '
                  'way back (cutover stop --remove-capture)', SQLERRM;
              END IF;
            END
            $cutover$""".formatted(ORIGINS - 1, ORIGIN_PREFIX, ORIGINS, ORIGIN_PREFIX);

    private OriginSessions() {
    }
}
