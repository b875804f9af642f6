package dev.cutover.capture.jsondir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A hash of what capture read of a collection file, to tell an append (the bytes read are still there, more follow)
 * from a rewrite: SHA-256 over the read length and the first and last {@value #WINDOW} bytes before it. A file of up to
 * twice that is hashed whole; in a bigger one, a rewrite in place that keeps both windows and the inode and only grows
 * is taken for an append.
 */
final class FileSample {
    static final int WINDOW = 64 * 1024;

    private FileSample() {
    }

    /** The hash of {@code file}'s first {@code length} bytes; null when the file is gone or shorter. */
    static byte[] of(Path file, long length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < length) {
                return null;
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(length).flip());
            long head = Math.min(length, WINDOW);
            read(channel, 0, head, digest);
            long tail = Math.max(head, length - WINDOW);
            read(channel, tail, length - tail, digest);
            return digest.digest();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    static boolean matches(Path file, long length, byte[] hash) {
        return hash != null && Arrays.equals(of(file, length), hash);
    }

    private static void read(FileChannel channel, long position, long length, MessageDigest digest)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended while it was read");
            }
        }
        digest.update(buffer.flip());
    }
}
