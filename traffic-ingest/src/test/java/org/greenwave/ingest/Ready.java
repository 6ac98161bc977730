package org.greenwave.ingest;

import static io.restassured.RestAssured.given;

/** Tests talk to the service once it is ready (registry loaded, duplicate windows restored), as a balancer would. */
final class Ready {

    static void await() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("traffic-ingest not ready within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private Ready() {
    }
}
