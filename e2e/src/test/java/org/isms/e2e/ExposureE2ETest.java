package org.isms.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In the local stack only the gateway and Keycloak are meant to be reached: the services, the gateway's
 * management port and Keycloak's (health, metrics) listen on 127.0.0.1 alone, and no metrics are served through
 * the public entry.
 */
@ExtendWith(RunningStack.class)
class ExposureE2ETest {

    @Test
    void shouldListenOnTheLoopbackOnlyButForTheGatewayAndKeycloak() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        Assumptions.assumeTrue(outside != null, "this host has no address but the loopback");
        for (int port : new int[] { 8081, 8082, 8083, 8084, 8085, 9080, 8190 }) {
            assertThat(connects(outside, port)).as("port " + port + " on " + outside).isFalse();
            assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("port " + port + " on the loopback").isTrue();
        }
        assertThat(connects(outside, 8080)).as("the gateway").isTrue();
        assertThat(connects(outside, 8180)).as("Keycloak").isTrue();
    }

    @Test
    void shouldServeNoMetricsOrHealthThroughTheGateway() {
        given().baseUri(RunningStack.GATEWAY).get("/q/metrics").then().statusCode(404)
                .contentType("application/problem+json");
        given().baseUri(RunningStack.GATEWAY).get("/q/health/ready").then().statusCode(404);
        given().baseUri("http://127.0.0.1:9080").get("/q/metrics").then().statusCode(200);
    }

    private static boolean connects(InetAddress host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        return null;
    }
}
