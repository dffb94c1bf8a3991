package dev.shardline.firehose.destination.s3;

import dev.shardline.firehose.destination.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

/** An object's body: its records concatenated as they came (Firehose adds no delimiter), then compressed. */
final class Compressor {

    private Compressor() {}

    /**
     * @param entryName the name of the one entry of a ZIP archive
     * @param sizeHint the records' total size, to size the buffer once
     */
    static byte[] compress(Compression compression, String entryName, List<byte[]> records, long sizeHint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, sizeHint + 64));
        try (OutputStream out = open(compression, entryName, bytes)) {
            for (byte[] record : records) {
                out.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static OutputStream open(Compression compression, String entryName, OutputStream bytes) throws IOException {
        switch (compression) {
            case UNCOMPRESSED:
                return bytes;
            case GZIP:
                return new GZIPOutputStream(bytes);
            case ZIP:
                ZipOutputStream zip = new ZipOutputStream(bytes);
                zip.putNextEntry(new ZipEntry(entryName));
                return zip; // closing it closes the entry and writes the central directory
            case SNAPPY:
                return new SnappyFramedOutputStream(bytes);
            case HADOOP_SNAPPY:
                return new SnappyHadoopCompatibleOutputStream(bytes);
            default:
                throw new IllegalArgumentException("No codec for " + compression);
        }
    }
}
