package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's international forms: which accounts are enrolled in paperless invoice (a UPS account setting, not
 * part of the request), the checks of {@link InternationalFormsRules}, and the forms image Ship returns in
 * {@code ShipmentResults.Form} (a PDF, {@code ShipmentResults_Form_Image}), kept per shipment for tests.
 */
public final class InternationalForms {

    private final Set<String> paperlessAccounts = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> imagesByShipment = new ConcurrentHashMap<>();

    /** Enrols a shipper account in paperless invoice: its international goods shipments must carry invoice data. */
    public InternationalForms paperless(String shipperNumber) {
        paperlessAccounts.add(shipperNumber.toUpperCase(Locale.ROOT));
        return this;
    }

    /** The forms image (PDF bytes) returned for a shipment, if Ship returned one. */
    public Optional<byte[]> image(String shipmentId) {
        return Optional.ofNullable(imagesByShipment.get(shipmentId)).map(byte[]::clone);
    }

    Optional<Reply> check(JsonNode shipment, String shipperNumber) {
        return InternationalFormsRules.check(shipment, paperlessAccounts.contains(shipperNumber));
    }

    /**
     * Adds {@code Form} to the results when the request asked for an invoice and UPS returns its image: always for
     * an account not enrolled in paperless invoice (the shipper prints it), and for an enrolled one only with
     * {@code OverridePaperlessIndicator} ("will automatically provide a copy of the invoice ... regardless of
     * whether the user has enabled Paperless account").
     */
    void addForm(ObjectNode results, JsonNode shipment, String shipmentId, String shipperNumber) {
        JsonNode forms = shipment.path("ShipmentServiceOptions").path("InternationalForms");
        List<String> types = Json.list(forms.get("FormType")).stream().map(JsonNode::asText).toList();
        if (!types.contains(InternationalFormsRules.INVOICE)) {
            return;
        }
        if (paperlessAccounts.contains(shipperNumber) && !forms.has("OverridePaperlessIndicator")) {
            return;
        }
        byte[] pdf = Pdf.invoice(shipmentId, Json.text(forms, "InvoiceNumber"), Json.list(forms.get("Product")).size());
        imagesByShipment.put(shipmentId, pdf);
        ObjectNode form = results.putObject("Form");
        form.put("Code", "01");
        form.put("Description", "All Requested International Forms");
        ObjectNode image = form.putObject("Image");
        image.putObject("ImageFormat").put("Code", "PDF").put("Description", "PDF");
        image.put("GraphicImage", Base64.getEncoder().encodeToString(pdf));
        form.put("FormGroupId", ("FG" + shipmentId).substring(0, Math.min(26, shipmentId.length() + 2)));
    }

    /** A one-page PDF that says what it is: enough for a reader to open and a test to recognise. */
    static final class Pdf {
        private Pdf() {
        }

        static byte[] invoice(String shipmentId, String invoiceNumber, int products) {
            String text = "BT /F1 12 Tf 50 750 Td (COMMERCIAL INVOICE " + ascii(invoiceNumber) + " SHIPMENT "
                    + ascii(shipmentId) + " PRODUCTS " + products + ") Tj ET";
            String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
            StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
            int[] offsets = new int[objects.length];
            for (int i = 0; i < objects.length; i++) {
                offsets[i] = pdf.length();
                pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
            }
            int xref = pdf.length();
            pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
            for (int offset : offsets) {
                pdf.append(String.format("%010d 00000 n \n", offset));
            }
            pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                    .append(xref).append("\n%%EOF\n");
            return pdf.toString().getBytes(StandardCharsets.US_ASCII);
        }

        private static String ascii(String s) {
            return s == null ? "" : s.replaceAll("[^A-Za-z0-9 .-]", "");
        }
    }
}
