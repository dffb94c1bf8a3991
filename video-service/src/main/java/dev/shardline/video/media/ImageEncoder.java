package dev.shardline.video.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A decoded frame as GetImages answers it: scaled to {@code WidthPixels} × {@code HeightPixels} (one of them alone
 * keeps the frame's aspect ratio, as AWS documents; neither keeps its size), then written as JPEG at
 * {@code JPEGQuality} or as PNG, with the JDK's Image I/O.
 *
 * @param format JPEG or PNG
 * @param jpegQuality 1 (smallest) to 100 (best)
 * @param width the requested width, or null
 * @param height the requested height, or null
 */
record ImageEncoder(ArchivedImages.ImageFormat format, int jpegQuality, Integer width, Integer height) {

    byte[] encode(BufferedImage frame) {
        BufferedImage image = scaled(frame);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format == ArchivedImages.ImageFormat.PNG) {
                ImageIO.write(image, "png", out);
            } else {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality / 100f);
                try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(stream);
                    writer.write(null, new IIOImage(image, null, null), param);
                } finally {
                    writer.dispose();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private BufferedImage scaled(BufferedImage frame) {
        int w = frame.getWidth();
        int h = frame.getHeight();
        if (width != null && height != null) {
            w = width;
            h = height;
        } else if (width != null) {
            w = width;
            h = Math.max(1, Math.round((float) width * frame.getHeight() / frame.getWidth()));
        } else if (height != null) {
            h = height;
            w = Math.max(1, Math.round((float) height * frame.getWidth() / frame.getHeight()));
        }
        if (w == frame.getWidth() && h == frame.getHeight()) {
            return frame;
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(frame, 0, 0, w, h, null);
        } finally {
            graphics.dispose();
        }
        return image;
    }
}
