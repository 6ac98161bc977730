package org.greenwave.kafka.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs the in-process broker on its own: {@code java -jar ... [port] [partitions] [dataDir]}. */
public final class Main {

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path dataDir = args.length > 2 ? Path.of(args[2]) : null;
        EmbeddedKafka kafka = EmbeddedKafka.start(port, partitions, dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }));
        System.out.println("kafka: " + kafka.bootstrapServers());
        stopped.await();
    }

    private Main() {
    }
}
