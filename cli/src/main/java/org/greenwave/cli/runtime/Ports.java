package org.greenwave.cli.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks listening ports: the conventional one when it is free, any free one otherwise. */
public final class Ports {

    public static int preferred(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            return free();
        }
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private Ports() {
    }
}
