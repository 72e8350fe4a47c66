package com.epicorups.sandbox.ups;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Real label bytes for the formats UPS returns: a GIF image, ZPL or EPL printer programs. */
final class Labels {

    private Labels() {
    }

    static byte[] render(String format, String trackingNumber, String shipToName, String city, String state,
                         String postalCode, String serviceCode) {
        return switch (format.toUpperCase(Locale.ROOT)) {
            case "ZPL" -> zpl(trackingNumber, shipToName, city, state, postalCode, serviceCode);
            case "EPL" -> epl(trackingNumber, shipToName, city, state, postalCode, serviceCode);
            case "SPL" -> spl(trackingNumber);
            default -> gif(trackingNumber);
        };
    }

    static String zplText(String trackingNumber) {
        return new String(zpl(trackingNumber, "", "", "", "", "03"), StandardCharsets.US_ASCII);
    }

    private static byte[] zpl(String tn, String name, String city, String state, String zip, String service) {
        String zpl = "^XA\n^LH0,0^PW812^LL1218\n"
                + "^FO40,40^A0N,50,50^FDUPS " + service + "^FS\n"
                + "^FO40,120^A0N,30,30^FDSHIP TO: " + ascii(name) + "^FS\n"
                + "^FO40,160^A0N,30,30^FD" + ascii(city) + " " + ascii(state) + " " + ascii(zip) + "^FS\n"
                + "^FO40,240^A0N,40,40^FDTRACKING #: " + spaced(tn) + "^FS\n"
                + "^FO80,320^BY3^BCN,200,N,N,N^FD>:" + tn + "^FS\n"
                + "^FO40,560^GB730,4,4^FS\n"
                + "^FO40,600^A0N,24,24^FDBILLING: P/P^FS\n"
                + "^XZ\n";
        return zpl.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] epl(String tn, String name, String city, String state, String zip, String service) {
        String epl = "\nN\nq812\nQ1218,24\n"
                + "A40,40,0,4,2,2,N,\"UPS " + service + "\"\n"
                + "A40,120,0,3,1,1,N,\"SHIP TO: " + ascii(name) + "\"\n"
                + "A40,160,0,3,1,1,N,\"" + ascii(city) + " " + ascii(state) + " " + ascii(zip) + "\"\n"
                + "A40,240,0,4,1,1,N,\"TRACKING #: " + spaced(tn) + "\"\n"
                + "B80,320,0,1,3,7,200,N,\"" + tn + "\"\n"
                + "LO40,560,730,4\n"
                + "P1\n";
        return epl.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] spl(String tn) {
        return ("SPL LABEL " + tn + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A small landscape 1-bit GIF with a border and a barcode-like pattern derived from the number. */
    private static byte[] gif(String tn) {
        int width = 300;
        int height = 200;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                boolean border = x < 3 || y < 3 || x >= width - 3 || y >= height - 3;
                image.setRGB(x, y, border ? 0x000000 : 0xFFFFFF);
            }
        }
        int x = 20;
        for (char c : tn.toCharArray()) {
            for (int bit = 0; bit < 6 && x < width - 20; bit++, x += 2) {
                if (((c >> bit) & 1) == 1) {
                    for (int y = 60; y < 160; y++) {
                        image.setRGB(x, y, 0x000000);
                        image.setRGB(x + 1, y, 0x000000);
                    }
                }
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "gif", out)) {
                throw new IllegalStateException("No GIF writer available");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String spaced(String tn) {
        return tn.length() == 18
                ? tn.substring(0, 2) + " " + tn.substring(2, 5) + " " + tn.substring(5, 8) + " " + tn.substring(8, 10)
                  + " " + tn.substring(10, 14) + " " + tn.substring(14)
                : tn;
    }

    private static String ascii(String s) {
        return s == null ? "" : s.replaceAll("[^ -~]", "?").replace("^", " ").replace("\"", "'");
    }
}
