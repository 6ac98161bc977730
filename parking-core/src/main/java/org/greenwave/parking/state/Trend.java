package org.greenwave.parking.state;

/** Which way a car park's occupancy is moving. */
public enum Trend { FILLING, EMPTYING, STATIC }
