package org.greenwave.parking.standards;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.greenwave.parking.signs.SignEngine;
import org.greenwave.parking.signs.Status;
import org.greenwave.parking.state.CarParkState;

/**
 * DATEX II version 3 {@code ParkingStatusPublication} (namespace {@value #PARKING}), the form German cities deliver
 * to the national access point (Mobilithek). One {@code parkingRecordStatus} of type {@code ParkingSiteStatus} per
 * car park, referring to the static {@code parkingRecord} by its id. Written with StAX, so it is always
 * well-formed and escaped.
 */
public final class Datex2 {

    public static final String PARKING = "http://datex2.eu/schema/3/parking";
    public static final String COMMON = "http://datex2.eu/schema/3/common";
    public static final String PAYLOAD = "http://datex2.eu/schema/3/d2Payload";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private Datex2() {
    }

    /**
     * @param country            ISO country code of the publisher, e.g. {@code DE}
     * @param nationalIdentifier the publisher's identifier at the national access point
     */
    public static String parkingStatusPublication(List<SignEngine.Snapshot> carParks, Instant publicationTime,
                                                  String country, String nationalIdentifier) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix("d2", PAYLOAD);
            w.setPrefix("com", COMMON);
            w.setPrefix("prk", PARKING);
            w.setPrefix("xsi", XSI);
            w.writeStartElement("d2", "payload", PAYLOAD);
            w.writeNamespace("d2", PAYLOAD);
            w.writeNamespace("com", COMMON);
            w.writeNamespace("prk", PARKING);
            w.writeNamespace("xsi", XSI);
            w.writeAttribute("xsi", XSI, "type", "prk:ParkingStatusPublication");
            w.writeAttribute("lang", "en");
            w.writeAttribute("modelBaseVersion", "3");
            element(w, COMMON, "publicationTime", publicationTime.toString());
            w.writeStartElement(COMMON, "publicationCreator");
            element(w, COMMON, "country", country.toLowerCase(Locale.ROOT));
            element(w, COMMON, "nationalIdentifier", nationalIdentifier);
            w.writeEndElement();
            for (SignEngine.Snapshot s : carParks) {
                record(w, s);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write DATEX II", e);
        }
        return out.toString();
    }

    private static void record(XMLStreamWriter w, SignEngine.Snapshot s) throws XMLStreamException {
        CarParkState state = s.state();
        w.writeStartElement(PARKING, "parkingRecordStatus");
        w.writeAttribute("xsi", XSI, "type", "prk:ParkingSiteStatus");
        w.writeEmptyElement(PARKING, "parkingRecordReference");
        w.writeAttribute("id", s.carParkId());
        w.writeAttribute("version", "1");
        boolean current = state != null && s.status() != Status.NO_DATA;
        if (current) {
            element(w, PARKING, "parkingStatusOriginTime", state.lastReading().toString());
            w.writeStartElement(PARKING, "parkingOccupancy");
            element(w, PARKING, "parkingNumberOfVacantSpaces", Integer.toString(state.free()));
            element(w, PARKING, "parkingNumberOfOccupiedSpaces",
                    Integer.toString(Math.min(state.occupied(), state.capacity())));
            element(w, PARKING, "parkingOccupancy", String.format(Locale.ROOT, "%.1f", 100 * state.rate()));
            element(w, PARKING, "parkingOccupancyTrend", switch (state.trend()) {
                case FILLING -> "increasing";
                case EMPTYING -> "decreasing";
                case STATIC -> "stable";
            });
            w.writeEndElement();
        }
        element(w, PARKING, "parkingSiteStatus", switch (s.status()) {
            case OPEN -> "spacesAvailable";
            case ALMOST_FULL -> "almostFull";
            case FULL -> "full";
            case CLOSED, NO_DATA -> "unknown";
        });
        element(w, PARKING, "parkingSiteOpeningStatus", switch (s.status()) {
            case CLOSED -> "closed";
            case NO_DATA -> "unknown";
            default -> "open";
        });
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String ns, String name, String text) throws XMLStreamException {
        w.writeStartElement(ns, name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
