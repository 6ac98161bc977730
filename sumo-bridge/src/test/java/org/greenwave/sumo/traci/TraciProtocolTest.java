package org.greenwave.sumo.traci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenwave.sumo.traci.TraciConstants.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TraCI's wire format, byte by byte, against the protocol description (no SUMO needed). */
class TraciProtocolTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void encodesAGetCommandInAMessage() {
        TraciConnection none = commands -> {
            throw new AssertionError();
        };
        TraciCommand command = new LaneDomain(none).haltingNumberQuery("ab").command();
        byte[] message = TraciProtocol.encodeMessage(List.of(command));
        assertThat(message).containsExactly(bytes(
                0, 0, 0, 13,            // message length, itself included
                9,                      // command length: length byte + id + variable + string(4+2)
                0xa3,                   // get lane variable
                0x14,                   // halting number
                0, 0, 0, 2, 'a', 'b')); // lane id
    }

    @Test
    void encodesLongCommandsWithTheExtendedLength() {
        byte[] content = new byte[300];
        TraciWriter out = new TraciWriter();
        new TraciCommand(0xc2, content, TraciCommand.Reply.STATUS_ONLY).encode(out);
        byte[] encoded = out.toByteArray();
        assertThat(encoded[0]).isEqualTo((byte) 0);
        assertThat(new TraciReader(encoded).readLength()).isEqualTo(1 + 4 + 1 + 300);
        assertThat(encoded[5] & 0xff).isEqualTo(0xc2);
        assertThat(encoded).hasSize(306);
    }

    @Test
    void encodesStepAndSubscriptionCommands() {
        TraciWriter out = new TraciWriter();
        SimulationDomain.stepCommand(25.5).encode(out);
        assertThat(out.toByteArray()).containsExactly(bytes(10, 0x02, 0x40, 0x39, 0x80, 0, 0, 0, 0, 0));

        TraciConnection none = commands -> {
            throw new AssertionError();
        };
        TraciCommand subscribe = new LaneAreaDomain(none).subscribeCommand("d", LAST_STEP_VEHICLE_NUMBER,
                LAST_STEP_OCCUPANCY);
        TraciReader in = new TraciReader(subscribe.content());
        assertThat(subscribe.id()).isEqualTo(0xdd);
        assertThat(in.readDouble()).isEqualTo(INVALID_DOUBLE_VALUE);
        assertThat(in.readDouble()).isEqualTo(INVALID_DOUBLE_VALUE);
        assertThat(in.readString()).isEqualTo("d");
        assertThat(in.readUByte()).isEqualTo(2);
        assertThat(in.readUByte()).isEqualTo(0x10);
        assertThat(in.readUByte()).isEqualTo(0x13);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void decodesStatusAndGetResult() {
        TraciWriter body = new TraciWriter();
        body.writeUByte(7).writeUByte(0xa3).writeUByte(RTYPE_OK).writeInt(0);          // status
        body.writeUByte(1 + 1 + 1 + 4 + 2 + 1 + 4).writeUByte(0xb3).writeUByte(0x14)     // response
                .writeString("ab").writeUByte(TYPE_INTEGER).writeInt(4);
        TraciConnection fake = commands -> TraciProtocol.decodeMessage(body.toByteArray(), commands);
        assertThat(new LaneDomain(fake).haltingNumber("ab")).isEqualTo(4);
    }

    @Test
    void rejectsAnAnswerForAnotherObject() {
        TraciWriter body = new TraciWriter();
        body.writeUByte(7).writeUByte(0xa3).writeUByte(RTYPE_OK).writeInt(0);
        body.writeUByte(1 + 1 + 1 + 4 + 2 + 1 + 4).writeUByte(0xb3).writeUByte(0x14)
                .writeString("xy").writeUByte(TYPE_INTEGER).writeInt(4);
        TraciConnection fake = commands -> TraciProtocol.decodeMessage(body.toByteArray(), commands);
        assertThatThrownBy(() -> new LaneDomain(fake).haltingNumber("ab")).isInstanceOf(TraciException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void turnsAnErrorStatusIntoAnException() {
        TraciWriter body = new TraciWriter();
        body.writeUByte(1 + 1 + 1 + 4 + 7).writeUByte(0xa2).writeUByte(RTYPE_ERR).writeString("unknown");
        TraciConnection fake = commands -> TraciProtocol.decodeMessage(body.toByteArray(), commands);
        assertThatThrownBy(() -> new TrafficLightDomain(fake).state("x")).isInstanceOf(TraciException.class)
                .hasMessageContaining("unknown").hasMessageContaining("0xa2");
    }

    @Test
    void decodesAStepWithSubscriptionResults() {
        TraciWriter body = new TraciWriter();
        body.writeUByte(7).writeUByte(CMD_SIMSTEP).writeUByte(RTYPE_OK).writeInt(0);
        body.writeInt(2);
        TraciWriter sub = new TraciWriter().writeUByte(0xe3).writeString("lane_0").writeUByte(2)
                .writeUByte(0x14).writeUByte(RTYPE_OK).writeUByte(TYPE_INTEGER).writeInt(3)
                .writeUByte(0x44).writeUByte(RTYPE_OK).writeUByte(TYPE_DOUBLE).writeDouble(87.5);
        body.writeUByte(sub.size() + 1).writeBytes(sub.toByteArray());
        // the second one long enough for the extended length form
        TraciWriter big = new TraciWriter().writeUByte(0xeb).writeString("").writeUByte(1)
                .writeUByte(0x66).writeUByte(RTYPE_OK).writeUByte(TYPE_STRING).writeString("x".repeat(300));
        body.writeUByte(0).writeInt(big.size() + 5).writeBytes(big.toByteArray());

        List<TraciResponse> responses = TraciProtocol.decodeMessage(body.toByteArray(),
                List.of(SimulationDomain.stepCommand(0)));
        List<SubscriptionResult> results = responses.get(0).subscriptions();
        assertThat(results).hasSize(2);
        assertThat(results.get(0).objectId()).isEqualTo("lane_0");
        assertThat(results.get(0).intValue(0x14)).isEqualTo(3);
        assertThat(results.get(0).doubleValue(0x44)).isEqualTo(87.5);
        assertThat(results.get(1).responseId()).isEqualTo(0xeb);
        assertThat((String) results.get(1).value(0x66)).hasSize(300);
    }

    @Test
    void batchesSeveralQueriesInOneMessage() {
        TraciWriter body = new TraciWriter();
        for (String lane : List.of("a", "b")) {
            body.writeUByte(7).writeUByte(0xa3).writeUByte(RTYPE_OK).writeInt(0);
            body.writeUByte(1 + 1 + 1 + 4 + 1 + 1 + 8).writeUByte(0xb3).writeUByte(VAR_LENGTH).writeString(lane)
                    .writeUByte(TYPE_DOUBLE).writeDouble(lane.equals("a") ? 10.0 : 20.0);
        }
        int[] messages = {0};
        TraciConnection fake = commands -> {
            messages[0]++;
            assertThat(commands).hasSize(2);
            return TraciProtocol.decodeMessage(body.toByteArray(), commands);
        };
        LaneDomain lanes = new LaneDomain(fake);
        assertThat(Query.runAll(fake, List.of(lanes.lengthQuery("a"), lanes.lengthQuery("b")))).containsExactly(10.0, 20.0);
        assertThat(messages[0]).isEqualTo(1);
    }

    @Test
    void roundTripsATrafficLightProgram() {
        TrafficLightProgram program = new TrafficLightProgram("p1", 0, 1, List.of(
                new TrafficLightProgram.Phase(30, "GGrr", 5, 50, List.of(), "main"),
                new TrafficLightProgram.Phase(3, "yyrr", 3, 3, List.of(2), "")), Map.of("k", "v"));
        TraciWriter w = new TraciWriter();
        w.writeUByte(TYPE_COMPOUND).writeInt(1);
        TrafficLightDomain.encodeProgram(w, program);
        assertThat(TrafficLightDomain.decodePrograms(new TraciReader(w.toByteArray()))).containsExactly(program);
    }

    @Test
    void decodesControlledLinks() {
        TraciWriter w = new TraciWriter().writeUByte(TYPE_COMPOUND).writeInt(4)
                .writeTypedInt(2)
                .writeTypedInt(1).writeUByte(TYPE_STRINGLIST).writeStringList(List.of("in_0", "out_0", ":j_0_0"))
                .writeTypedInt(1).writeUByte(TYPE_STRINGLIST).writeStringList(List.of("in_1", "out_1", ":j_1_0"));
        assertThat(TrafficLightDomain.decodeControlledLinks(new TraciReader(w.toByteArray()))).containsExactly(
                List.of(new TrafficLightDomain.ControlledLink("in_0", "out_0", ":j_0_0")),
                List.of(new TrafficLightDomain.ControlledLink("in_1", "out_1", ":j_1_0")));
    }

    @Test
    void readsEveryTypedValue() {
        TraciWriter w = new TraciWriter()
                .writeUByte(TYPE_UBYTE).writeUByte(200)
                .writeUByte(TYPE_BYTE).writeUByte(0xff)
                .writeUByte(POSITION_2D).writeDouble(1.5).writeDouble(-2)
                .writeUByte(TYPE_POLYGON).writeUByte(2).writeDouble(0).writeDouble(1).writeDouble(2).writeDouble(3)
                .writeUByte(TYPE_DOUBLELIST).writeInt(2).writeDouble(4).writeDouble(5)
                .writeUByte(TYPE_COLOR).writeUByte(1).writeUByte(2).writeUByte(3).writeUByte(255)
                .writeUByte(TYPE_COMPOUND).writeInt(2).writeTypedInt(7).writeTypedString("s");
        TraciReader in = new TraciReader(w.toByteArray());
        assertThat(in.readTypedValue()).isEqualTo(200);
        assertThat(in.readTypedValue()).isEqualTo(-1);
        assertThat((double[]) in.readTypedValue()).containsExactly(1.5, -2);
        @SuppressWarnings("unchecked")
        List<double[]> polygon = (List<double[]>) in.readTypedValue();
        assertThat(polygon).hasSize(2);
        assertThat(polygon.get(1)).containsExactly(2, 3);
        assertThat((double[]) in.readTypedValue()).containsExactly(4, 5);
        assertThat((int[]) in.readTypedValue()).containsExactly(1, 2, 3, 255);
        assertThat(in.readTypedValue()).isEqualTo(List.of(7, "s"));
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void truncatedInputFailsClearly() {
        assertThatThrownBy(() -> new TraciReader(bytes(0, 0)).readInt()).isInstanceOf(TraciException.class)
                .hasMessageContaining("truncated");
    }
}
