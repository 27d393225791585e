package com.callintel.hub.screenpop;

import java.time.Instant;

import com.callintel.hub.calls.CallEvent;

/** A call event that makes a screen pop, with when its webhook reached the hub (the pop's latency starts there). */
public record PopTrigger(CallEvent call, Instant receivedAt) {
}
