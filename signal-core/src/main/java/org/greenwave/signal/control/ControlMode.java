package org.greenwave.signal.control;

/** Who is in charge of an intersection's plans. */
public enum ControlMode {
    /** greenwave's validated plans go to the controller directly. */
    AUTO,
    /** greenwave proposes cycle plans; each waits for an engineer's approval; the controller keeps the last approved. */
    ADVISORY,
    /** An engineer's plan is held; greenwave does not change it. */
    MANUAL
}
