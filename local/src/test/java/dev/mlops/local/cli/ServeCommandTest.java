package dev.mlops.local.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeCommandTest {

    @TempDir
    Path home;

    @Test
    void serve_portTaken_isClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = MlopsCli.run(Map.of("MLOPS_HOME", home.toString()), Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err),
                    "serve", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, code);
            assertTrue(err.toString().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is taken"), err.toString());
            assertTrue(out.toString().contains("created local tokens"), out.toString());
        }
    }
}
