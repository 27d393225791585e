package com.callintel.hub.sandbox;

import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;

/**
 * The sandbox AMS as a process of its own (ops/local-cluster.sh): the Applied Epic simulator with the sandbox's
 * client book on a fixed loopback port, until it is stopped. The hub nodes reach it only because the operator names
 * it a trusted target ({@code callintel.egress.trusted-targets}).
 * <pre>java -cp ... com.callintel.hub.sandbox.AmsSimulatorServer 18070</pre>
 */
public final class AmsSimulatorServer {

    private AmsSimulatorServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        AppliedEpicSimulator epic = AppliedEpicSimulator.builder().port(Integer.parseInt(args[0])).build();
        epic.start();
        Runtime.getRuntime().addShutdownHook(new Thread(epic::close));
        System.out.println("Applied Epic simulator at " + epic.baseUrl());
        Thread.currentThread().join();
    }
}
