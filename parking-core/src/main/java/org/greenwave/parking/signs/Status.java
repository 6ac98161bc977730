package org.greenwave.parking.signs;

/** What a sign says about a car park (DATEX II / FIWARE have matching values, see the standards mappers). */
public enum Status { OPEN, ALMOST_FULL, FULL, CLOSED, NO_DATA }
