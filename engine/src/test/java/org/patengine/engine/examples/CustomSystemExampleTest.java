package org.patengine.engine.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.patengine.engine.train.Evaluation;

/** Runs the user-facing example, so it keeps compiling and keeps working. */
class CustomSystemExampleTest {

    @Test
    void exampleLearnsTheCircleOnTheApparatus() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Evaluation e = CustomSystemExample.run(new PrintStream(buf, true, StandardCharsets.UTF_8), 30);
        String log = buf.toString(StandardCharsets.UTF_8);
        System.out.print(log);
        assertTrue(log.contains("epoch 29"), log);
        // about 28 % of points are inside: always answering "outside" scores ~72 %
        assertTrue(e.physicalAccuracy() > 0.9, e.toString());
    }

    /** The example's model passes the same VJP checks as any digital model should. */
    @Test
    void exampleModelVjp() {
        org.patengine.engine.MapChecks.check(new CustomSystemExample.SineModel(3), 4,
                new float[] {0.1f, -0.5f, 0.9f, 0.3f, 0.2f, -0.8f, -0.1f, 0.4f, 0.6f, -0.3f, 0.7f, 0.05f},
                new float[] {1.2f, -0.7f, 2f}, 1e-2f, 2e-3, 1);
    }
}
