package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.jsondir.DocumentSplitter.Framing;
import dev.cutover.capture.jsondir.DocumentSplitter.Kind;
import dev.cutover.capture.jsondir.DocumentSplitter.Piece;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentSplitterTest {

    private static List<Piece> split(String text, Framing framing) {
        return split(text.getBytes(StandardCharsets.UTF_8), framing, 0, 1, 1 << 20);
    }

    private static List<Piece> split(byte[] bytes, Framing framing, long offset, long line, int maxBytes) {
        DocumentSplitter splitter = new DocumentSplitter(new ByteArrayInputStream(bytes, (int) offset,
                bytes.length - (int) offset), framing, offset, line, maxBytes);
        List<Piece> pieces = new ArrayList<>();
        for (Piece piece = splitter.next(); piece != null; piece = splitter.next()) {
            pieces.add(piece);
        }
        return pieces;
    }

    private static String text(Piece piece) {
        return new String(piece.text(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldSplitLinesSkippingBlankOnesAndCountingLines() {
        List<Piece> pieces = split("{\"a\": 1}\n\n  \r\n{\"b\": \"x\\ny\"}\r\n", Framing.LINES);

        assertThat(pieces).extracting(DocumentSplitterTest::text).containsExactly("{\"a\": 1}", "{\"b\": \"x\\ny\"}");
        assertThat(pieces).extracting(Piece::line).containsExactly(1L, 4L);
        assertThat(pieces).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Kind.OBJECT));
        assertThat(pieces.get(1).end()).isEqualTo(pieces.get(1).start() + 15);
    }

    @Test
    void shouldTellALastLineWithoutNewlineFromAnEndedOne() {
        List<Piece> pieces = split("{\"a\": 1}\n{\"b\": 2", Framing.LINES);

        assertThat(pieces).extracting(Piece::terminated).containsExactly(true, false);
    }

    @Test
    void shouldRefuseTwoValuesOnOneLine() {
        List<Piece> pieces = split("{\"a\": 1} {\"b\": 2}\n[1]\n", Framing.LINES);

        assertThat(pieces).extracting(Piece::kind).containsExactly(Kind.NOT_AN_OBJECT, Kind.NOT_AN_OBJECT);
    }

    @Test
    void shouldSplitObjectsSpreadOverLinesWithBracesInStrings() {
        String text = "{\n \"a\": \"}{\\\"\",\n \"b\": [1, {\"c\": 2}]\n}\n{\"d\": '}'}  {\"e\": 1}";

        List<Piece> pieces = split(text, Framing.VALUES);

        assertThat(pieces).extracting(DocumentSplitterTest::text).containsExactly(
                "{\n \"a\": \"}{\\\"\",\n \"b\": [1, {\"c\": 2}]\n}", "{\"d\": '}'}", "{\"e\": 1}");
        assertThat(pieces).extracting(Piece::line).containsExactly(1L, 5L, 5L);
    }

    @Test
    void shouldReportAValueTheFileEndsInside() {
        List<Piece> pieces = split("{\"a\": 1}\n{\"b\": [1, 2", Framing.VALUES);

        assertThat(pieces).extracting(Piece::kind).containsExactly(Kind.OBJECT, Kind.UNFINISHED);
        assertThat(pieces.get(1).terminated()).isFalse();
    }

    @Test
    void shouldResumeAtAnOffsetWithItsLine() {
        byte[] bytes = "{\"a\": 1}\n{\"b\": 2}\n{\"c\": 3}\n".getBytes(StandardCharsets.UTF_8);

        List<Piece> pieces = split(bytes, Framing.LINES, 9, 2, 1 << 20);

        assertThat(pieces).extracting(DocumentSplitterTest::text).containsExactly("{\"b\": 2}", "{\"c\": 3}");
        assertThat(pieces).extracting(Piece::line).containsExactly(2L, 3L);
        assertThat(pieces).extracting(Piece::start).containsExactly(9L, 18L);
    }

    @Test
    void shouldSplitAnArrayIntoItsElements() {
        List<Piece> pieces = split("\uFEFF[\n {\"a\": [1, 2]},\n {\"b\": \"],\"},\n 3,\n [4]\n]\n", Framing.ARRAY);

        assertThat(pieces).extracting(DocumentSplitterTest::text)
                .containsExactly("{\"a\": [1, 2]}", "{\"b\": \"],\"}", "3", "[4]");
        assertThat(pieces).extracting(Piece::kind)
                .containsExactly(Kind.OBJECT, Kind.OBJECT, Kind.NOT_AN_OBJECT, Kind.NOT_AN_OBJECT);
        assertThat(pieces).extracting(Piece::line).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void shouldReadAnEmptyArrayAndAnEmptyFileAsNoDocuments() {
        assertThat(split(" [ ] \n", Framing.ARRAY)).isEmpty();
        assertThat(split("", Framing.VALUES)).isEmpty();
        assertThat(split("\n\n", Framing.LINES)).isEmpty();
    }

    @Test
    void shouldReportAnArrayWithoutItsClosingBracketAndTextAfterIt() {
        assertThat(split("[{\"a\": 1},\n{\"b\": 2}", Framing.ARRAY)).extracting(Piece::kind)
                .containsExactly(Kind.OBJECT, Kind.OBJECT, Kind.UNFINISHED);
        assertThat(split("[{\"a\": 1}] garbage", Framing.ARRAY)).extracting(Piece::kind)
                .containsExactly(Kind.OBJECT, Kind.NOT_AN_OBJECT);
    }

    @Test
    void shouldSkipADocumentLongerThanTheLimitWithoutKeepingIt() {
        String big = "{\"a\": \"" + "x".repeat(5000) + "\"}";

        List<Piece> pieces = split((big + "\n{\"b\": 1}\n").getBytes(StandardCharsets.UTF_8), Framing.LINES, 0, 1, 1024);

        assertThat(pieces).extracting(Piece::kind).containsExactly(Kind.TOO_LARGE, Kind.OBJECT);
        assertThat(pieces.get(0).text()).isNull();
        assertThat(pieces.get(0).end()).isEqualTo(big.length() + 1);
        assertThat(pieces.get(1).line()).isEqualTo(2);
    }

    @Test
    void shouldTellAnArrayFileFromAFileOfObjects() {
        assertThat(DocumentSplitter.framingOf("\uFEFF \n [".getBytes(StandardCharsets.UTF_8))).isEqualTo(Framing.ARRAY);
        assertThat(DocumentSplitter.framingOf("{\"a\": [1]}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Framing.VALUES);
        assertThat(DocumentSplitter.framingOf(new byte[0])).isEqualTo(Framing.VALUES);
    }
}
