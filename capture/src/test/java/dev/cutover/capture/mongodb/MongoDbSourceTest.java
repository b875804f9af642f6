package dev.cutover.capture.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.CaptureSettings;
import dev.cutover.schemas.source.ChangeCapture;
import dev.cutover.schemas.source.ConnectorSpec;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.Sources;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The MongoDB source behind the seam: parsing, masking, checks that say what failed, planning, the connector spec. */
class MongoDbSourceTest {
    private static final String SECRET = "s3cr%40t-Pw";
    private static final String DECODED_SECRET = "s3cr@t-Pw";

    @TempDir
    Path temp;
    private TestMongoServer server;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        server = TestMongoServer.start(temp.resolve("mongo.mv"));
        logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        ((Logger) LoggerFactory.getLogger("org.mongodb.driver")).setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("org.mongodb.driver")).setLevel(Level.WARN);
        server.close();
    }

    private void assertNoSecretLogged() {
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain(SECRET).doesNotContain(DECODED_SECRET);
        }
    }

    @Test
    void shouldParseTheConnectionStringWithoutKeepingThePasswordInItsIdentity() {
        Source source = Sources.parse("mongodb://app:" + SECRET + "@db1:27017,db2:27018/crm?replicaSet=rs0"
                + "&readPreference=secondaryPreferred");

        assertThat(source.id()).isEqualTo("mongodb://db1:27017,db2:27018/crm");
        assertThat(source.name()).isEqualTo("crm");
        assertThat(source.documents()).isTrue();
        assertThat(Sources.parse("mongodb+srv://app:" + SECRET + "@cluster0.example.net/crm").id())
                .isEqualTo("mongodb+srv://cluster0.example.net/crm");
    }

    @Test
    void shouldRefuseAConnectionStringWithoutDatabaseNamingTheFixAndNotThePassword() {
        assertThatThrownBy(() -> Sources.parse("mongodb://app:" + SECRET + "@db1:27017/?replicaSet=rs0"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("names no database").hasMessageContaining("mongodb://host:27017/app")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Sources.parse("mongodb://app:" + SECRET + "@db1:notaport/crm"))
                .isInstanceOf(CutoverException.class).hasMessageContaining("not a MongoDB connection string")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldTakeTheDatabaseFromTheDatabaseOptionWhenThePathNamesNone() {
        assertThat(Sources.parse("mongodb://app:" + SECRET + "@db1:27017/?replicaSet=rs0", "crm").id())
                .isEqualTo("mongodb://db1:27017/crm");
        assertThat(Sources.parse("mongodb://db1,db2:27018", "crm").id()).isEqualTo("mongodb://db1,db2:27018/crm");
        assertThat(Sources.parse("mongodb+srv://cluster0.example.net?retryWrites=true", "crm").name()).isEqualTo("crm");
        assertThat(Sources.parse("mongodb://db1/crm", "crm").id()).isEqualTo("mongodb://db1/crm");
        assertThat(MongoEndpoint.withDatabase("mongodb://a:b@db1/?w=1", "crm")).isEqualTo("mongodb://a:b@db1/crm?w=1");
        assertThatThrownBy(() -> Sources.parse("mongodb://app:" + SECRET + "@db1/crm", "other"))
                .isInstanceOf(CutoverException.class).hasMessageContaining("--database other")
                .hasMessageContaining("crm").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Sources.parse("sqlite:app.db", "crm")).isInstanceOf(CutoverException.class)
                .hasMessageContaining("--database crm").hasMessageContaining("leave out --database");
    }

    @Test
    void shouldPassThePasswordOnlyInThePasswordPropertyOfTheConnector() {
        Source source = Sources.parse("mongodb://app:" + SECRET + "@db1:27017/crm?replicaSet=rs0");

        ConnectorSpec spec = source.connector(new CaptureSettings(temp.resolve("plan.json"), "t", 10, 0, 1 << 20));

        assertThat(spec.properties()).containsEntry(MongoDbConnectorConfig.PASSWORD, DECODED_SECRET)
                .containsEntry(MongoDbConnectorConfig.CONNECTION_STRING, "mongodb://app@db1:27017/crm?replicaSet=rs0");
        spec.properties().forEach((name, value) -> {
            if (!name.equals(MongoDbConnectorConfig.PASSWORD)) {
                assertThat(value).doesNotContain(SECRET).doesNotContain(DECODED_SECRET);
            }
        });
        assertThat(MongoDbConnectorConfig.DEFINITION.configKeys().get(MongoDbConnectorConfig.PASSWORD).type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
        MongoEndpoint back = MongoEndpoint.of(spec.properties().get(MongoDbConnectorConfig.CONNECTION_STRING),
                DECODED_SECRET, "crm");
        assertThat(back.password()).isEqualTo(DECODED_SECRET);
    }

    @Test
    void shouldSayQuicklyWhichHostCannotBeReached() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Source source = Sources.parse("mongodb://app:" + SECRET + "@127.0.0.1:" + port + "/crm");
        long started = System.currentTimeMillis();

        assertThatThrownBy(() -> source.check(Access.READ)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
            assertThat(e.getMessage()).contains("cannot reach MongoDB at 127.0.0.1:" + port, "firewall", "replicaSet")
                    .doesNotContain(SECRET).doesNotContain(DECODED_SECRET);
        });
        assertThat(System.currentTimeMillis() - started).isLessThan(15_000);
        assertNoSecretLogged();
    }

    @Test
    void shouldSayTheServerRefusedTheUserWithoutShowingThePassword() {
        Source source = Sources.parse("mongodb://app:" + SECRET + "@127.0.0.1:" + server.port() + "/crm");

        assertThatThrownBy(() -> source.check(Access.READ)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
            assertThat(e.getMessage()).contains("refused user 'app'", "authSource")
                    .doesNotContain(SECRET).doesNotContain(DECODED_SECRET);
        });
        assertNoSecretLogged();
    }

    @Test
    void shouldSayTheDatabaseDoesNotExist() {
        server.collection("crm", "users").insertOne(new BsonDocument("_id", new BsonInt32(1)));

        assertThatThrownBy(() -> Sources.parse(server.uri("crn")).check(Access.LIVE))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
                    assertThat(e.getMessage()).contains("database crn does not exist", "it has crm");
                });
        Sources.parse(server.uri("crm")).check(Access.LIVE);
    }

    @Test
    void shouldPlanTheDatabaseWithTheDocumentPlanner() {
        ObjectId alice = new ObjectId();
        server.collection("crm", "users").insertOne(new BsonDocument("_id", new BsonObjectId(alice))
                .append("name", new BsonString("Alice")));
        server.collection("crm", "posts").insertOne(new BsonDocument("_id", new BsonObjectId())
                .append("author", new BsonObjectId(alice)));

        Plan plan = Sources.parse(server.uri("crm")).plan(PlanOptions.defaults());

        assertThat(plan.source()).isEqualTo("mongodb://127.0.0.1:" + server.port() + "/crm");
        assertThat(plan.tables()).extracting(t -> t.source()).contains("users", "posts");
        assertThat(MongoDbSource.collections(plan)).containsExactlyInAnyOrder("users", "posts");
    }

    @Test
    void shouldNameTheCollectionAndTheFixWhenTheServerLostTheResumePoint() {
        MongoCommandException lost = new MongoCommandException(BsonDocument.parse("{ok: 0, code: 286, codeName: "
                + "'ChangeStreamHistoryLost', errmsg: 'Resume of change stream was not possible'}"),
                new ServerAddress("db1", 27017));

        assertThat(MongoDbErrorHandler.historyLost(lost)).isTrue();
        assertThat(MongoDbErrorHandler.retriable(lost)).isFalse();
        assertThat(MongoDbErrorHandler.historyLost("mongodb://db1:27017/crm", "orders", lost).getMessage())
                .contains("collection orders", "cutover run --resnapshot orders", "oplog");
    }

    @Test
    void shouldReportAPositionAndNothingInstalled() {
        server.collection("crm", "users").insertOne(new BsonDocument("_id", new BsonInt32(1)));
        long position = Sources.parse(server.uri("crm")).capture().position();

        assertThat(position).isPositive();
        assertThat(Sources.parse(server.uri("crm")).capture().pendingKeys(null)).isEmpty();
        assertThat(Sources.parse(server.uri("crm")).capture().installed()).isFalse();
        assertThat(Sources.parse(server.uri("crm")).capture().remove()).isEmpty();
    }

    @Test
    void shouldReadLaterPositionsThroughOneClientAndAfterCloseThroughItsOwn() {
        server.collection("crm", "users").insertOne(new BsonDocument("_id", new BsonInt32(1)));
        ChangeCapture capture = Sources.parse(server.uri("crm")).capture();
        long first = capture.position();
        server.collection("crm", "users").insertOne(new BsonDocument("_id", new BsonInt32(2)));
        long second = capture.position();
        capture.close();
        server.collection("crm", "users").insertOne(new BsonDocument("_id", new BsonInt32(3)));
        long afterClose = capture.position();

        assertThat(second).isGreaterThan(first);
        assertThat(afterClose).isGreaterThan(second);
    }
}
