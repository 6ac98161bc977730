package org.greenwave.sumo.traci;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * TraCI over TCP to a SUMO started with {@code --remote-port}. A SUMO that stops answering (frozen, or its machine
 * gone without closing the connection) fails the run after {@link #ANSWER_TIMEOUT} instead of hanging it; a SUMO that
 * dies fails it at once ("TraCI connection to sumo lost").
 */
public final class SocketTraciConnection implements TraciConnection {

    /**
     * How long one answer may take: system property {@code greenwave.sumo.answer-timeout-seconds}, default 300 (a step
     * of a large city network takes well under a second; loading one, a few seconds).
     */
    public static final Duration ANSWER_TIMEOUT =
            Duration.ofSeconds(Long.getLong("greenwave.sumo.answer-timeout-seconds", 300));

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private boolean closed;

    private final Duration answerTimeout;

    private SocketTraciConnection(Socket socket, Duration answerTimeout) throws IOException {
        this.socket = socket;
        this.answerTimeout = answerTimeout;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, answerTimeout.toMillis()));
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
    }

    /**
     * Connects to SUMO, retrying while it starts up.
     *
     * @param port    SUMO's {@code --remote-port}
     * @param timeout how long SUMO may take to listen
     * @param sumo    the SUMO process, to stop waiting early when it dies (may be null)
     */
    public static SocketTraciConnection connect(int port, Duration timeout, Process sumo) {
        return connect(port, timeout, sumo, ANSWER_TIMEOUT);
    }

    /** As {@link #connect(int, Duration, Process)}, with how long one answer may take. */
    public static SocketTraciConnection connect(int port, Duration timeout, Process sumo, Duration answerTimeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (sumo != null && !sumo.isAlive()) {
                throw new TraciException("sumo exited with code " + sumo.exitValue() + " before accepting TraCI");
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return new SocketTraciConnection(socket, answerTimeout);
            } catch (ConnectException e) {
                last = e;
                closeQuietly(socket);
                sleep(50);
            } catch (IOException e) {
                closeQuietly(socket);
                throw new TraciException("cannot connect to sumo on port " + port, e);
            }
        }
        throw new TraciException("sumo did not accept TraCI on port " + port + " within " + timeout.toSeconds() + " s",
                last);
    }

    @Override
    public synchronized List<TraciResponse> exchange(List<TraciCommand> commands) {
        if (closed) {
            throw new TraciException("TraCI connection is closed");
        }
        try {
            out.write(TraciProtocol.encodeMessage(commands));
            out.flush();
            int length = in.readInt();
            if (length < 4) {
                throw new TraciException("invalid TraCI message length " + length);
            }
            byte[] body = new byte[length - 4];
            in.readFully(body);
            return TraciProtocol.decodeMessage(body, commands);
        } catch (java.net.SocketTimeoutException e) {
            closed = true;
            closeQuietly(socket);
            throw new TraciException("sumo did not answer within " + answerTimeout.toSeconds() + " s"
                    + " (greenwave.sumo.answer-timeout-seconds); connection closed", e);
        } catch (IOException e) {
            closed = true;
            closeQuietly(socket);
            throw new TraciException("TraCI connection to sumo lost", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            exchange(new TraciCommand(TraciConstants.CMD_CLOSE, new byte[0], TraciCommand.Reply.STATUS_ONLY));
        } catch (TraciException e) {
            // SUMO may already be gone; closing the socket is all that is left to do
        } finally {
            closed = true;
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraciException("interrupted while connecting to sumo");
        }
    }
}
