package org.greenwave.sumo.traci;

/** The TraCI protocol constants greenwave uses (SUMO's {@code TraCIConstants.h}, API version 20 = SUMO 1.15). */
public final class TraciConstants {

    /** The TraCI API version this client speaks (SUMO 1.15). */
    public static final int API_VERSION = 20;

    // control commands
    public static final int CMD_GETVERSION = 0x00;
    public static final int CMD_SIMSTEP = 0x02;
    public static final int CMD_CLOSE = 0x7F;

    // command families: get / set / subscribe; the response to a get is get + 0x10, to a subscribe + 0x10
    public static final int CMD_GET_LANEAREA_VARIABLE = 0xad;
    public static final int CMD_SUBSCRIBE_LANEAREA_VARIABLE = 0xdd;
    public static final int CMD_GET_TL_VARIABLE = 0xa2;
    public static final int CMD_SET_TL_VARIABLE = 0xc2;
    public static final int CMD_SUBSCRIBE_TL_VARIABLE = 0xd2;
    public static final int CMD_GET_LANE_VARIABLE = 0xa3;
    public static final int CMD_SUBSCRIBE_LANE_VARIABLE = 0xd3;
    public static final int CMD_GET_VEHICLE_VARIABLE = 0xa4;
    public static final int CMD_SUBSCRIBE_VEHICLE_VARIABLE = 0xd4;
    public static final int CMD_GET_SIM_VARIABLE = 0xab;
    public static final int CMD_SUBSCRIBE_SIM_VARIABLE = 0xdb;

    // data types
    public static final int POSITION_2D = 0x01;
    public static final int POSITION_3D = 0x03;
    public static final int TYPE_POLYGON = 0x06;
    public static final int TYPE_UBYTE = 0x07;
    public static final int TYPE_BYTE = 0x08;
    public static final int TYPE_INTEGER = 0x09;
    public static final int TYPE_DOUBLE = 0x0B;
    public static final int TYPE_STRING = 0x0C;
    public static final int TYPE_STRINGLIST = 0x0E;
    public static final int TYPE_COMPOUND = 0x0F;
    public static final int TYPE_DOUBLELIST = 0x10;
    public static final int TYPE_COLOR = 0x11;

    // result codes
    public static final int RTYPE_OK = 0x00;
    public static final int RTYPE_NOTIMPLEMENTED = 0x01;
    public static final int RTYPE_ERR = 0xFF;

    /** "From now on" / "forever" in subscription begin and end times. */
    public static final double INVALID_DOUBLE_VALUE = -1073741824.0;

    // variables shared by several families
    public static final int TRACI_ID_LIST = 0x00;
    public static final int ID_COUNT = 0x01;
    public static final int LAST_STEP_VEHICLE_NUMBER = 0x10;
    public static final int LAST_STEP_MEAN_SPEED = 0x11;
    public static final int LAST_STEP_VEHICLE_ID_LIST = 0x12;
    public static final int LAST_STEP_OCCUPANCY = 0x13;
    public static final int LAST_STEP_VEHICLE_HALTING_NUMBER = 0x14;
    public static final int JAM_LENGTH_METERS = 0x19;
    public static final int VAR_POSITION = 0x42;
    public static final int VAR_LENGTH = 0x44;
    public static final int VAR_SHAPE = 0x4e;
    public static final int VAR_LANE_ID = 0x51;
    public static final int VAR_LANEPOSITION = 0x56;
    public static final int VAR_WAITING_TIME = 0x7a;

    // traffic lights
    public static final int TL_RED_YELLOW_GREEN_STATE = 0x20;
    public static final int TL_PHASE_INDEX = 0x22;
    public static final int TL_PROGRAM = 0x23;
    public static final int TL_PHASE_DURATION = 0x24;
    public static final int TL_CONTROLLED_LANES = 0x26;
    public static final int TL_CONTROLLED_LINKS = 0x27;
    public static final int TL_CURRENT_PHASE = 0x28;
    public static final int TL_CURRENT_PROGRAM = 0x29;
    public static final int TL_COMPLETE_DEFINITION_RYG = 0x2b;
    public static final int TL_COMPLETE_PROGRAM_RYG = 0x2c;
    public static final int TL_NEXT_SWITCH = 0x2d;

    // simulation
    public static final int VAR_TIME = 0x66;
    public static final int VAR_LOADED_VEHICLES_NUMBER = 0x71;
    public static final int VAR_DEPARTED_VEHICLES_NUMBER = 0x73;
    public static final int VAR_ARRIVED_VEHICLES_NUMBER = 0x79;
    public static final int VAR_DELTA_T = 0x7b;
    public static final int VAR_MIN_EXPECTED_VEHICLES = 0x7d;

    private TraciConstants() {
    }
}
